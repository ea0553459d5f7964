"""Bank D test world (fixtures re-exported by conftest.py): an in-memory ledger with three
investors and a small fund catalogue, the app in process, and an OAuth client that builds real
``private_key_jwt`` assertions with joserfc and runs the PKCE flow over HTTP."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import secrets
from collections.abc import AsyncIterator, Iterator
from decimal import Decimal
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from joserfc import jwt
from joserfc.jwk import RSAKey
from starlette.applications import Starlette

from sandbox.bank_d import RegisteredClient, Settings, create_app
from sandbox.faults import FaultSettings
from sandbox.ledger import Ledger

BASE = "http://bank-d.test"
TOKEN_URL = BASE + "/oauth2/token"
CLIENT_ID = "funds-subgraph"
KID = "funds-2024"
REDIRECT = "http://127.0.0.1/callback"
# Tuesday 2024-06-11 14:59:58.120 in Shanghai: two seconds before the 15:00 cut-off.
START = dt.datetime(2024, 6, 11, 6, 59, 58, 120000, tzinfo=dt.UTC)


class Clock:
    """A settable clock shared by the ledger and Bank D."""

    def __init__(self, now: dt.datetime) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += dt.timedelta(**delta)

    def set_shanghai(self, text: str) -> None:
        """Move to a Shanghai wall-clock time, e.g. ``"2024-06-12 00:00:01"``."""
        local = dt.datetime.fromisoformat(text).replace(tzinfo=dt.timezone(dt.timedelta(hours=8)))
        self.now = local.astimezone(dt.UTC)


@pytest.fixture(scope="session")
def client_key() -> RSAKey:
    return RSAKey.generate_key(2048, parameters={"kid": KID, "use": "sig"})


@pytest.fixture(scope="session")
def stranger_key() -> RSAKey:
    """A key nobody registered, carrying the registered kid."""
    return RSAKey.generate_key(2048, parameters={"kid": KID})


@pytest.fixture
def clock() -> Clock:
    return Clock(START)


FUNDS = (
    ("660012", "Harbour Balanced Mixed Fund A", "CNF000000013", "MIXED", "R3", "CNY",
     "10.00", "10.00", "0.012", "0.005", "OPEN"),
    ("000001", "Harbour Money Market Fund", "CNF000000021", "MONEY_MARKET", "R1", "CNY",
     "1.00", "1.00", "0", "0", "OPEN"),
    ("161130", "Harbour Nasdaq 100 QDII", "CNF000000039", "QDII", "R5", "USD",
     "100.00", "10.00", "0.015", "0.005", "OPEN"),
    ("110022", "Harbour Consumer Equity", "CNF000000047", "EQUITY", "R4", "CNY",
     "10.00", "10.00", "0.015", "0.005", "SUBSCRIPTION_SUSPENDED"),
    ("519999", "Harbour Closed Bond", "CNF000000054", "BOND", "R2", "CNY",
     "10.00", "10.00", "0.006", "0.001", "CLOSED"),
)  # fmt: skip
NAVS = {
    "660012": [("2024-06-06", "1.2250"), ("2024-06-07", "1.2300"), ("2024-06-10", "1.2320"),
               ("2024-06-11", "1.2345")],
    "161130": [("2024-06-07", "1.5000"), ("2024-06-10", "1.5100")],
    "110022": [("2024-06-10", "2.0000")],
    "519999": [("2024-06-10", "1.0100")],
}  # fmt: skip


def seed_investors(ledger: Ledger) -> None:
    with ledger.transaction() as tx:
        opened = "2023-01-01T00:00:00.000000+00:00"
        for customer, cny, usd in (("chen", "100000.00", "5000.00"), ("bo", "2000.00", None),
                                   ("dai", "5000.00", None)):  # fmt: skip
            tx.add_customer(customer, customer.title())
            for currency, funds in (("CNY", cny), ("USD", usd)):
                if funds is None:
                    continue
                account_id = f"a-{customer}-{currency.lower()}"
                tx.add_account(
                    account_id=account_id, customer_id=customer, bank="A", currency=currency,
                    sub_type="CurrentAccount", nickname=currency,
                )  # fmt: skip
                tx.transfer(
                    debit=tx.system_account("equity", currency), credit=account_id,
                    amount=Decimal(funds), currency=currency, kind="seed",
                )  # fmt: skip
            tx.execute(
                "INSERT INTO investment_accounts VALUES (?, ?, 'INVESTMENTACCOUNT', ?,"
                " 'Fund Investment Account', 'Funds', 'OPEN', 'CNY', ?)",
                (f"inv-{customer}", customer, f"62170000{len(customer):04d}6642", opened),
            )
        tx.execute(
            "INSERT INTO investment_accounts VALUES ('inv-chen-old', 'chen', 'TAXABLE',"
            " '621700009999', 'Old Account', 'Old', 'CLOSED', 'CNY', ?)",
            (opened,),
        )
        for row in FUNDS:
            tx.execute(
                "INSERT INTO funds VALUES (?, ?, ?, ?, ?, ?, '15:00:00', 'Asia/Shanghai',"
                " ?, ?, ?, ?, ?)",
                row,
            )
        for code, history in NAVS.items():
            accumulated = Decimal("0.5")
            for day, nav in history:
                tx.execute(
                    "INSERT INTO fund_navs VALUES (?, ?, ?, ?, NULL, NULL)",
                    (code, day, nav, f"{Decimal(nav) + accumulated:f}"),
                )
        for day, per_10k, seven in (("2024-06-07", "0.5012", "0.018300"),
                                    ("2024-06-10", "0.4987", "0.018250")):  # fmt: skip
            tx.execute(
                "INSERT INTO fund_navs VALUES ('000001', ?, '1.0000', '1.0000', ?, ?)",
                (day, per_10k, seven),
            )
        tx.execute(
            "INSERT INTO fund_holdings VALUES ('h-77120', 'inv-chen', '660012', '1000.00',"
            " '0.00', '1.2000')"
        )
        for customer, tolerance, lowest, expires in (("chen", "C4", 0, "2025-06-01"),
                                                     ("bo", "C1", 1, "2025-06-01"),
                                                     ("dai", "C3", 0, "2024-01-01")):  # fmt: skip
            tx.execute(
                "INSERT INTO risk_profiles VALUES (?, 'ORDINARY', ?, ?, '2023-06-01', ?)",
                (customer, tolerance, lowest, expires),
            )


@pytest.fixture
def ledger(clock: Clock) -> Iterator[Ledger]:
    with Ledger.open(":memory:", clock=clock) as book:
        create_app(bank_settings(book, None), book)  # adds Bank D's tables before seeding
        seed_investors(book)
        yield book


def bank_settings(ledger: Ledger, jwks: dict[str, Any] | None, **extra: Any) -> Settings:
    clients = () if jwks is None else (RegisteredClient(CLIENT_ID, jwks),)
    return Settings(public_url=BASE, clients=clients, **extra)


@pytest.fixture
def faults() -> FaultSettings:
    """No injected faults, not even the documented rate limit (tests override this)."""
    return FaultSettings()


@pytest.fixture
def settings(ledger: Ledger, client_key: RSAKey, faults: FaultSettings) -> Settings:
    jwks = {"keys": [client_key.as_dict(private=False)]}
    return bank_settings(ledger, jwks, faults=faults)


@pytest.fixture
def app(ledger: Ledger, settings: Settings) -> Starlette:
    return create_app(settings, ledger)


@pytest.fixture
async def http(app: Starlette) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url=BASE) as client:
        yield client


def decimal_json(response: httpx.Response) -> Any:
    """Decode a response the way adapters must: JSON numbers as Decimal."""
    return json.loads(response.content, parse_float=Decimal)


class FundsClient:
    """The funds subgraph's side: signed client assertions, PKCE, bearer calls."""

    def __init__(self, http: httpx.AsyncClient, key: RSAKey, clock: Clock, kid: str = KID) -> None:
        self.http = http
        self.key = key
        self.clock = clock
        self.kid = kid

    def assertion(
        self, *, key: RSAKey | None = None, header: dict[str, Any] | None = None, **claims: Any
    ) -> str:
        now = int(self.clock().timestamp())
        body = {"iss": CLIENT_ID, "sub": CLIENT_ID, "aud": TOKEN_URL,
                "jti": secrets.token_hex(16), "iat": now, "exp": now + 300}  # fmt: skip
        body.update(claims)
        body = {name: value for name, value in body.items() if value is not None}
        protected = {"alg": "PS256", "kid": self.kid}
        protected.update(header or {})
        protected = {name: value for name, value in protected.items() if value is not None}
        return jwt.encode(protected, body, key or self.key, algorithms=[protected["alg"]])

    async def token(self, form: dict[str, str], *, assertion: str | None = None) -> httpx.Response:
        fields = {
            "client_assertion_type": "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            "client_assertion": assertion or self.assertion(),
            **form,
        }
        return await self.http.post(TOKEN_URL, data=fields)

    async def client_token(self) -> str:
        response = await self.token({"grant_type": "client_credentials", "scope": "funds"})
        assert response.status_code == 200, response.text
        return response.json()["access_token"]

    async def authorize(self, customer: str, verifier: str, **extra: str) -> str:
        challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest())
        params = {
            "response_type": "code", "client_id": CLIENT_ID, "redirect_uri": REDIRECT,
            "scope": "accounts investments transactions funds orders", "state": "s1",
            "code_challenge": challenge.rstrip(b"=").decode(), "code_challenge_method": "S256",
            "login_hint": customer, **extra,
        }  # fmt: skip
        response = await self.http.get("/oauth2/authorize", params=params)
        assert response.status_code == 302, response.text
        return response.headers["location"]

    async def customer_tokens(self, customer: str) -> dict[str, Any]:
        verifier = secrets.token_urlsafe(48)
        location = await self.authorize(customer, verifier)
        query = parse_qs(urlsplit(location).query)
        assert query["state"] == ["s1"]
        response = await self.token({
            "grant_type": "authorization_code", "code": query["code"][0],
            "redirect_uri": REDIRECT, "code_verifier": verifier,
        })  # fmt: skip
        assert response.status_code == 200, response.text
        return response.json()

    async def customer_token(self, customer: str) -> str:
        return (await self.customer_tokens(customer))["access_token"]


@pytest.fixture
def funds_client(http: httpx.AsyncClient, client_key: RSAKey, clock: Clock) -> FundsClient:
    return FundsClient(http, client_key, clock)


def bearer(token: str, **headers: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}", **headers}


def state(ledger: Ledger) -> tuple[Any, ...]:
    """Everything a refused call must leave untouched: balances, holdings, orders."""
    with ledger.transaction() as tx:
        tables = ("accounts", "transfers", "fund_holdings", "bank_d_orders",
                  "idempotency_records")  # fmt: skip
        return tuple(
            tuple(tuple(row) for row in tx.execute(f"SELECT * FROM {table} ORDER BY 1"))
            for table in tables
        )
