"""WeChat-Pay-v3-style request and response signatures (bank-dialects.md §3.2).

Pure functions: no clock, no I/O. The caller supplies timestamps, nonces and keys.

- A request is signed over five ``\\n``-terminated lines: method, path-and-query as sent,
  Unix timestamp, nonce, exact body bytes.
- A response is signed over three lines: timestamp, nonce, exact body bytes.
- Signatures are RSASSA-PKCS1-v1_5 with SHA-256, Base64 (standard alphabet, padded).
"""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa

SCHEME = "BANKC-SHA256-RSA2048"
"""The ``Authorization`` scheme token; WeChat Pay's equivalent is ``WECHATPAY2-SHA256-RSA2048``."""

AUTHORIZATION_FIELDS = frozenset({"mchid", "nonce_str", "timestamp", "serial_no", "signature"})

_PARAM = re.compile(r'\s*([a-z_]+)="([^"]*)"\s*')


class MalformedAuthorization(ValueError):
    """The ``Authorization`` header is absent, uses another scheme, or lacks a field."""


@dataclass(frozen=True, slots=True)
class AuthorizationParams:
    """The five parameters of a Bank C ``Authorization`` header, as strings exactly as sent."""

    mchid: str
    nonce_str: str
    timestamp: str
    serial_no: str
    signature: str


def request_message(
    method: str, path_and_query: str, timestamp: str, nonce: str, body: bytes
) -> bytes:
    """Return the five-line request signing string; every line ends in ``\\n``."""
    head = f"{method.upper()}\n{path_and_query}\n{timestamp}\n{nonce}\n".encode()
    return head + body + b"\n"


def response_message(timestamp: str, nonce: str, body: bytes) -> bytes:
    """Return the three-line response signing string; every line ends in ``\\n``."""
    return f"{timestamp}\n{nonce}\n".encode() + body + b"\n"


def sign(private_key: rsa.RSAPrivateKey, message: bytes) -> str:
    """Sign ``message`` with SHA256withRSA and return the Base64 signature."""
    raw = private_key.sign(message, padding.PKCS1v15(), hashes.SHA256())
    return base64.b64encode(raw).decode("ascii")


def verify(public_key: rsa.RSAPublicKey, message: bytes, signature: str) -> bool:
    """Return whether ``signature`` (Base64) is a valid SHA256withRSA signature of ``message``."""
    try:
        raw = base64.b64decode(signature.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError):
        return False
    try:
        public_key.verify(raw, message, padding.PKCS1v15(), hashes.SHA256())
    except InvalidSignature:
        return False
    return True


def authorization_header(params: AuthorizationParams, scheme: str = SCHEME) -> str:
    """Render ``params`` as an ``Authorization`` header value."""
    fields = (
        f'mchid="{params.mchid}"',
        f'nonce_str="{params.nonce_str}"',
        f'timestamp="{params.timestamp}"',
        f'serial_no="{params.serial_no}"',
        f'signature="{params.signature}"',
    )
    return f"{scheme} " + ",".join(fields)


def parse_authorization(header: str | None, scheme: str = SCHEME) -> AuthorizationParams:
    """Parse an ``Authorization`` header value; parameter order is irrelevant.

    Raises ``MalformedAuthorization`` for a missing header, another scheme, an unparsable,
    duplicated, unknown or missing parameter.
    """
    if not header:
        raise MalformedAuthorization("Authorization header missing")
    token, _, rest = header.strip().partition(" ")
    if token != scheme:
        raise MalformedAuthorization(f"Authorization scheme must be {scheme}")
    values: dict[str, str] = {}
    for part in rest.split(","):
        match = _PARAM.fullmatch(part)
        if match is None:
            raise MalformedAuthorization('Authorization parameters are not name="value" pairs')
        name, value = match.groups()
        if name not in AUTHORIZATION_FIELDS or name in values:
            raise MalformedAuthorization(f"unexpected or repeated Authorization parameter {name}")
        values[name] = value
    missing = AUTHORIZATION_FIELDS - values.keys()
    if missing:
        raise MalformedAuthorization(f"Authorization lacks {', '.join(sorted(missing))}")
    return AuthorizationParams(**values)
