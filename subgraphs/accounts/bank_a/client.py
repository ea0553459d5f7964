"""Typed async client for Bank A (UK Open Banking AIS), acting for one customer at a time.

Per customer it runs the consent flow once (client-credentials token, account-access consent,
`/authorize` with `login_hint`, code exchange), caches that customer's access token, refreshes
it with the refresh token, and starts over when the bank answers 401. All resource calls are
GETs and therefore retried on transient failures; consent creation is not (OB: not idempotent).
"""

from __future__ import annotations

import secrets
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import httpx
import orjson
from authlib.integrations.httpx_client import OAuth2Auth, OAuth2ClientAuth
from joserfc import jwt
from joserfc.jwk import OctKey

from subgraphs.accounts.bank_a.wire import (
    OBAccount,
    OBBalance,
    OBPage,
    OBTransaction,
    parse_accounts,
    parse_balances,
    parse_transactions,
)
from subgraphs.common.errors import (
    BankAuthError,
    BankError,
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

__all__ = ["BankAClient", "BankACredentials"]

BANK = "A"
AISP = "/open-banking/v3.1/aisp"
PERMISSIONS = (
    "ReadAccountsBasic",
    "ReadAccountsDetail",
    "ReadBalances",
    "ReadTransactionsBasic",
    "ReadTransactionsCredits",
    "ReadTransactionsDebits",
    "ReadTransactionsDetail",
)
MAX_PAGES = 40

# Never visited: the sandbox auto-approves and the code is read from the redirect itself.
DEFAULT_REDIRECT_URI = "http://127.0.0.1/bankgraph/callback"


@dataclass(frozen=True, slots=True)
class BankACredentials:
    """The TPP's client registration at Bank A."""

    client_id: str
    client_secret: Secret
    redirect_uri: str = DEFAULT_REDIRECT_URI

    @classmethod
    def from_file(cls, path: Path) -> BankACredentials:
        """Read `bank_a_client.json` ({client_id, client_secret[, redirect_uri]})."""
        data = orjson.loads(path.read_bytes())
        return cls(
            client_id=data["client_id"],
            client_secret=Secret(data["client_secret"]),
            redirect_uri=data.get("redirect_uri", DEFAULT_REDIRECT_URI),
        )


@dataclass(slots=True)
class BankAClient:
    """Bank A for many customers over one httpx client; see the module docstring."""

    http: httpx.AsyncClient
    credentials: BankACredentials
    policy: RetryPolicy = field(default_factory=RetryPolicy)
    token_path: str = "/token"
    authorize_path: str = "/authorize"
    _app_tokens: ClientCredentialsTokens = field(init=False)
    _grants: AuthorizationCodeGrants = field(init=False)

    def __post_init__(self) -> None:
        endpoint = TokenEndpoint(self.http, self.token_path, self._client_auth, BANK, self.policy)
        self._app_tokens = ClientCredentialsTokens(endpoint, scope="accounts")
        self._grants = AuthorizationCodeGrants(endpoint, authorise=self._authorise)

    def _client_auth(self) -> httpx.Auth:
        return OAuth2ClientAuth(
            self.credentials.client_id,
            self.credentials.client_secret.reveal(),
            "client_secret_basic",
        )

    # -- resources ---------------------------------------------------------------------------

    async def list_accounts(self, customer_id: str) -> list[OBAccount]:
        """Every account the customer consented to share (all pages)."""
        return await self._all_pages(customer_id, f"{AISP}/accounts", parse_accounts)

    async def get_account(self, customer_id: str, account_id: str) -> OBAccount:
        """One account; BankNotFound if unknown or not the customer's."""
        page = parse_accounts(await self._get(customer_id, f"{AISP}/accounts/{account_id}"))
        if not page.records:
            raise BankNotFound(BANK, f"account {account_id} not found")
        return page.records[0]

    async def bulk_balances(self, customer_id: str) -> list[OBBalance]:
        """Balances of all consented accounts in one walk of bulk /balances."""
        return await self._all_pages(customer_id, f"{AISP}/balances", parse_balances)

    async def transactions_page(
        self, customer_id: str, account_id: str, query: str | None, window: dict[str, str]
    ) -> OBPage[OBTransaction]:
        """One page of an account's transactions: the first (query None) or a `Links.Next` one.

        `query` is the query string taken from a `Links.Next`; only its parameters are reused,
        never its host or path.
        """
        path = f"{AISP}/accounts/{account_id}/transactions"
        return parse_transactions(await self._get(customer_id, path, _params(query, window)))

    async def bulk_transactions_page(
        self, customer_id: str, query: str | None, window: dict[str, str]
    ) -> OBPage[OBTransaction]:
        """One page of bulk `/transactions` (every consented account, newest first): the first
        (query None) or a `Links.Next` one, as `transactions_page`."""
        path = f"{AISP}/transactions"
        return parse_transactions(await self._get(customer_id, path, _params(query, window)))

    async def _all_pages(self, customer_id: str, path: str, parse: Any) -> list[Any]:
        records: list[Any] = []
        params: dict[str, Any] = {}
        for _ in range(MAX_PAGES):
            page = parse(await self._get(customer_id, path, params))
            records.extend(page.records)
            if page.next_query is None:
                return records
            params = {key: values[-1] for key, values in parse_qs(page.next_query).items()}
        raise BankProtocolError(BANK, f"{path}: more than {MAX_PAGES} pages")

    async def _get(self, customer_id: str, path: str, params: dict[str, Any] | None = None) -> Any:
        for attempt in range(2):
            token = await self._grants.get(customer_id)
            request = self.http.build_request(
                "GET",
                path,
                params=params or None,
                headers={"Accept": "application/json", "x-fapi-interaction-id": _uuid()},
            )
            response = await send(
                self.http,
                request,
                bank=BANK,
                idempotent=True,
                policy=self.policy,
                auth=OAuth2Auth({"access_token": token, "token_type": "Bearer"}),
            )
            if attempt == 0 and _grant_is_dead(response):
                self._grants.invalidate(customer_id)
                continue
            return _check(response)
        raise BankAuthError(BANK, "access token refused after re-authorisation")

    # -- per-customer grant --------------------------------------------------------------------

    async def _authorise(self, customer_id: str) -> dict[str, str]:
        consent_id = await self._create_consent()
        code = await self._authorize(customer_id, consent_id)
        return {
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": self.credentials.redirect_uri,
        }

    async def _create_consent(self) -> str:
        token = await self._app_tokens.get()
        body = orjson.dumps({"Data": {"Permissions": list(PERMISSIONS)}, "Risk": {}})
        request = self.http.build_request(
            "POST",
            f"{AISP}/account-access-consents",
            content=body,
            headers={"Content-Type": "application/json", "Accept": "application/json"},
        )
        response = await send(
            self.http,
            request,
            bank=BANK,
            idempotent=False,
            policy=self.policy,
            auth=OAuth2Auth({"access_token": token, "token_type": "Bearer"}),
        )
        if response.status_code == 401:
            self._app_tokens.invalidate()
        data = _check(response).get("Data", {})
        consent_id = data.get("ConsentId") if isinstance(data, dict) else None
        if not isinstance(consent_id, str):
            raise BankProtocolError(BANK, "consent response without ConsentId")
        return consent_id

    async def _authorize(self, customer_id: str, consent_id: str) -> str:
        state = secrets.token_urlsafe(16)
        scope = "openid accounts"
        claims = {
            "iss": self.credentials.client_id,
            "aud": str(self.http.base_url).rstrip("/"),
            "client_id": self.credentials.client_id,
            "response_type": "code",
            "redirect_uri": self.credentials.redirect_uri,
            "scope": scope,
            "state": state,
            "nonce": secrets.token_urlsafe(16),
            "exp": int(time.time()) + 300,
            "claims": {
                "id_token": {"openbanking_intent_id": {"value": consent_id, "essential": True}}
            },
        }
        key = OctKey.import_key(self.credentials.client_secret.reveal())
        request_object = jwt.encode({"alg": "HS256"}, claims, key)
        params = {
            "response_type": "code",
            "client_id": self.credentials.client_id,
            "redirect_uri": self.credentials.redirect_uri,
            "scope": scope,
            "state": state,
            "request": request_object,
            "login_hint": customer_id,
        }
        return await authorization_code(
            self.http, self.authorize_path, params, bank=BANK, policy=self.policy
        )


def _params(query: str | None, window: dict[str, str]) -> dict[str, Any]:
    """The first page's filters, or the parameters of a `Links.Next` query string."""
    if query is None:
        return dict(window)
    return {key: values[-1] for key, values in parse_qs(query).items()}


def _uuid() -> str:
    return str(uuid.uuid4())


def _error_codes(response: httpx.Response) -> list[str]:
    if not response.content or not response.headers.get("content-type", "").startswith(
        "application/json"
    ):
        return []
    body = decode_json(response, BANK)
    errors = body.get("Errors", []) if isinstance(body, dict) else []
    return [str(e.get("ErrorCode")) for e in errors if isinstance(e, dict)]


def _grant_is_dead(response: httpx.Response) -> bool:
    """401 (token expired or revoked) or a consent that is no longer authorised: start over."""
    if response.status_code == 401:
        return True
    return response.status_code == 403 and bool(
        {"UK.OBIE.Resource.InvalidConsentStatus", "UK.OBIE.Reauthenticate"}
        & set(_error_codes(response))
    )


def _check(response: httpx.Response) -> Any:
    """The JSON body of a successful response, or the matching BankError."""
    status = response.status_code
    if status in (200, 201):
        return decode_json(response, BANK)
    codes: list[str] = []
    if response.content and response.headers.get("content-type", "").startswith("application/json"):
        body = decode_json(response, BANK)
        errors = body.get("Errors", []) if isinstance(body, dict) else []
        codes = [str(e.get("ErrorCode")) for e in errors if isinstance(e, dict)]
    if status == 400 and "UK.OBIE.Resource.NotFound" in codes:
        raise BankNotFound(BANK, "resource not found")
    if status == 403 and "UK.OBIE.Resource.ConsentMismatch" in codes:
        raise BankNotFound(BANK, "resource outside the customer's consent")
    if status in (401, 403):
        raise BankAuthError(BANK, f"HTTP {status} {' '.join(codes)}".strip())
    if status == 429 or status >= 500:
        raise BankUnavailable(BANK, f"HTTP {status}")
    if 400 <= status < 500:
        raise BankRejected(BANK, codes[0] if codes else str(status), f"HTTP {status}")
    raise BankError(BANK, f"unexpected HTTP {status}")
