"""Typed async client for Bank D (FDX v5 + fund extensions), OAuth2 with `private_key_jwt`.

Client authentication signs a fresh RFC 7523 assertion for every token request (Authlib's
PrivateKeyJWT without a shared `claims` dict, so every `jti` is new). The catalogue uses a
cached client-credentials token; customer data uses that customer's authorization-code grant
(PKCE S256, `login_hint`), refreshed with the rotating refresh token, newest one kept.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import orjson
from authlib.integrations.httpx_client import OAuth2Auth, OAuth2ClientAuth
from authlib.oauth2.rfc7523 import PrivateKeyJWT
from authlib.oauth2.rfc7636 import create_s256_code_challenge

from subgraphs.common.errors import (
    BankAuthError,
    BankNotFound,
    BankProtocolError,
    BankRejected,
    BankUnavailable,
)
from subgraphs.common.http import RetryPolicy, decode_json, send
from subgraphs.common.oauth import (
    AuthorizationCodeGrants,
    ClientCredentialsTokens,
    TokenEndpoint,
    authorization_code,
)
from subgraphs.common.settings import Secret
from subgraphs.funds.bank_d.wire import (
    DFund,
    DInvestmentAccount,
    DNav,
    DOrder,
    DRiskProfile,
    DSettlementAccount,
    parse_account,
    parse_accounts,
    parse_fund,
    parse_nav,
    parse_order,
    parse_risk_profile,
    parse_settlement_account,
)

__all__ = ["BankDClient", "BankDCredentials", "FdxPage"]

BANK = "D"
CUSTOMER_SCOPE = "accounts investments transactions funds orders"
PAGE_LIMIT = 100
MAX_PAGES = 50

# Never visited: the sandbox auto-approves and the code is read from the redirect itself.
DEFAULT_REDIRECT_URI = "http://127.0.0.1/bankgraph/callback"


@dataclass(frozen=True, slots=True)
class BankDCredentials:
    """Client id, signing key id/algorithm and the private key registered at Bank D."""

    client_id: str
    kid: str
    alg: str
    private_key_pem: Secret
    redirect_uri: str = DEFAULT_REDIRECT_URI

    @classmethod
    def from_dir(cls, directory: Path) -> BankDCredentials:
        """Read bank_d_client.json ({client_id, kid, alg}) and bank_d_client_key.pem."""
        meta = orjson.loads((directory / "bank_d_client.json").read_bytes())
        return cls(
            client_id=str(meta["client_id"]),
            kid=str(meta["kid"]),
            alg=str(meta.get("alg", "PS256")),
            private_key_pem=Secret((directory / "bank_d_client_key.pem").read_text()),
            redirect_uri=meta.get("redirect_uri", DEFAULT_REDIRECT_URI),
        )


@dataclass(frozen=True, slots=True)
class FdxPage:
    """Funds of one catalogue page and the opaque `nextOffset` (None = last page)."""

    items: tuple[DFund, ...]
    next_offset: str | None


@dataclass(slots=True)
class BankDClient:
    """Bank D over one httpx client; see the module docstring."""

    http: httpx.AsyncClient
    credentials: BankDCredentials
    policy: RetryPolicy = field(default_factory=RetryPolicy)
    token_path: str = "/oauth2/token"
    authorize_path: str = "/oauth2/authorize"
    _app_tokens: ClientCredentialsTokens = field(init=False)
    _grants: AuthorizationCodeGrants = field(init=False)

    def __post_init__(self) -> None:
        endpoint = TokenEndpoint(self.http, self.token_path, self._client_auth, BANK, self.policy)
        self._app_tokens = ClientCredentialsTokens(endpoint, scope="funds")
        self._grants = AuthorizationCodeGrants(endpoint, authorise=self._authorise)

    @property
    def token_url(self) -> str:
        """Absolute token endpoint URL: the `aud` of every client assertion."""
        return str(self.http.base_url.join(self.token_path))

    def _client_auth(self) -> httpx.Auth:
        # A new PrivateKeyJWT per token request and no `claims`: each assertion gets its own jti.
        method = PrivateKeyJWT(
            self.token_url, headers={"kid": self.credentials.kid}, alg=self.credentials.alg
        )
        return OAuth2ClientAuth(
            self.credentials.client_id, self.credentials.private_key_pem.reveal(), method
        )

    # -- catalogue (client credentials) --------------------------------------------------------

    async def funds_page(self, offset: str | None) -> FdxPage:
        """One page of the fund catalogue."""
        params = {"limit": str(PAGE_LIMIT), **({"offset": offset} if offset else {})}
        body = await self._app_get("/bankd/v1/funds", params)
        return FdxPage(tuple(parse_fund(f) for f in body.get("funds") or []), _next_offset(body))

    async def all_funds(self) -> list[DFund]:
        """The whole catalogue (walks pages until no nextOffset, capped)."""
        funds: list[DFund] = []
        offset = None
        for _ in range(MAX_PAGES):
            page = await self.funds_page(offset)
            funds.extend(page.items)
            if page.next_offset is None:
                return funds
            offset = page.next_offset
        raise BankProtocolError(BANK, "fund catalogue longer than the page cap")

    async def navs(self, fund_code: str, start: str, end: str) -> list[DNav]:
        """NAV history between two dates (newest first)."""
        body = await self._app_get(
            f"/bankd/v1/funds/{quote(fund_code, safe='')}/navs",
            {"startDate": start, "endDate": end, "limit": str(PAGE_LIMIT)},
        )
        return [parse_nav(item) for item in body.get("navs") or []]

    # -- customer data (authorization code grant) ----------------------------------------------

    async def accounts(self, customer_id: str) -> list[DInvestmentAccount]:
        """The customer's investment accounts with their holdings (`resultType=details`): one
        call per page however many holdings; other FDX account classes are skipped."""
        items: list[DInvestmentAccount] = []
        params: dict[str, str] = {"limit": str(PAGE_LIMIT), "resultType": "details"}
        for _ in range(MAX_PAGES):
            body = await self._customer_call(customer_id, "GET", "/fdx/v5/accounts", params)
            items.extend(parse_accounts(body.get("accounts")))
            nxt = _next_offset(body)
            if nxt is None:
                return items
            params = {"limit": str(PAGE_LIMIT), "resultType": "details", "offset": nxt}
        raise BankProtocolError(BANK, "account list longer than the page cap")

    async def account(self, customer_id: str, account_id: str) -> DInvestmentAccount:
        """One investment account with its holdings."""
        path = f"/fdx/v5/accounts/{quote(account_id, safe='')}"
        return parse_account(await self._customer_call(customer_id, "GET", path))

    async def risk_profile(self, customer_id: str) -> DRiskProfile:
        """The customer's suitability assessment."""
        path = "/bankd/v1/customers/current/risk-profile"
        return parse_risk_profile(await self._customer_call(customer_id, "GET", path))

    async def settlement_accounts(self, customer_id: str) -> list[DSettlementAccount]:
        """[Sandbox] The customer's Bank A accounts an order may name as `settlementAccountId`."""
        path = "/bankd/v1/customers/current/settlement-accounts"
        body = await self._customer_call(customer_id, "GET", path)
        items = body.get("settlementAccounts") if isinstance(body, dict) else None
        if not isinstance(items, list):
            raise BankProtocolError(BANK, "settlement-accounts without a list")
        return [parse_settlement_account(item) for item in items]

    async def place_order(
        self, customer_id: str, account_id: str, idempotency_key: str, body: dict[str, Any]
    ) -> DOrder:
        """POST a fund order with `idempotency-key` (same key + same body = original order)."""
        raw = await self._customer_call(
            customer_id,
            "POST",
            f"/bankd/v1/accounts/{quote(account_id, safe='')}/fund-orders",
            content=orjson.dumps(body, default=_json_number),
            headers={"idempotency-key": idempotency_key, "Content-Type": "application/json"},
        )
        return parse_order(raw)

    async def order(self, customer_id: str, account_id: str, order_id: str) -> DOrder:
        """One fund order."""
        path = f"/bankd/v1/accounts/{quote(account_id, safe='')}/fund-orders/"
        return parse_order(
            await self._customer_call(customer_id, "GET", path + quote(order_id, safe=""))
        )

    async def _app_get(self, path: str, params: dict[str, str]) -> Any:
        for attempt in range(2):
            token = await self._app_tokens.get()
            response = await self._send("GET", path, token, params=params)
            if response.status_code == 401 and attempt == 0:
                self._app_tokens.invalidate()
                continue
            return _check(response)
        raise BankAuthError(BANK, "client token refused twice")

    async def _customer_call(
        self,
        customer_id: str,
        method: str,
        path: str,
        params: dict[str, str] | None = None,
        content: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> Any:
        for attempt in range(2):
            token = await self._grants.get(customer_id)
            response = await self._send(method, path, token, params, content, headers)
            if response.status_code == 401 and attempt == 0:
                self._grants.invalidate(customer_id)
                continue
            return _check(response)
        raise BankAuthError(BANK, "customer token refused after re-authorisation")

    async def _send(
        self,
        method: str,
        path: str,
        token: str,
        params: dict[str, str] | None = None,
        content: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> httpx.Response:
        request = self.http.build_request(
            method,
            path,
            params=params,
            content=content,
            headers={"Accept": "application/json", "FDX-API-Actor-Type": "USER", **(headers or {})},
        )
        # GETs are safe; POSTs carry an idempotency-key the bank replays, so they are too.
        return await send(
            self.http,
            request,
            bank=BANK,
            idempotent=True,
            policy=self.policy,
            auth=OAuth2Auth({"access_token": token, "token_type": "Bearer"}),
        )

    async def _authorise(self, customer_id: str) -> dict[str, str]:
        verifier = secrets.token_urlsafe(48)
        params = {
            "response_type": "code",
            "client_id": self.credentials.client_id,
            "redirect_uri": self.credentials.redirect_uri,
            "scope": CUSTOMER_SCOPE,
            "state": secrets.token_urlsafe(16),
            "code_challenge": create_s256_code_challenge(verifier),
            "code_challenge_method": "S256",
            "login_hint": customer_id,
        }
        code = await authorization_code(
            self.http, self.authorize_path, params, bank=BANK, policy=self.policy
        )
        return {
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": self.credentials.redirect_uri,
            "code_verifier": verifier,
        }


def _json_number(value: Any) -> orjson.Fragment:
    """FDX money and units are JSON numbers: write a Decimal's exact digits, never a float."""
    if isinstance(value, Decimal):
        return orjson.Fragment(format(value, "f").encode())
    raise TypeError(f"cannot serialise {type(value).__name__}")


def _next_offset(body: Any) -> str | None:
    page = body.get("page") if isinstance(body, dict) else None
    nxt = page.get("nextOffset") if isinstance(page, dict) else None
    return None if nxt in (None, "") else str(nxt)


def _check(response: httpx.Response) -> Any:
    """The JSON body of a 2xx response, or the matching BankError (FDX `code` as a string)."""
    status = response.status_code
    if 200 <= status < 300:
        return decode_json(response, BANK) if response.content else {}
    code, message = str(status), f"HTTP {status}"
    if response.content:
        try:
            body = decode_json(response, BANK)
        except BankProtocolError:
            body = None
        if isinstance(body, dict):
            code = str(body.get("code", code))
            message = str(body.get("message") or message)
    if status == 404 or (status == 403 and code == "706"):
        # 706: another customer's account; to this caller it does not exist.
        raise BankNotFound(BANK, f"{code}: {message}")
    if status == 401:
        raise BankAuthError(BANK, message)
    if status == 429 or status >= 500:
        raise BankUnavailable(BANK, f"HTTP {status}")
    raise BankRejected(BANK, code, message)
