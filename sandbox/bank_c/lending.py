"""Loan applications: intake, the sandbox credit decision and disbursement to the ledger.

Every function runs inside the caller's ``LedgerTx`` and raises ``BankCError`` before writing
anything, so a refused call changes nothing. Decision rules ([Sandbox], bank-dialects.md
§3.5): the first query after creation answers ``PROCESSING``; the next decides —
``apply_amount`` above 5 000 000 fen -> ``R001``, a mobile ending ``0000`` -> ``R003``, else
approved at the product's minimum rate and disbursed at once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal

import orjson

from sandbox.bank_c import formats, loan_book, store
from sandbox.bank_c.errors import BankCError, invalid, refused
from sandbox.bank_c.inputs import ApplicationRequest
from sandbox.bank_c.records import Application, Borrower, Decision, Loan, Product, Term
from sandbox.bank_c.schedule import build_schedule
from sandbox.ledger import Account, LedgerError, LedgerTx, UnknownAccount, UnknownCustomer

REJECT_ABOVE_FEN = 5_000_000
REJECT_REASONS = {
    "R001": "综合评分不足 (score below threshold)",
    "R002": "多头借贷风险 (multiple-lending risk)",
    "R003": "身份核验未通过 (identity check failed)",
}


def submit(tx: LedgerTx, mchid: str, req: ApplicationRequest, now: dt.datetime) -> Application:
    """Create an application, or return the existing one for a resent ``out_apply_no``."""
    existing = store.application_by_out_no(tx, mchid, req.out_apply_no)
    if existing is not None:
        if existing.request != req.fingerprint():
            raise refused("OUT_NO_CONFLICT", f"out_apply_no {req.out_apply_no} 已用于其他申请")
        return existing
    product = _sellable_product(tx, req)
    account = _receiving_account(tx, req)
    borrower = _borrower(tx, req, account, now)
    if store.has_processing_application(tx, borrower.borrower_id):
        raise refused("ACTIVE_APPLICATION_EXISTS", "借款人已有处理中的申请")
    application = Application(
        apply_no=formats.bank_no("AP", now),
        mchid=mchid,
        out_apply_no=req.out_apply_no,
        borrower_id=borrower.borrower_id,
        product_code=product.product_code,
        apply_amount=req.apply_amount,
        term_months=req.term_months,
        repay_method=req.repay_method,
        loan_purpose=req.loan_purpose,
        receive_card_no=req.receive_card_no or account.card_number or "",
        receive_account_id=account.id,
        status="PROCESSING",
        request=req.fingerprint(),
        create_time=now,
        update_time=now,
    )
    store.save_application(tx, application)
    return application


def query(tx: LedgerTx, application: Application, now: dt.datetime) -> Application:
    """Answer one status query, advancing a ``PROCESSING`` application (see module doc)."""
    if application.status != "PROCESSING":
        return application
    if application.queries == 0:
        advanced = replace(application, queries=1)
    else:
        advanced = _decide(tx, replace(application, queries=application.queries + 1), now)
    store.save_application(tx, advanced)
    return advanced


def _sellable_product(tx: LedgerTx, req: ApplicationRequest) -> Product:
    product = store.product(tx, req.product_code)
    if product is None:
        raise refused("PRODUCT_NOT_FOUND", f"产品 {req.product_code} 不存在")
    if product.status != "ON_SALE":
        raise refused("PRODUCT_OFF_SALE", f"产品 {req.product_code} 已下架")
    if not product.min_amount <= req.apply_amount <= product.max_amount:
        raise refused(
            "AMOUNT_OUT_OF_RANGE",
            f"申请金额须在 {product.min_amount} 至 {product.max_amount} 分之间",
        )
    if req.term_months not in product.terms:
        raise refused("TERM_NOT_SUPPORTED", f"期限须为 {list(product.terms)} 个月之一")
    if req.repay_method not in product.repay_methods:
        raise refused("REPAY_METHOD_NOT_SUPPORTED", f"还款方式须为 {list(product.repay_methods)}")
    return product


def _receiving_account(tx: LedgerTx, req: ApplicationRequest) -> Account:
    """The customer's Bank A CNY account the loan is paid into.

    ``receive_account_id`` names it directly; otherwise the debit card ``receive_card_no``
    does. A card the ledger does not know is accepted only with ``out_user_id``, and then the
    customer's first enabled Bank A CNY account is used.
    """
    if req.receive_account_id is not None:
        return _named_account(tx, req)
    assert req.receive_card_no is not None
    try:
        account = tx.account_by_card(req.receive_card_no)
    except UnknownAccount:
        return _customer_cny_account(tx, req.out_user_id)
    if account.bank != "A" or account.currency != "CNY" or account.customer_id is None:
        raise invalid("receive_card_no", "not a CNY debit card of a customer")
    if req.out_user_id is not None and account.customer_id != req.out_user_id:
        raise invalid("receive_card_no", "card does not belong to out_user_id")
    return account


def _named_account(tx: LedgerTx, req: ApplicationRequest) -> Account:
    assert req.receive_account_id is not None
    account = customer_cny_account(tx, req.receive_account_id, "receive_account_id")
    if req.out_user_id is not None and account.customer_id != req.out_user_id:
        raise invalid("receive_account_id", "account does not belong to out_user_id")
    if req.receive_card_no is not None:
        try:
            carded = tx.account_by_card(req.receive_card_no)
        except UnknownAccount:
            return account
        if carded.id != account.id:
            raise invalid("receive_card_no", "card and receive_account_id disagree")
    return account


def customer_cny_account(tx: LedgerTx, account_id: str, field: str) -> Account:
    """The enabled Bank A CNY customer account ``account_id``; ``PARAM_INVALID`` otherwise."""
    try:
        account = tx.account(account_id)
    except UnknownAccount:
        raise invalid(field, "unknown account") from None
    if (
        account.bank != "A"
        or account.currency != "CNY"
        or account.customer_id is None
        or account.status != "Enabled"
    ):
        raise invalid(field, "not an enabled CNY customer account")
    return account


def _customer_cny_account(tx: LedgerTx, customer_id: str | None) -> Account:
    if customer_id is None:
        raise invalid("receive_card_no", "unknown debit card")
    try:
        tx.customer(customer_id)
    except UnknownCustomer:
        raise invalid("out_user_id", "unknown user") from None
    for account in tx.accounts(customer_id, "A"):
        if account.currency == "CNY" and account.status == "Enabled":
            return account
    raise invalid("out_user_id", "user has no CNY account to receive the loan")


def _borrower(
    tx: LedgerTx, req: ApplicationRequest, account: Account, now: dt.datetime
) -> Borrower:
    """The borrower bound to the account's customer, created on the first application."""
    assert account.customer_id is not None
    bound = store.borrower_by_customer(tx, account.customer_id)
    if bound is not None:
        if bound.id_card_no != req.id_card_no:
            raise invalid("borrower.id_card_no", "does not match the registered borrower")
        return bound
    if store.borrower_by_id_card(tx, req.id_card_no) is not None:
        raise invalid("borrower.id_card_no", "registered to another user")
    borrower = Borrower(
        borrower_id=formats.borrower_id(),
        name=req.name,
        id_card_no=req.id_card_no,
        mobile=req.mobile,
        out_user_id=account.customer_id,
        create_time=now,
    )
    store.insert_borrower(tx, borrower)
    return borrower


def _decide(tx: LedgerTx, application: Application, now: dt.datetime) -> Application:
    mobile = orjson.loads(application.request)["mobile"]
    if application.apply_amount > REJECT_ABOVE_FEN:
        return _reject(application, "R001", now)
    if mobile.endswith("0000"):
        return _reject(application, "R003", now)
    product = store.product(tx, application.product_code)
    assert product is not None
    decision = Decision(
        result="APPROVED",
        approved_amount=application.apply_amount,
        approved_term_months=application.term_months,
        annual_rate=product.annual_rate_min,
        reject_code=None,
        reject_reason=None,
        decision_time=now,
    )
    approved = replace(application, status="APPROVED", decision=decision, update_time=now)
    return _disburse(tx, approved, product, now)


def _reject(application: Application, code: str, now: dt.datetime) -> Application:
    decision = Decision("REJECTED", None, None, None, code, REJECT_REASONS[code], now)
    return replace(application, status="REJECTED", decision=decision, update_time=now)


def _disburse(
    tx: LedgerTx, application: Application, product: Product, now: dt.datetime
) -> Application:
    """Pay the approved amount into the receiving account and book the loan (value date
    today); a ledger refusal (e.g. the account was closed) leaves ``DISBURSE_FAILED``."""
    assert application.decision is not None
    loan_no = formats.bank_no("LN", now)
    value_date = formats.business_date(now)
    try:
        transfer = tx.transfer(
            debit=tx.system_account("loans", "CNY"),
            credit=application.receive_account_id,
            amount=Decimal(application.apply_amount).scaleb(-2),
            currency="CNY",
            kind="loan_disbursement",
            reference=loan_no,
            description=f"Bank C loan {loan_no}",
            idempotency_key=f"bank_c:disburse:{application.apply_no}",
            value_date=value_date,
        )
    except LedgerError:
        return replace(application, status="DISBURSE_FAILED")
    schedule = build_schedule(
        application.apply_amount,
        application.term_months,
        product.annual_rate_min,
        application.repay_method,
        value_date,
    )
    loan = Loan(
        loan_no=loan_no,
        apply_no=application.apply_no,
        borrower_id=application.borrower_id,
        product_code=application.product_code,
        principal=application.apply_amount,
        term_months=application.term_months,
        repay_method=application.repay_method,
        annual_rate=product.annual_rate_min,
        penalty_rate=product.penalty_rate,
        value_date=value_date,
        account_id=application.receive_account_id,
        receive_card_no=application.receive_card_no,
        terms=tuple(Term(installment) for installment in schedule),
        update_time=now,
    )
    loan_book.insert_loan(tx, loan, transfer.id)
    return replace(application, status="DISBURSED", loan_no=loan_no)


def find_application(
    tx: LedgerTx, mchid: str, apply_no: str | None, out_apply_no: str | None
) -> Application:
    """The partner's application by Bank C or partner number; ``APPLY_NOT_FOUND`` if none."""
    if apply_no is not None:
        found = store.application(tx, mchid, apply_no)
    elif out_apply_no is not None:
        found = store.application_by_out_no(tx, mchid, out_apply_no)
    else:
        raise BankCError("40001", "PARAM_MISSING", "缺少必选参数 out_apply_no")
    if found is None:
        raise refused("APPLY_NOT_FOUND", "申请单不存在")
    return found
