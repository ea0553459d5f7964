"""Bank C request signing and response verification (WeChat Pay API v3 scheme).

Request: sign "METHOD\\nPATH?QUERY\\nTIMESTAMP\\nNONCE\\nBODY\\n" with SHA256withRSA and send it in
`Authorization: <scheme> mchid=..,nonce_str=..,timestamp=..,serial_no=..,signature=..`.
The signer is an httpx auth flow, so every attempt (retries included) gets a fresh timestamp
and nonce over the exact bytes httpx sends. Response: verify "TS\\nNONCE\\nBODY\\n" against the
platform key named by `Bankc-Serial`.
"""

from __future__ import annotations

import base64
import secrets
import string
import time
from collections.abc import Callable, Generator, Mapping
from dataclasses import dataclass, field

import httpx
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.x509 import load_pem_x509_certificate

from subgraphs.common.errors import BankProtocolError

__all__ = ["BankCSigner", "load_public_key", "signing_message", "verify_response"]

_NONCE_ALPHABET = string.ascii_letters + string.digits
SCHEME = "BANKC-SHA256-RSA2048"


def signing_message(method: str, target: str, timestamp: str, nonce: str, body: bytes) -> bytes:
    """The five-line signing string (each line ends with \\n, the body line too)."""
    head = f"{method}\n{target}\n{timestamp}\n{nonce}\n".encode()
    return head + body + b"\n"


def load_public_key(pem: bytes) -> rsa.RSAPublicKey:
    """An RSA public key from a PEM certificate or a PEM public key."""
    key = (
        load_pem_x509_certificate(pem).public_key()
        if b"BEGIN CERTIFICATE" in pem
        else serialization.load_pem_public_key(pem)
    )
    if not isinstance(key, rsa.RSAPublicKey):
        raise ValueError("Bank C platform key is not RSA")
    return key


@dataclass(slots=True)
class BankCSigner(httpx.Auth):
    """httpx auth flow that signs each request as partner `mchid`."""

    mchid: str
    serial_no: str
    private_key: rsa.RSAPrivateKey = field(repr=False)
    scheme: str = SCHEME
    clock: Callable[[], float] = time.time

    requires_request_body = True

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        timestamp = str(int(self.clock()))
        nonce = "".join(secrets.choice(_NONCE_ALPHABET) for _ in range(32))
        target = request.url.raw_path.decode("ascii")
        message = signing_message(request.method, target, timestamp, nonce, request.content)
        signature = self.private_key.sign(message, padding.PKCS1v15(), hashes.SHA256())
        request.headers["Authorization"] = (
            f'{self.scheme} mchid="{self.mchid}",nonce_str="{nonce}",timestamp="{timestamp}",'
            f'serial_no="{self.serial_no}",signature="{base64.b64encode(signature).decode()}"'
        )
        yield request


def verify_response(response: httpx.Response, keys: Mapping[str, rsa.RSAPublicKey]) -> None:
    """Raise BankProtocolError unless the response is signed by a known platform key."""
    headers = response.headers
    serial = headers.get("Bankc-Serial")
    stamp = headers.get("Bankc-Timestamp")
    nonce = headers.get("Bankc-Nonce")
    signature = headers.get("Bankc-Signature")
    if not (serial and stamp and nonce and signature):
        raise BankProtocolError("C", "unsigned response")
    key = keys.get(serial)
    if key is None:
        raise BankProtocolError("C", f"response signed with unknown platform serial {serial}")
    message = f"{stamp}\n{nonce}\n".encode() + response.content + b"\n"
    try:
        key.verify(base64.b64decode(signature), message, padding.PKCS1v15(), hashes.SHA256())
    except (InvalidSignature, ValueError) as error:
        raise BankProtocolError("C", "response signature does not verify") from error
