"""Typed async client for Bank B (Berlin Group PIS) acting for a PSU (customer).

Authenticates with a cached client-credentials token (`client_secret_post`, scope PIS).
Every call carries `PSU-ID`. Initiation POSTs carry a caller-chosen `X-Request-ID` and the same
bytes on a retry, so Bank B replays the original 201 instead of creating a second payment.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import orjson
from authlib.integrations.httpx_client import OAuth2Auth, OAuth2ClientAuth

from subgraphs.common.errors import (
    BankAuthError,
    BankNotFound,
    BankProtocolError,
    BankRejected,
    BankUnavailable,
)
from subgraphs.common.http import RetryPolicy, decode_json, send
from subgraphs.common.oauth import ClientCredentialsTokens, TokenEndpoint
from subgraphs.common.settings import Secret
from subgraphs.payments.bank_b.wire import (
    BGPayment,
    parse_payment,
    parse_payment_list,
    parse_tpp_messages,
)

__all__ = ["BankBClient", "BankBCredentials"]

BANK = "B"
PRODUCT = "/v1/payments/sepa-credit-transfers"


@dataclass(frozen=True, slots=True)
class BankBCredentials:
    """The TPP's client registration at Bank B."""

    client_id: str
    client_secret: Secret

    @classmethod
    def from_file(cls, path: Path) -> BankBCredentials:
        """Read `bank_b_client.json` ({client_id, client_secret})."""
        data = orjson.loads(path.read_bytes())
        return cls(client_id=data["client_id"], client_secret=Secret(data["client_secret"]))


@dataclass(slots=True)
class BankBClient:
    """Bank B over one httpx client; see the module docstring."""

    http: httpx.AsyncClient
    credentials: BankBCredentials
    policy: RetryPolicy = field(default_factory=RetryPolicy)
    token_path: str = "/oauth2/token"
    redirect_uri: str = "http://127.0.0.1/bankgraph/sca-done"
    psu_ip_address: str = "127.0.0.1"
    _tokens: ClientCredentialsTokens = field(init=False)

    def __post_init__(self) -> None:
        endpoint = TokenEndpoint(
            self.http,
            self.token_path,
            lambda: OAuth2ClientAuth(
                self.credentials.client_id,
                self.credentials.client_secret.reveal(),
                "client_secret_post",
            ),
            BANK,
            self.policy,
        )
        self._tokens = ClientCredentialsTokens(endpoint, scope="PIS")

    async def initiate(self, psu_id: str, request_id: str, body: dict[str, Any]) -> BGPayment:
        """POST a SEPA credit transfer; `request_id` is the idempotency key (X-Request-ID).

        Raises BankRejected with the tppMessages code (and path) on a 4xx refusal.
        """
        content = orjson.dumps(body)
        headers = {
            "Content-Type": "application/json",
            "X-Request-ID": request_id,
            "PSU-IP-Address": self.psu_ip_address,
            "TPP-Redirect-URI": self.redirect_uri,
        }
        response = await self._call(psu_id, "POST", PRODUCT, headers, content, idempotent=True)
        return parse_payment(_check(response, expected=(201,)))

    async def get_payment(self, psu_id: str, payment_id: str) -> BGPayment:
        """The payment resource with its current status; BankNotFound if unknown or foreign."""
        response = await self._call(psu_id, "GET", f"{PRODUCT}/{payment_id}")
        return parse_payment(_check(response), payment_id)

    async def get_status(self, psu_id: str, payment_id: str) -> tuple[str, bool | None]:
        """(transactionStatus, fundsAvailable) of a payment."""
        response = await self._call(psu_id, "GET", f"{PRODUCT}/{payment_id}/status")
        body = _check(response)
        status = body.get("transactionStatus") if isinstance(body, dict) else None
        if not isinstance(status, str):
            raise BankProtocolError(BANK, "status without transactionStatus")
        return status, body.get("fundsAvailable")

    async def list_payments(self, psu_id: str) -> list[BGPayment]:
        """[Sandbox] every payment of the PSU (from all its accounts), newest first, in one
        response: the list call without `debtorIban`."""
        response = await self._call(psu_id, "GET", PRODUCT)
        return parse_payment_list(_check(response))

    async def cancel(self, psu_id: str, payment_id: str) -> None:
        """DELETE the payment; BankRejected (CANCELLATION_INVALID) once execution started."""
        response = await self._call(psu_id, "DELETE", f"{PRODUCT}/{payment_id}")
        if response.status_code in (202, 204):
            return
        _check(response)

    async def _call(
        self,
        psu_id: str,
        method: str,
        path: str,
        headers: dict[str, str] | None = None,
        content: bytes | None = None,
        params: dict[str, str] | None = None,
        idempotent: bool | None = None,
    ) -> httpx.Response:
        for attempt in range(2):
            token = await self._tokens.get()
            all_headers = {"Accept": "application/json", "PSU-ID": psu_id, **(headers or {})}
            all_headers.setdefault("X-Request-ID", str(uuid.uuid4()))
            request = self.http.build_request(
                method, path, headers=all_headers, content=content, params=params
            )
            response = await send(
                self.http,
                request,
                bank=BANK,
                idempotent=method == "GET" if idempotent is None else idempotent,
                policy=self.policy,
                auth=OAuth2Auth({"access_token": token, "token_type": "Bearer"}),
            )
            if (
                response.status_code == 401
                and attempt == 0
                and _codes(response)
                & {
                    "TOKEN_INVALID",
                    "TOKEN_EXPIRED",
                    "TOKEN_UNKNOWN",
                    "",
                }
            ):
                self._tokens.invalidate()
                continue
            return response
        return response


def _codes(response: httpx.Response) -> set[str]:
    if not response.content:
        return {""}
    try:
        return {m.code for m in parse_tpp_messages(decode_json(response, BANK))} or {""}
    except BankProtocolError:
        return {""}


def _check(response: httpx.Response, expected: tuple[int, ...] = (200,)) -> Any:
    """The JSON body of an expected response, or the matching BankError."""
    status = response.status_code
    if status in expected:
        return decode_json(response, BANK)
    messages = []
    if response.content:
        try:
            messages = parse_tpp_messages(decode_json(response, BANK))
        except BankProtocolError:
            messages = []
    errors = [m for m in messages if m.category == "ERROR"] or messages
    code = errors[0].code if errors else str(status)
    text = (errors[0].text or code) if errors else f"HTTP {status}"
    if code == "RESOURCE_UNKNOWN" or status == 404:
        raise BankNotFound(BANK, text)
    if status == 401:
        raise BankAuthError(BANK, f"{code}: {text}")
    if status == 429 or status >= 500:
        raise BankUnavailable(BANK, f"HTTP {status}")
    raise BankRejected(BANK, code, text, errors[0].path if errors else None)
