"""Bank C test world (fixtures re-exported by conftest.py): an in-memory ledger with two
customers, the app in process, and a partner client that signs requests and verifies responses
with ``cryptography`` directly (independently of ``sandbox.bank_c.signing``)."""

from __future__ import annotations

import base64
import datetime as dt
import secrets
import string
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import httpx
import orjson
import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding

from sandbox.bank_c import KeyRing, PartnerCredentials, Settings, create_app, generate_keys
from sandbox.faults import FaultSettings
from sandbox.ledger import Ledger

MCHID = "1900001234"
OTHER_MCHID = "1900005678"
BO_CARD = "6222020200112233445"
ALICE_CARD = "6222020200998877665"
START = dt.datetime(2024, 6, 11, 1, 20, tzinfo=dt.UTC)  # 09:20 in Shanghai


class Clock:
    """A settable clock shared by the ledger and Bank C."""

    def __init__(self, now: dt.datetime) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += dt.timedelta(**delta)


@pytest.fixture(scope="session")
def world_keys() -> tuple[KeyRing, tuple[PartnerCredentials, ...]]:
    return generate_keys((MCHID, OTHER_MCHID))


@pytest.fixture
def clock() -> Clock:
    return Clock(START)


PRODUCTS = (
    ("MICRO_BIZ_01", "小微经营贷", 100_000, 10_000_000, [3, 6, 12, 24],
     ["EQUAL_INSTALLMENT", "EQUAL_PRINCIPAL"], 1825, 2400, 2737, "ON_SALE"),
    ("AGRI_02", "惠农贷", 100_000, 3_000_000, [6, 12],
     ["EQUAL_PRINCIPAL"], 1200, 1500, 1800, "ON_SALE"),
    ("CONSUMER_03", "消费贷", 50_000, 2_000_000, [3, 6], ["EQUAL_INSTALLMENT"], 1500, 2000,
     2250, "OFF_SALE"),
)  # fmt: skip


def seed_borrowers(book: Ledger) -> None:
    """Customers bo (20 000 CNY, card ``BO_CARD``) and alice (500 CNY), and the products."""
    with book.transaction() as tx:
        for customer, name, card, funds in (
            ("bo", "Bo Li", BO_CARD, "20000.00"),
            ("alice", "Alice Wang", ALICE_CARD, "500.00"),
        ):
            tx.add_customer(customer, name)
            tx.add_account(
                account_id=f"a-{customer}-cny", customer_id=customer, bank="A",
                currency="CNY", sub_type="CurrentAccount", nickname="CNY",
                card_number=card,
            )  # fmt: skip
            tx.transfer(
                debit=tx.system_account("equity", "CNY"), credit=f"a-{customer}-cny",
                amount=Decimal(funds), currency="CNY", kind="seed",
            )  # fmt: skip
        tx.add_account(
            account_id="a-bo-gbp", customer_id="bo", bank="A", currency="GBP",
            sub_type="CurrentAccount", nickname="GBP", card_number="6222020200555555555",
        )  # fmt: skip
        for row in PRODUCTS:
            tx.execute(
                "INSERT INTO loan_products VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (*row[:4], orjson.dumps(row[4]).decode(), orjson.dumps(row[5]).decode(),
                 *row[6:]),
            )  # fmt: skip


@pytest.fixture
def ledger(clock: Clock) -> Iterator[Ledger]:
    with Ledger.open(":memory:", clock=clock) as book:
        seed_borrowers(book)
        yield book


@dataclass
class Signed:
    """A Bank C response with its verified envelope."""

    response: httpx.Response
    body: dict[str, Any]

    @property
    def code(self) -> str:
        return self.body["code"]

    @property
    def sub_code(self) -> str | None:
        return self.body.get("sub_code")

    @property
    def data(self) -> dict[str, Any]:
        assert self.body["code"] == "10000", self.body
        return self.body["data"]


def nonce() -> str:
    return "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(32))


class Partner:
    """A partner integration: signs every request, verifies every response signature."""

    def __init__(
        self, http: httpx.AsyncClient, credentials: PartnerCredentials, clock: Clock
    ) -> None:
        self.http = http
        self.credentials = credentials
        self.clock = clock

    def authorization(
        self, method: str, target: str, body: bytes, *, timestamp: int | None = None,
        nonce_str: str | None = None, serial_no: str | None = None, mchid: str | None = None,
    ) -> str:  # fmt: skip
        stamp = str(timestamp if timestamp is not None else int(self.clock().timestamp()))
        nonce_str = nonce_str or nonce()
        message = f"{method}\n{target}\n{stamp}\n{nonce_str}\n".encode() + body + b"\n"
        raw = self.credentials.private_key.sign(message, padding.PKCS1v15(), hashes.SHA256())
        return (
            f'BANKC-SHA256-RSA2048 mchid="{mchid or self.credentials.mchid}",'
            f'nonce_str="{nonce_str}",timestamp="{stamp}",'
            f'serial_no="{serial_no or self.credentials.serial_no}",'
            f'signature="{base64.b64encode(raw).decode()}"'
        )

    async def call(
        self, method: str, target: str, payload: Any = None, *, raw: bytes | None = None,
        headers: dict[str, str] | None = None, **auth: Any,
    ) -> Signed:  # fmt: skip
        body = raw if raw is not None else b"" if payload is None else orjson.dumps(payload)
        sent = {
            "Authorization": self.authorization(method, target, body, **auth),
            "Accept": "application/json",
            "User-Agent": "bankc-contract-tests/1.0",
        }
        if method == "POST":
            sent["Content-Type"] = "application/json"
        sent.update(headers or {})
        sent = {name: value for name, value in sent.items() if value is not None}
        response = await self.http.request(method, target, content=body, headers=sent)
        return Signed(response, self.verify(response))

    def verify(self, response: httpx.Response) -> dict[str, Any]:
        """Check the response signature against the pinned platform certificate."""
        (platform,) = self.credentials.platform_certificates
        assert response.headers["Bankc-Serial"] == format(platform.serial_number, "X")
        message = (
            f"{response.headers['Bankc-Timestamp']}\n{response.headers['Bankc-Nonce']}\n".encode()
            + response.content
            + b"\n"
        )
        signature = base64.b64decode(response.headers["Bankc-Signature"])
        platform.public_key().verify(signature, message, padding.PKCS1v15(), hashes.SHA256())
        body = orjson.loads(response.content)
        assert response.headers["Request-ID"] == body["request_id"]
        return body

    async def get(self, target: str, **kwargs: Any) -> Signed:
        return await self.call("GET", target, **kwargs)

    async def post(self, target: str, payload: Any = None, **kwargs: Any) -> Signed:
        return await self.call("POST", target, payload, **kwargs)


@pytest.fixture
def faults() -> FaultSettings:
    """No injected faults, not even the documented rate limit (tests override this)."""
    return FaultSettings()


@pytest.fixture
def settings(world_keys: tuple[KeyRing, Any], faults: FaultSettings) -> Settings:
    return Settings(public_url="http://bank-c.test", keys=world_keys[0], faults=faults)


@pytest.fixture
async def http(ledger: Ledger, settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(settings, ledger)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://bank-c.test") as client:
        yield client


@pytest.fixture
def partner(http: httpx.AsyncClient, world_keys: Any, clock: Clock) -> Partner:
    return Partner(http, world_keys[1][0], clock)


@pytest.fixture
def other_partner(http: httpx.AsyncClient, world_keys: Any, clock: Clock) -> Partner:
    return Partner(http, world_keys[1][1], clock)


def application_body(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "out_apply_no": "P20240611000123",
        "product_code": "MICRO_BIZ_01",
        "apply_amount": 1_200_000,
        "term_months": 12,
        "repay_method": "EQUAL_INSTALLMENT",
        "loan_purpose": "WORKING_CAPITAL",
        "borrower": {"name": "王小明", "id_card_no": "510107200006153216", "mobile": "13800138123"},
        "receive_card_no": BO_CARD,
    }
    body.update(overrides)
    return body


async def disbursed_loan(partner: Partner, **overrides: Any) -> str:
    """Apply, query twice (PROCESSING, then decided) and return the new ``loan_no``."""
    created = (await partner.post("/open/v1/loan/applications", application_body(**overrides))).data
    target = f"/open/v1/loan/applications/{created['apply_no']}"
    assert (await partner.get(target)).data["status"] == "PROCESSING"
    decided = (await partner.get(target)).data
    assert decided["status"] == "DISBURSED", decided
    return decided["loan_no"]


def state(ledger: Ledger) -> tuple[Any, ...]:
    """Everything a refused call must leave untouched: balances and Bank C rows."""
    with ledger.transaction() as tx:
        tables = ("accounts", "transfers", "borrowers", "loans", "bank_c_applications",
                  "bank_c_terms", "bank_c_repayments")  # fmt: skip
        return tuple(
            tuple(tuple(row) for row in tx.execute(f"SELECT * FROM {table} ORDER BY 1"))
            for table in tables
        )
