"""Bank C endpoint bodies: authenticated call in, envelope ``data`` out.

Each handler runs in one ledger transaction and either returns the ``data`` object or raises
``BankCError``; a raise rolls the transaction back, so a refused call changes nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives import serialization
from starlette.datastructures import QueryParams

from sandbox.bank_c import formats, lending, loan_book, repaying, store, validation, views
from sandbox.bank_c.credentials import KeyRing, PlatformKey
from sandbox.bank_c.errors import invalid, missing, refused
from sandbox.bank_c.inputs import parse_application, parse_repayment
from sandbox.ledger import Ledger

LOAN_STATUSES = ("NORMAL", "OVERDUE", "SETTLED")


@dataclass(frozen=True, slots=True)
class Call:
    """One authenticated request: partner, exact body, query, path parameters, arrival time."""

    mchid: str
    body: bytes
    query: QueryParams
    path_params: dict[str, str]
    now: dt.datetime


class LoanHandlers:
    """The endpoint bodies over one ledger and one set of Bank C keys."""

    def __init__(self, ledger: Ledger, keys: KeyRing) -> None:
        self._ledger = ledger
        self._keys = keys

    def certificates(self, call: Call) -> dict[str, Any]:
        """``GET /open/v1/certificates``: every platform certificate, active one first."""
        return {"list": [_certificate(platform) for platform in self._keys.platform]}

    def products(self, call: Call) -> dict[str, Any]:
        page_no, page_size = validation.page_params(call.query)
        with self._ledger.transaction() as tx:
            items = [views.product(item) for item in store.products(tx)]
        return views.page(items, page_no, page_size)

    def apply(self, call: Call) -> dict[str, Any]:
        request = parse_application(validation.decode_object(call.body))
        with self._ledger.transaction() as tx:
            application = lending.submit(tx, call.mchid, request, call.now)
        return views.application_created(application)

    def application(self, call: Call) -> dict[str, Any]:
        apply_no = call.path_params.get("apply_no")
        out_apply_no = None if apply_no else call.query.get("out_apply_no") or None
        with self._ledger.transaction() as tx:
            found = lending.find_application(tx, call.mchid, apply_no, out_apply_no)
            return views.application(lending.query(tx, found, call.now))

    def loans(self, call: Call) -> dict[str, Any]:
        borrower_id = call.query.get("borrower_id")
        if not borrower_id:
            raise missing("borrower_id")
        status = call.query.get("status") or None
        if status is not None and status not in LOAN_STATUSES:
            raise invalid("status", f"must be one of {', '.join(LOAN_STATUSES)}")
        page_no, page_size = validation.page_params(call.query)
        today = formats.business_date(call.now)
        with self._ledger.transaction() as tx:
            if store.borrower_by_id(tx, borrower_id) is None:
                raise refused("BORROWER_NOT_FOUND", f"借款人 {borrower_id} 不存在")
            loans = loan_book.loans_of_borrower(tx, borrower_id, call.mchid)
        summaries = [views.loan_summary(loan, today) for loan in loans]
        if status is not None:
            summaries = [item for item in summaries if item["status"] == status]
        return views.page(summaries, page_no, page_size)

    def loan(self, call: Call) -> dict[str, Any]:
        with self._ledger.transaction() as tx:
            loan = repaying.find_loan(tx, call.path_params["loan_no"], call.mchid)
        return views.loan_summary(loan, formats.business_date(call.now))

    def repay_plans(self, call: Call) -> dict[str, Any]:
        with self._ledger.transaction() as tx:
            loan = repaying.find_loan(tx, call.path_params["loan_no"], call.mchid)
        return views.repay_plans(loan, formats.business_date(call.now))

    def repay(self, call: Call) -> dict[str, Any]:
        request = parse_repayment(call.path_params["loan_no"], validation.decode_object(call.body))
        with self._ledger.transaction() as tx:
            repayment = repaying.repay(tx, call.mchid, request, call.now)
        return views.repayment(repayment)

    def borrower(self, call: Call) -> dict[str, Any]:
        """[Sandbox] ``GET /open/v1/borrowers?out_user_id=``: the borrower bound to a customer."""
        out_user_id = call.query.get("out_user_id")
        if not out_user_id:
            raise missing("out_user_id")
        with self._ledger.transaction() as tx:
            found = store.borrower_by_customer(tx, out_user_id)
        if found is None:
            raise refused("BORROWER_NOT_FOUND", f"用户 {out_user_id} 尚无借款人记录")
        return views.borrower(found)

    def user_accounts(self, call: Call) -> dict[str, Any]:
        """[Sandbox] ``GET /open/v1/users/accounts?out_user_id=``: the customer's Bank A accounts
        (any currency) that ``receive_account_id`` / ``repay_account_id`` may name; an unknown
        user has none."""
        out_user_id = call.query.get("out_user_id")
        if not out_user_id:
            raise missing("out_user_id")
        with self._ledger.transaction() as tx:
            owned = tx.accounts(out_user_id, "A")
        return {"list": [views.user_account(account) for account in owned]}


def _certificate(platform: PlatformKey) -> dict[str, Any]:
    cert = platform.certificate
    pem = cert.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return {
        "serial_no": platform.serial_no,
        "effective_time": formats.timestamp(cert.not_valid_before_utc),
        "expire_time": formats.timestamp(cert.not_valid_after_utc),
        "public_key_pem": pem.decode("ascii"),
    }
