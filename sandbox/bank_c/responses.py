"""Signed Bank C responses: every JSON body Bank C produces is signed by its platform key.

Headers: ``Request-ID``, ``Bankc-Timestamp``, ``Bankc-Nonce``, ``Bankc-Serial`` and
``Bankc-Signature`` over ``<timestamp>\\n<nonce>\\n<body>\\n`` (bank-dialects.md §3.2).
"""

from __future__ import annotations

from collections.abc import Callable

import orjson
from starlette.responses import Response

from sandbox.bank_c import formats, signing
from sandbox.bank_c.credentials import PlatformKey
from sandbox.bank_c.errors import BankCError, envelope_failure, envelope_success


class ResponseSigner:
    """Renders envelopes as signed JSON responses with the active platform key."""

    def __init__(self, platform: PlatformKey, unix_time: Callable[[], float]) -> None:
        self._platform = platform
        self._unix_time = unix_time

    def success(self, data: object, request_id: str) -> Response:
        return self.signed(envelope_success(data, request_id), request_id)

    def failure(
        self,
        error: BankCError,
        request_id: str,
        status_code: int = 200,
        headers: dict[str, str] | None = None,
    ) -> Response:
        return self.signed(envelope_failure(error, request_id), request_id, status_code, headers)

    def signed(
        self,
        payload: object,
        request_id: str,
        status_code: int = 200,
        headers: dict[str, str] | None = None,
    ) -> Response:
        """Serialise ``payload`` once (compact UTF-8, Chinese unescaped) and sign those bytes."""
        body = orjson.dumps(payload)
        stamp, nonce = str(int(self._unix_time())), formats.nonce()
        signature = signing.sign(
            self._platform.private_key, signing.response_message(stamp, nonce, body)
        )
        signed_headers = {
            "Request-ID": request_id,
            "Bankc-Timestamp": stamp,
            "Bankc-Nonce": nonce,
            "Bankc-Serial": self._platform.serial_no,
            "Bankc-Signature": signature,
            **(headers or {}),
        }
        return Response(
            body, status_code, signed_headers, media_type="application/json; charset=utf-8"
        )
