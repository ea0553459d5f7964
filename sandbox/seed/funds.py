"""Seed Bank D: fund catalogue with a year of NAVs, investment accounts, holdings, risk
profiles. Holdings are backed by subscription debits on the customer's Bank A account."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal

from sandbox.ledger import Account, LedgerTx
from sandbox.seed.banking import days

FUNDS = (
    # code, name, type, risk, currency, min subscription, subscription fee, redemption fee
    ("000198", "Harbour Cash Money Market Fund", "MONEY_MARKET", "R1", "CNY", "0.01", "0", "0"),
    ("000216", "Yangtze Short-Term Bond Fund A", "BOND", "R2", "CNY", "10.00", "0.006", "0.0015"),
    ("100035", "Pearl River Pure Bond Fund", "BOND", "R2", "CNY", "10.00", "0.008", "0.001"),
    ("660012", "Harbour Balanced Mixed Fund A", "MIXED", "R3", "CNY", "10.00", "0.012", "0.005"),
    ("161005", "Jade Value Mixed Fund", "MIXED", "R3", "CNY", "10.00", "0.012", "0.005"),
    ("110011", "Summit Flexible Allocation Fund", "MIXED", "R3", "CNY", "100.00", "0.015", "0.005"),
    (
        "519066",
        "Golden Dragon Growth Equity Fund",
        "EQUITY",
        "R4",
        "CNY",
        "10.00",
        "0.015",
        "0.005",
    ),
    ("163406", "Xingye Consumer Equity Fund", "EQUITY", "R4", "CNY", "10.00", "0.015", "0.005"),
    ("510300", "CSI 300 Index Fund", "INDEX", "R4", "CNY", "10.00", "0.012", "0.005"),
    ("159915", "ChiNext Index Fund", "INDEX", "R5", "CNY", "10.00", "0.012", "0.005"),
    ("001632", "New Energy Vehicle Theme Fund", "EQUITY", "R5", "CNY", "100.00", "0.015", "0.005"),
    ("002943", "Tech Innovators Equity Fund", "EQUITY", "R5", "CNY", "10.00", "0.015", "0.005"),
    ("270042", "Global Tech QDII Fund (USD)", "QDII", "R5", "USD", "10.00", "0.016", "0.005"),
)

_VOLATILITY = {"MONEY_MARKET": 0, "BOND": 8, "MIXED": 60, "EQUITY": 110, "INDEX": 100, "QDII": 120}
"""Daily NAV step in hundredths of a percent (1/10000 of NAV), per fund type."""
_UNIT = Decimal("0.0001")
_CENT = Decimal("0.01")


def isin(fund_code: str) -> str:
    """A CN ISIN for the fund: CNF + 9-digit number + check digit (Luhn over letter codes)."""
    body = f"CNF{int(fund_code):09d}"
    digits = "".join(str(int(c, 36)) for c in body)
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char) * (2 if position % 2 == 0 else 1)
        total += value // 10 + value % 10
    return body + str((10 - total % 10) % 10)


def trading_days(start: date, end: date) -> list[date]:
    """Shanghai trading days in the range: weekdays except 1-3 Jan, 1-5 May, 1-7 Oct."""
    closed = {
        (1, 1),
        (1, 2),
        (1, 3),
        *((5, d) for d in range(1, 6)),
        *((10, d) for d in range(1, 8)),
    }
    return [d for d in days(start, end) if d.weekday() < 5 and (d.month, d.day) not in closed]


def seed_catalogue(tx: LedgerTx, rng: random.Random, as_of: date) -> dict[str, Decimal]:
    """Write every fund and a year of NAVs up to the last trading day before `as_of`;
    returns each fund's latest NAV."""
    history = trading_days(as_of - timedelta(days=365), as_of - timedelta(days=1))
    latest: dict[str, Decimal] = {}
    for code, name, kind, risk, currency, minimum, sub_fee, red_fee in FUNDS:
        tx.execute(
            "INSERT INTO funds VALUES (?, ?, ?, ?, ?, ?, '15:00:00', 'Asia/Shanghai', ?, ?, ?, ?,"
            " 'OPEN')",
            (code, name, isin(code), kind, risk, currency, minimum,
             "0.00" if kind == "MONEY_MARKET" else "10.00", sub_fee, red_fee),
        )  # fmt: skip
        latest[code] = _write_navs(tx, rng, code, kind, history)
    return latest


def _write_navs(
    tx: LedgerTx, rng: random.Random, code: str, kind: str, history: list[date]
) -> Decimal:
    nav = Decimal(rng.randrange(9000, 30000)).scaleb(-4) if kind != "MONEY_MARKET" else Decimal(1)
    accumulated_extra = Decimal(rng.randrange(0, 8000)).scaleb(-4)
    step = _VOLATILITY[kind]
    for day in history:
        if kind == "MONEY_MARKET":
            per_10k = Decimal(rng.randrange(3800, 5200)).scaleb(-4)
            seven_day = Decimal(rng.randrange(1400, 1900)).scaleb(-5)
            row = (code, day.isoformat(), "1.0000", "1.0000", str(per_10k), str(seven_day))
        else:
            drift = Decimal(rng.randrange(-step, step + 2)).scaleb(-4)
            nav = max(Decimal("0.3000"), (nav * (1 + drift)).quantize(_UNIT, ROUND_HALF_UP))
            row = (code, day.isoformat(), str(nav), str(nav + accumulated_extra), None, None)
        tx.execute("INSERT INTO fund_navs VALUES (?, ?, ?, ?, ?, ?)", row)
    return nav


def add_investment_account(
    tx: LedgerTx, rng: random.Random, customer_id: str, opened: date, nickname: str
) -> str:
    """Open a CNY fund investment account at Bank D; returns its id."""
    account_id = f"inv-{rng.randrange(10**6):06d}"
    while tx.execute(
        "SELECT 1 FROM investment_accounts WHERE account_id = ?", (account_id,)
    ).fetchone():
        account_id = f"inv-{rng.randrange(10**6):06d}"
    tx.execute(
        "INSERT INTO investment_accounts VALUES (?, ?, 'INVESTMENTACCOUNT', ?,"
        " 'Fund Investment Account', ?, 'OPEN', 'CNY', ?)",
        (account_id, customer_id, f"{rng.randrange(10**11, 10**12)}", nickname,
         datetime.combine(opened, time(2), UTC).isoformat(timespec="microseconds")),
    )  # fmt: skip
    return account_id


def add_holding(
    tx: LedgerTx,
    rng: random.Random,
    *,
    account_id: str,
    cash: Account,
    fund_code: str,
    price: Decimal,
    units: Decimal,
    bought: date,
) -> None:
    """A holding of `units` bought at `price`, paid from `cash` (same currency as the fund)."""
    holding_id = f"h-{rng.randrange(10**8):08d}"
    tx.execute(
        "INSERT INTO fund_holdings VALUES (?, ?, ?, ?, '0.00', ?)",
        (holding_id, account_id, fund_code, str(units), str(price)),
    )
    tx.transfer(
        debit=cash.id,
        credit=tx.system_account("funds", cash.currency),
        amount=(units * price).quantize(_CENT, ROUND_HALF_UP),
        currency=cash.currency,
        kind="fund_subscription",
        reference=f"FUND {fund_code} {holding_id}",
        description=f"Fund subscription {fund_code}",
        booked_at=datetime.combine(bought, time(3), UTC),
        details={"fund_code": fund_code, "bank": "D", "investment_account_id": account_id},
    )


def add_risk_profile(
    tx: LedgerTx, customer_id: str, tolerance: str, as_of: date, *, professional: bool = False
) -> None:
    """A risk assessment done 200 days before `as_of`, valid for three years."""
    assessed = as_of - timedelta(days=200)
    tx.execute(
        "INSERT INTO risk_profiles VALUES (?, ?, ?, ?, ?, ?)",
        (customer_id, "PROFESSIONAL" if professional else "ORDINARY", tolerance,
         int(tolerance == "C1"), assessed.isoformat(),
         (assessed + timedelta(days=3 * 365)).isoformat()),
    )  # fmt: skip
