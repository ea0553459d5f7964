"""Seed Bank C: loan products, borrowers, and disbursed loans (catalogue rows + transfers)."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

import orjson

from sandbox.ledger import Account, LedgerTx

SHANGHAI = ZoneInfo("Asia/Shanghai")

PRODUCTS = (
    # code, name, min fen, max fen, terms, methods, rate min, rate max, penalty bp, status
    ("MICRO_BIZ_01", "Micro Business Working Capital Loan", 100_000, 20_000_000,
     [3, 6, 12, 24], ["EQUAL_INSTALLMENT", "EQUAL_PRINCIPAL"], 1825, 2400, 2737, "ON_SALE"),
    ("CONSUMER_01", "Everyday Consumer Loan", 50_000, 5_000_000,
     [6, 12], ["EQUAL_INSTALLMENT"], 1095, 1825, 1642, "ON_SALE"),
    ("AGRI_01", "Agricultural Season Loan", 500_000, 10_000_000,
     [6, 12, 24, 36], ["EQUAL_PRINCIPAL"], 720, 1200, 1080, "OFF_SALE"),
)  # fmt: skip

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


def seed_products(tx: LedgerTx) -> None:
    """Write the loan product catalogue."""
    for code, name, low, high, terms, methods, rmin, rmax, penalty, status in PRODUCTS:
        tx.execute(
            "INSERT INTO loan_products VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (code, name, low, high, orjson.dumps(terms).decode(),
             orjson.dumps(methods).decode(), rmin, rmax, penalty, status),
        )  # fmt: skip


def id_card_no(rng: random.Random, born: date) -> str:
    """An 18-character resident id with a valid ISO 7064 MOD 11-2 check character."""
    body = f"{rng.choice(('110101', '310104', '440305', '510107'))}{born:%Y%m%d}"
    body += f"{rng.randrange(1000):03d}"
    checksum = sum(int(d) * w for d, w in zip(body, _ID_WEIGHTS, strict=True)) % 11
    return body + _ID_CHECK[checksum]


def add_borrower(tx: LedgerTx, rng: random.Random, customer_id: str, name: str) -> str:
    """Register the customer as a Bank C borrower; returns the borrower id."""
    borrower_id = f"BRW{rng.randrange(10**8):08d}"
    born = date(rng.randrange(1965, 2000), rng.randrange(1, 13), rng.randrange(1, 29))
    mobile = "13" + f"{rng.randrange(10**8, 10**9)}"
    if mobile.endswith("0000"):  # that suffix means "identity check fails" at Bank C
        mobile = mobile[:-1] + "1"
    tx.execute(
        "INSERT INTO borrowers VALUES (?, ?, ?, ?, ?, ?)",
        (borrower_id, customer_id, name, id_card_no(rng, born), mobile,
         tx.now().isoformat(timespec="microseconds")),
    )  # fmt: skip
    return borrower_id


def add_loan(
    tx: LedgerTx,
    rng: random.Random,
    *,
    borrower_id: str,
    account: Account,
    product_code: str,
    principal_fen: int,
    term_months: int,
    repay_method: str,
    value_date: date,
) -> str:
    """A disbursed loan: the `loans` row plus the disbursement from Bank C's loan book to
    the borrower's CNY account, booked at 10:00 Shanghai on the value date."""
    product = tx.execute(
        "SELECT annual_rate_min_bp, penalty_rate_bp FROM loan_products WHERE product_code = ?",
        (product_code,),
    ).fetchone()
    disbursed = datetime.combine(value_date, time(10), SHANGHAI).astimezone(UTC)
    stamp = f"{disbursed.astimezone(SHANGHAI):%Y%m%d%H%M%S}"
    apply_no = f"AP{stamp}{rng.randrange(10**16):016d}"
    loan_no = f"LN{stamp}{rng.randrange(10**16):016d}"
    transfer = tx.transfer(
        debit=tx.system_account("loans", "CNY"),
        credit=account.id,
        amount=Decimal(principal_fen).scaleb(-2),
        currency="CNY",
        kind="loan_disbursement",
        reference=loan_no,
        description=f"Loan disbursement {product_code}",
        idempotency_key=f"bank_c:disburse:{loan_no}",
        booked_at=disbursed,
        value_date=value_date,
        details={"loan_no": loan_no, "bank": "C"},
    )
    assert account.card_number is not None, "loans disburse to a CNY account with a card"
    tx.execute(
        "INSERT INTO loans (loan_no, apply_no, borrower_id, product_code, principal_fen,"
        " term_months, repay_method, annual_rate_bp, penalty_rate_bp, value_date,"
        " receive_account_id, receive_card_no, disbursement_transfer_id, settled_at,"
        " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?)",
        (loan_no, apply_no, borrower_id, product_code, principal_fen, term_months,
         repay_method, product["annual_rate_min_bp"], product["penalty_rate_bp"],
         value_date.isoformat(), account.id, account.card_number, transfer.id,
         disbursed.isoformat(timespec="microseconds")),
    )  # fmt: skip
    return loan_no
