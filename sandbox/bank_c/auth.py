"""Verification of signed partner requests (bank-dialects.md §3.2).

``RequestVerifier.verify`` returns the authenticated ``mchid`` or raises ``BankCError`` with
code ``20001`` and the sub-code of the first failed check, in this order: header syntax
(``SIGN_ERROR``), partner number (``MCH_NOT_EXISTS``), certificate serial
(``CERT_SERIAL_UNKNOWN``), timestamp window (``TIMESTAMP_EXPIRED``), signature
(``SIGN_ERROR``), nonce reuse (``NONCE_REUSED``). A nonce is remembered only once its request
verified, so forged requests cannot burn a partner's nonces.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable, Mapping

from sandbox.bank_c import signing
from sandbox.bank_c.errors import auth_error, invalid, missing
from sandbox.bank_c.settings import Settings

NONCE = re.compile(r"[A-Za-z0-9]{16,32}")
TIMESTAMP = re.compile(r"[0-9]{1,12}")


class NonceCache:
    """Nonces seen per partner, forgotten ``ttl`` seconds after their request's arrival."""

    def __init__(self, ttl: int) -> None:
        self._ttl = ttl
        self._seen: dict[tuple[str, str], float] = {}
        self._order: deque[tuple[float, tuple[str, str]]] = deque()

    def seen(self, mchid: str, nonce: str, now: float) -> bool:
        self._forget_before(now - self._ttl)
        return (mchid, nonce) in self._seen

    def remember(self, mchid: str, nonce: str, now: float) -> None:
        self._seen[(mchid, nonce)] = now
        self._order.append((now, (mchid, nonce)))

    def _forget_before(self, cutoff: float) -> None:
        while self._order and self._order[0][0] <= cutoff:
            at, key = self._order.popleft()
            if self._seen.get(key) == at:
                del self._seen[key]


class RequestVerifier:
    """Checks the ``Authorization`` signature and the required headers of one request."""

    def __init__(self, settings: Settings, clock: Callable[[], float]) -> None:
        self._keys = settings.keys
        self._settings = settings
        self._clock = clock
        self._nonces = NonceCache(settings.nonce_ttl)

    def verify(
        self, method: str, path_and_query: str, headers: Mapping[str, str], body: bytes
    ) -> str:
        """Return the caller's ``mchid``; raise ``BankCError`` (20001, 40001, 40002)."""
        try:
            header = headers.get("authorization")
            params = signing.parse_authorization(header, self._settings.scheme)
        except signing.MalformedAuthorization as exc:
            raise auth_error("SIGN_ERROR", str(exc)) from None
        if NONCE.fullmatch(params.nonce_str) is None:
            raise auth_error("SIGN_ERROR", "nonce_str must be 16-32 letters or digits")
        if TIMESTAMP.fullmatch(params.timestamp) is None:
            raise auth_error("SIGN_ERROR", "timestamp must be Unix seconds")
        if not self._keys.knows_mchid(params.mchid):
            raise auth_error("MCH_NOT_EXISTS", f"商户号 {params.mchid} 不存在")
        partner = self._keys.partner(params.mchid, params.serial_no)
        if partner is None:
            raise auth_error("CERT_SERIAL_UNKNOWN", f"证书序列号 {params.serial_no} 无效")
        now = self._clock()
        if abs(now - int(params.timestamp)) > self._settings.timestamp_tolerance:
            raise auth_error("TIMESTAMP_EXPIRED", "请求时间戳与服务器时间相差超过 300 秒")
        message = signing.request_message(
            method, path_and_query, params.timestamp, params.nonce_str, body
        )
        if not signing.verify(partner.public_key, message, params.signature):
            raise auth_error("SIGN_ERROR", "签名验证失败 (signature does not verify)")
        if self._nonces.seen(params.mchid, params.nonce_str, now):
            raise auth_error("NONCE_REUSED", "nonce_str 在 10 分钟内重复使用")
        self._nonces.remember(params.mchid, params.nonce_str, now)
        check_headers(method, headers)
        return params.mchid


def check_headers(method: str, headers: Mapping[str, str]) -> None:
    """``Accept: application/json``, a non-empty ``User-Agent`` and, on POST,
    ``Content-Type: application/json``."""
    if not headers.get("user-agent", "").strip():
        raise missing("User-Agent")
    accept = headers.get("accept")
    if not accept:
        raise missing("Accept")
    media_types = {part.split(";")[0].strip() for part in accept.split(",")}
    if not media_types & {"application/json", "application/*", "*/*"}:
        raise invalid("Accept", "must accept application/json")
    if method == "POST":
        content_type = headers.get("content-type")
        if not content_type:
            raise missing("Content-Type")
        if content_type.split(";")[0].strip().lower() != "application/json":
            raise invalid("Content-Type", "must be application/json")
