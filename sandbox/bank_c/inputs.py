"""Typed request bodies of the two Bank C write calls, parsed from decoded JSON.

``fingerprint`` is the canonical form of the business fields: a resent ``out_*_no`` with an
equal fingerprint replays the original record, anything else is ``OUT_NO_CONFLICT``.

[Sandbox] extensions naming Bank A accounts by their ``AccountId`` (the unified schema's
``fromAccountId``): ``receive_account_id`` on applications (then ``receive_card_no`` may be
omitted) and ``repay_account_id`` on repayments (default: the loan's receiving account).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

import orjson

from sandbox.bank_c import validation as v
from sandbox.bank_c.schedule import REPAY_METHODS

REPAY_TYPES = ("CURRENT", "SETTLE_ALL")


@dataclass(frozen=True, slots=True)
class ApplicationRequest:
    """Body of ``POST /open/v1/loan/applications``; amounts in fen."""

    out_apply_no: str
    product_code: str
    apply_amount: int
    term_months: int
    repay_method: str
    loan_purpose: str
    name: str
    id_card_no: str
    mobile: str
    receive_card_no: str | None
    receive_account_id: str | None
    out_user_id: str | None
    notify_url: str | None

    def fingerprint(self) -> bytes:
        """Canonical JSON of every field but ``notify_url`` (not a business field)."""
        fields = asdict(self)
        del fields["notify_url"]
        return orjson.dumps(fields, option=orjson.OPT_SORT_KEYS)


@dataclass(frozen=True, slots=True)
class RepaymentRequest:
    """Body of ``POST /open/v1/loans/{loan_no}/repayments`` plus the path's ``loan_no``."""

    loan_no: str
    out_repay_no: str
    repay_type: str
    amount: int
    repay_account_id: str | None = None

    def fingerprint(self) -> bytes:
        return orjson.dumps(asdict(self), option=orjson.OPT_SORT_KEYS)


def parse_application(body: dict[str, Any]) -> ApplicationRequest:
    """Validate every field; raises ``BankCError`` 40001/40002 naming the first bad field."""
    out_apply_no = v.text(body, "out_apply_no", v.OUT_NO)
    product_code = v.text(body, "product_code")
    apply_amount = v.fen(body, "apply_amount")
    term_months = v.positive_int(body, "term_months")
    repay_method = v.choice(body, "repay_method", REPAY_METHODS)
    loan_purpose = v.choice(body, "loan_purpose", v.LOAN_PURPOSES)
    borrower = v.nested_object(body, "borrower")
    name = v.text(borrower, "name")
    id_card_no = v.id_card_no(borrower)
    mobile = v.text(borrower, "mobile", v.MOBILE)
    receive_account_id = v.optional_text(body, "receive_account_id", v.LEDGER_ID)
    if receive_account_id is None:
        receive_card_no: str | None = v.text(body, "receive_card_no", v.CARD_NO)
    else:
        receive_card_no = v.optional_text(body, "receive_card_no", v.CARD_NO)
    return ApplicationRequest(
        out_apply_no=out_apply_no,
        product_code=product_code,
        apply_amount=apply_amount,
        term_months=term_months,
        repay_method=repay_method,
        loan_purpose=loan_purpose,
        name=name,
        id_card_no=id_card_no,
        mobile=mobile,
        receive_card_no=receive_card_no,
        receive_account_id=receive_account_id,
        out_user_id=v.optional_text(body, "out_user_id", v.OUT_USER_ID),
        notify_url=v.optional_text(body, "notify_url"),
    )


def parse_repayment(loan_no: str, body: dict[str, Any]) -> RepaymentRequest:
    return RepaymentRequest(
        loan_no=loan_no,
        out_repay_no=v.text(body, "out_repay_no", v.OUT_NO),
        repay_type=v.choice(body, "repay_type", REPAY_TYPES),
        amount=v.fen(body, "amount"),
        repay_account_id=v.optional_text(body, "repay_account_id", v.LEDGER_ID),
    )
