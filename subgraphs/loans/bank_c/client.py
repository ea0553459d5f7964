"""Typed async client for Bank C (signed requests, Alipay-style envelopes inside HTTP 200).

Every response is signature-checked before its envelope is read; a `code` other than "10000"
becomes a BankError (`sub_code` kept). Business POSTs carry the partner's `out_*_no`, so they are
retried safely: Bank C returns the existing record for an identical resend.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import httpx
import orjson
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from subgraphs.common.errors import (
    BankAuthError,
    BankNotFound,
    BankProtocolError,
    BankRejected,
    BankUnavailable,
)
from subgraphs.common.http import RetryPolicy, decode_json, send
from subgraphs.loans.bank_c.signing import BankCSigner, load_public_key, verify_response
from subgraphs.loans.bank_c.wire import (
    CApplication,
    CInstallment,
    CLoan,
    CProduct,
    CRepayment,
    CUserAccount,
    parse_application,
    parse_installment,
    parse_loan,
    parse_product,
    parse_repayment,
    parse_user_account,
)

__all__ = ["BankCClient", "BankCCredentials", "ListPage"]

BANK = "C"
BASE = "/open/v1"
PAGE_SIZE = 100
MAX_PAGES = 50


@dataclass(frozen=True, slots=True)
class BankCCredentials:
    """Partner number, certificate serial, private key and the pinned platform key."""

    mchid: str
    serial_no: str
    private_key: rsa.RSAPrivateKey = field(repr=False)
    platform_serial_no: str
    platform_key: rsa.RSAPublicKey = field(repr=False)

    @classmethod
    def from_dir(cls, directory: Path) -> BankCCredentials:
        """Read bank_c_partner.json, bank_c_partner_key.pem and bank_c_platform_cert.pem."""
        meta = orjson.loads((directory / "bank_c_partner.json").read_bytes())
        key = serialization.load_pem_private_key(
            (directory / "bank_c_partner_key.pem").read_bytes(), password=None
        )
        if not isinstance(key, rsa.RSAPrivateKey):
            raise ValueError("Bank C partner key is not RSA")
        return cls(
            mchid=str(meta["mchid"]),
            serial_no=str(meta["serial_no"]),
            private_key=key,
            platform_serial_no=str(meta["platform_serial_no"]),
            platform_key=load_public_key((directory / "bank_c_platform_cert.pem").read_bytes()),
        )


@dataclass(frozen=True, slots=True)
class ListPage:
    """One page of a Bank C list (raw items) and whether another page exists."""

    items: tuple[Any, ...]
    page_no: int
    has_more: bool


@dataclass(slots=True)
class BankCClient:
    """Bank C over one httpx client as partner `mchid`."""

    http: httpx.AsyncClient
    credentials: BankCCredentials
    policy: RetryPolicy = field(default_factory=RetryPolicy)
    user_agent: str = "bankgraph-loans-adapter/1.0"
    _signer: BankCSigner = field(init=False)
    _platform_keys: dict[str, rsa.RSAPublicKey] = field(init=False)

    def __post_init__(self) -> None:
        self._signer = BankCSigner(
            self.credentials.mchid, self.credentials.serial_no, self.credentials.private_key
        )
        self._platform_keys = {self.credentials.platform_serial_no: self.credentials.platform_key}

    async def borrower_id(self, out_user_id: str) -> str | None:
        """The customer's borrower id, or None before their first application."""
        try:
            data = await self._call("GET", "/borrowers", {"out_user_id": out_user_id})
        except BankNotFound:
            return None
        borrower = data.get("borrower_id") if isinstance(data, dict) else None
        return str(borrower) if borrower else None

    async def user_accounts(self, out_user_id: str) -> list[CUserAccount]:
        """[Sandbox] The customer's Bank A accounts (any currency; none for an unknown user)."""
        data = await self._call("GET", "/users/accounts", {"out_user_id": out_user_id})
        items = data.get("list") if isinstance(data, dict) else None
        if not isinstance(items, list):
            raise BankProtocolError(BANK, "users/accounts without data.list")
        return [parse_user_account(item) for item in items]

    async def loans_page(self, borrower_id: str, page_no: int) -> ListPage:
        """One page of the borrower's loan summaries (raw items)."""
        query = {"borrower_id": borrower_id, "page_no": str(page_no), "page_size": str(PAGE_SIZE)}
        return _list_page(await self._call("GET", "/loans", query), page_no)

    async def all_loans(self, borrower_id: str) -> list[CLoan]:
        """Every loan summary of the borrower (walks pages until exhausted, capped)."""
        items: list[CLoan] = []
        for page_no in range(1, MAX_PAGES + 1):
            page = await self.loans_page(borrower_id, page_no)
            items.extend(parse_loan(item) for item in page.items)
            if not page.has_more:
                return items
        raise BankProtocolError(BANK, "loan list longer than the page cap")

    async def loan(self, loan_no: str) -> CLoan:
        """A loan's detail; BankNotFound if unknown."""
        return parse_loan(await self._call("GET", f"/loans/{quote(loan_no, safe='')}"))

    async def repay_plans(self, loan_no: str) -> list[CInstallment]:
        """The whole repayment schedule (one response)."""
        data = await self._call("GET", f"/loans/{quote(loan_no, safe='')}/repay-plans")
        items = data.get("list") if isinstance(data, dict) else None
        if not isinstance(items, list):
            raise BankProtocolError(BANK, "repay-plans without data.list")
        return [parse_installment(item) for item in items]

    async def products(self) -> list[CProduct]:
        """Every loan product (walks pages)."""
        items: list[CProduct] = []
        for page_no in range(1, MAX_PAGES + 1):
            query = {"page_no": str(page_no), "page_size": str(PAGE_SIZE)}
            page = _list_page(await self._call("GET", "/loan/products", query), page_no)
            items.extend(parse_product(item) for item in page.items)
            if not page.has_more:
                return items
        raise BankProtocolError(BANK, "product list longer than the page cap")

    async def apply(self, body: dict[str, Any]) -> CApplication:
        """POST a loan application (idempotent by `out_apply_no`)."""
        return parse_application(await self._call("POST", "/loan/applications", body=body))

    async def application(self, apply_no: str) -> CApplication:
        """An application's current state and decision."""
        path = f"/loan/applications/{quote(apply_no, safe='')}"
        return parse_application(await self._call("GET", path))

    async def repay(self, loan_no: str, body: dict[str, Any]) -> CRepayment:
        """POST a repayment (idempotent by `out_repay_no`)."""
        path = f"/loans/{quote(loan_no, safe='')}/repayments"
        return parse_repayment(await self._call("POST", path, body=body))

    async def _call(
        self,
        method: str,
        path: str,
        query: dict[str, str] | None = None,
        body: dict[str, Any] | None = None,
    ) -> Any:
        # The query string is encoded once here and sent verbatim, so the signed bytes match.
        url = BASE + path + ("?" + urlencode(query, quote_via=quote) if query else "")
        content = orjson.dumps(body) if body is not None else b""
        headers = {"Accept": "application/json", "User-Agent": self.user_agent}
        if body is not None:
            headers["Content-Type"] = "application/json"
        request = self.http.build_request(method, url, content=content, headers=headers)
        response = await send(
            self.http, request, bank=BANK, idempotent=True, policy=self.policy, auth=self._signer
        )
        serial = response.headers.get("Bankc-Serial")
        if serial and serial not in self._platform_keys and path != "/certificates":
            await self._refresh_certificates()
        return self._open(response)

    async def _refresh_certificates(self) -> None:
        """Learn rotated platform certificates from `/certificates`, a response that must itself
        verify with a key already trusted (the pinned one)."""
        data = await self._call("GET", "/certificates")
        for item in data.get("list") or [] if isinstance(data, dict) else []:
            try:
                key = load_public_key(str(item["public_key_pem"]).encode())
            except (KeyError, ValueError):
                continue
            self._platform_keys[str(item["serial_no"])] = key

    def _open(self, response: httpx.Response) -> Any:
        if response.status_code >= 500 or not response.headers.get("content-type", "").startswith(
            "application/json"
        ):
            raise BankUnavailable(BANK, f"HTTP {response.status_code} without an envelope")
        verify_response(response, self._platform_keys)
        envelope = decode_json(response, BANK)
        if not isinstance(envelope, dict):
            raise BankProtocolError(BANK, "envelope is not an object")
        code = str(envelope.get("code"))
        if code == "10000":
            return envelope.get("data") or {}
        sub_code = str(envelope.get("sub_code") or code)
        message = str(envelope.get("sub_message") or envelope.get("message") or sub_code)
        if code == "20000":
            raise BankUnavailable(BANK, f"{sub_code}: {message}")
        if code == "20001":
            raise BankAuthError(BANK, f"{sub_code}: {message}")
        if sub_code.endswith("_NOT_FOUND"):
            raise BankNotFound(BANK, f"{sub_code}: {message}")
        raise BankRejected(BANK, sub_code, message)


def _list_page(data: Any, page_no: int) -> ListPage:
    """A list envelope's data -> ListPage; more pages while page_no*page_size < total_count."""
    if not isinstance(data, dict) or not isinstance(data.get("list"), list):
        raise BankProtocolError(BANK, "list response without data.list")
    items = tuple(data["list"])
    size = int(data.get("page_size") or PAGE_SIZE)
    total = int(data.get("total_count") or 0)
    return ListPage(items, page_no, bool(items) and page_no * size < total)
