"""Bank D rows in the shared ledger, read and written inside one ``LedgerTx``.

Funds, NAVs, investment accounts, holdings and risk profiles live in the ledger's catalogue
tables (written by the seed). Bank D adds ``SCHEMA``: its fund orders.
"""

from __future__ import annotations

import datetime as dt
import secrets
from decimal import Decimal
from typing import Any

from sandbox.bank_d.records import Fund, Holding, InvestmentAccount, Nav, Order
from sandbox.bank_d.suitability import RiskProfile
from sandbox.ledger import LedgerTx

SCHEMA = """
CREATE TABLE IF NOT EXISTS bank_d_orders (
    order_id TEXT PRIMARY KEY,
    seq INTEGER NOT NULL UNIQUE,
    account_id TEXT NOT NULL REFERENCES investment_accounts(account_id),
    fund_code TEXT NOT NULL REFERENCES funds(fund_code),
    order_type TEXT NOT NULL CHECK (order_type IN ('BUY', 'SELL')),
    amount TEXT,                        -- BUY: cash amount, 2 decimals
    units TEXT,                         -- SELL: units, 2 decimals
    risk_mismatch_acknowledged INTEGER NOT NULL,
    status TEXT NOT NULL,               -- SUBMITTED | CONFIRMED | FAILED | CANCELLED
    order_timestamp TEXT NOT NULL,
    trade_date TEXT NOT NULL,
    expected_confirm_date TEXT NOT NULL,
    settlement_date TEXT,
    cash_account_id TEXT NOT NULL REFERENCES accounts(id),
    updated_at TEXT NOT NULL,
    nav_date TEXT,
    confirmed_nav TEXT,
    confirmed_units TEXT,
    confirmed_amount TEXT,
    fee TEXT,
    failure_code TEXT,
    failure_reason TEXT
);
CREATE INDEX IF NOT EXISTS bank_d_orders_by_account ON bank_d_orders(account_id, seq);
CREATE INDEX IF NOT EXISTS bank_d_orders_by_status ON bank_d_orders(status, expected_confirm_date);
"""


def _time(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat(timespec="microseconds")


def _dec(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


def _date(text: str | None) -> dt.date | None:
    return None if text is None else dt.date.fromisoformat(text)


def _text(value: object | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, Decimal):
        return f"{value:f}"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


# funds and NAVs ----------------------------------------------------------------------------


def funds(tx: LedgerTx, risk_level: str | None = None) -> list[Fund]:
    sql, args = "SELECT * FROM funds", ()
    if risk_level is not None:
        sql, args = sql + " WHERE risk_level = ?", (risk_level,)
    return [_fund(row) for row in tx.execute(sql + " ORDER BY fund_code", args)]


def fund(tx: LedgerTx, fund_code: str) -> Fund | None:
    row = tx.execute("SELECT * FROM funds WHERE fund_code = ?", (fund_code,)).fetchone()
    return None if row is None else _fund(row)


def _fund(row: Any) -> Fund:
    return Fund(
        fund_code=row["fund_code"],
        fund_name=row["fund_name"],
        security_id=row["security_id"],
        fund_type=row["fund_type"],
        risk_level=row["risk_level"],
        currency=row["currency"],
        cutoff_time=dt.time.fromisoformat(row["cutoff_time"]),
        time_zone=row["time_zone"],
        min_subscription_amount=Decimal(row["min_subscription_amount"]),
        min_redemption_units=Decimal(row["min_redemption_units"]),
        subscription_fee_rate=Decimal(row["subscription_fee_rate"]),
        redemption_fee_rate=Decimal(row["redemption_fee_rate"]),
        status=row["status"],
    )


def navs(
    tx: LedgerTx, fund_code: str, start: dt.date | None = None, end: dt.date | None = None
) -> list[Nav]:
    """NAVs of a fund, newest first, within ``[start, end]`` when given."""
    sql, args = "SELECT * FROM fund_navs WHERE fund_code = ?", [fund_code]
    if start is not None:
        sql, args = sql + " AND nav_date >= ?", [*args, start.isoformat()]
    if end is not None:
        sql, args = sql + " AND nav_date <= ?", [*args, end.isoformat()]
    return [_nav(row) for row in tx.execute(sql + " ORDER BY nav_date DESC", args)]


def latest_nav(tx: LedgerTx, fund_code: str, on_or_before: dt.date | None = None) -> Nav | None:
    sql, args = "SELECT * FROM fund_navs WHERE fund_code = ?", [fund_code]
    if on_or_before is not None:
        sql, args = sql + " AND nav_date <= ?", [*args, on_or_before.isoformat()]
    row = tx.execute(sql + " ORDER BY nav_date DESC LIMIT 1", args).fetchone()
    return None if row is None else _nav(row)


def nav_on(tx: LedgerTx, fund_code: str, day: dt.date) -> Nav | None:
    row = tx.execute(
        "SELECT * FROM fund_navs WHERE fund_code = ? AND nav_date = ?",
        (fund_code, day.isoformat()),
    ).fetchone()
    return None if row is None else _nav(row)


def insert_nav(tx: LedgerTx, nav: Nav) -> None:
    tx.execute(
        "INSERT OR IGNORE INTO fund_navs (fund_code, nav_date, nav_per_unit, accumulated_nav,"
        " yield_per_10k_units, seven_day_annualized_yield) VALUES (?, ?, ?, ?, ?, ?)",
        (
            nav.fund_code, nav.nav_date.isoformat(), _text(nav.nav_per_unit),
            _text(nav.accumulated_nav), _text(nav.yield_per_10k_units),
            _text(nav.seven_day_annualized_yield),
        ),
    )  # fmt: skip


def _nav(row: Any) -> Nav:
    return Nav(
        fund_code=row["fund_code"],
        nav_date=dt.date.fromisoformat(row["nav_date"]),
        nav_per_unit=Decimal(row["nav_per_unit"]),
        accumulated_nav=Decimal(row["accumulated_nav"]),
        yield_per_10k_units=_dec(row["yield_per_10k_units"]),
        seven_day_annualized_yield=_dec(row["seven_day_annualized_yield"]),
    )


# accounts, holdings, risk profiles ---------------------------------------------------------


def accounts_of(tx: LedgerTx, customer_id: str) -> list[InvestmentAccount]:
    rows = tx.execute(
        "SELECT * FROM investment_accounts WHERE customer_id = ? ORDER BY account_id",
        (customer_id,),
    )
    return [_account(row) for row in rows]


def account(tx: LedgerTx, account_id: str) -> InvestmentAccount | None:
    row = tx.execute(
        "SELECT * FROM investment_accounts WHERE account_id = ?", (account_id,)
    ).fetchone()
    return None if row is None else _account(row)


def _account(row: Any) -> InvestmentAccount:
    return InvestmentAccount(
        account_id=row["account_id"],
        customer_id=row["customer_id"],
        account_type=row["account_type"],
        account_number=row["account_number"],
        product_name=row["product_name"],
        nickname=row["nickname"],
        status=row["status"],
        currency=row["currency"],
        opened_at=dt.datetime.fromisoformat(row["opened_at"]),
    )


def holdings(tx: LedgerTx, account_id: str) -> list[Holding]:
    rows = tx.execute(
        "SELECT * FROM fund_holdings WHERE account_id = ? ORDER BY fund_code", (account_id,)
    )
    return [_holding(row) for row in rows]


def holding(tx: LedgerTx, account_id: str, fund_code: str) -> Holding | None:
    row = tx.execute(
        "SELECT * FROM fund_holdings WHERE account_id = ? AND fund_code = ?",
        (account_id, fund_code),
    ).fetchone()
    return None if row is None else _holding(row)


def save_holding(tx: LedgerTx, item: Holding) -> None:
    """Insert or replace the holding; a position with no units left is removed."""
    if item.units == 0 and item.frozen_units == 0:
        tx.execute("DELETE FROM fund_holdings WHERE holding_id = ?", (item.holding_id,))
        return
    tx.execute(
        "INSERT OR REPLACE INTO fund_holdings (holding_id, account_id, fund_code, units,"
        " frozen_units, purchased_price) VALUES (?, ?, ?, ?, ?, ?)",
        (
            item.holding_id, item.account_id, item.fund_code, _text(item.units),
            _text(item.frozen_units), _text(item.purchased_price),
        ),
    )  # fmt: skip


def new_holding_id() -> str:
    return "h-" + secrets.token_hex(6)


def _holding(row: Any) -> Holding:
    return Holding(
        holding_id=row["holding_id"],
        account_id=row["account_id"],
        fund_code=row["fund_code"],
        units=Decimal(row["units"]),
        frozen_units=Decimal(row["frozen_units"]),
        purchased_price=Decimal(row["purchased_price"]),
    )


def risk_profile(tx: LedgerTx, customer_id: str) -> RiskProfile | None:
    row = tx.execute("SELECT * FROM risk_profiles WHERE customer_id = ?", (customer_id,)).fetchone()
    if row is None:
        return None
    return RiskProfile(
        customer_id=row["customer_id"],
        investor_type=row["investor_type"],
        risk_tolerance=row["risk_tolerance"],
        lowest_category=bool(row["lowest_category"]),
        assessed_on=dt.date.fromisoformat(row["assessed_on"]),
        expires_on=dt.date.fromisoformat(row["expires_on"]),
    )


# orders ------------------------------------------------------------------------------------

_ORDER_COLUMNS = (
    "order_id", "account_id", "fund_code", "order_type", "amount", "units",
    "risk_mismatch_acknowledged", "status", "order_timestamp", "trade_date",
    "expected_confirm_date", "settlement_date", "cash_account_id", "updated_at", "nav_date",
    "confirmed_nav", "confirmed_units", "confirmed_amount", "fee", "failure_code",
    "failure_reason",
)  # fmt: skip


def insert_order(tx: LedgerTx, order: Order) -> None:
    seq = tx.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM bank_d_orders").fetchone()[0]
    columns = ", ".join(("seq", *_ORDER_COLUMNS))
    marks = ", ".join("?" * (len(_ORDER_COLUMNS) + 1))
    tx.execute(
        f"INSERT INTO bank_d_orders ({columns}) VALUES ({marks})", (seq, *_order_values(order))
    )


def update_order(tx: LedgerTx, order: Order) -> None:
    assignments = ", ".join(f"{column} = ?" for column in _ORDER_COLUMNS[1:])
    values = _order_values(order)
    tx.execute(
        f"UPDATE bank_d_orders SET {assignments} WHERE order_id = ?", (*values[1:], values[0])
    )


def order(tx: LedgerTx, order_id: str) -> Order | None:
    row = tx.execute("SELECT * FROM bank_d_orders WHERE order_id = ?", (order_id,)).fetchone()
    return None if row is None else _order(row)


def orders_of(tx: LedgerTx, account_id: str) -> list[Order]:
    """The account's orders, newest first."""
    rows = tx.execute(
        "SELECT * FROM bank_d_orders WHERE account_id = ? ORDER BY seq DESC", (account_id,)
    )
    return [_order(row) for row in rows]


def orders_due(tx: LedgerTx, confirm_on_or_before: dt.date) -> list[Order]:
    """Submitted orders whose confirmation date has come, oldest first."""
    rows = tx.execute(
        "SELECT * FROM bank_d_orders WHERE status = 'SUBMITTED' AND expected_confirm_date <= ?"
        " ORDER BY seq",
        (confirm_on_or_before.isoformat(),),
    )
    return [_order(row) for row in rows]


def _order_values(item: Order) -> tuple[Any, ...]:
    return (
        item.order_id, item.account_id, item.fund_code, item.order_type, _text(item.amount),
        _text(item.units), int(item.risk_mismatch_acknowledged), item.status,
        _time(item.order_timestamp), _text(item.trade_date), _text(item.expected_confirm_date),
        _text(item.settlement_date), item.cash_account_id, _time(item.updated_at),
        _text(item.nav_date), _text(item.confirmed_nav), _text(item.confirmed_units),
        _text(item.confirmed_amount), _text(item.fee), item.failure_code, item.failure_reason,
    )  # fmt: skip


def _order(row: Any) -> Order:
    return Order(
        order_id=row["order_id"],
        account_id=row["account_id"],
        fund_code=row["fund_code"],
        order_type=row["order_type"],
        amount=_dec(row["amount"]),
        units=_dec(row["units"]),
        risk_mismatch_acknowledged=bool(row["risk_mismatch_acknowledged"]),
        status=row["status"],
        order_timestamp=dt.datetime.fromisoformat(row["order_timestamp"]),
        trade_date=dt.date.fromisoformat(row["trade_date"]),
        expected_confirm_date=dt.date.fromisoformat(row["expected_confirm_date"]),
        settlement_date=_date(row["settlement_date"]),
        cash_account_id=row["cash_account_id"],
        updated_at=dt.datetime.fromisoformat(row["updated_at"]),
        nav_date=_date(row["nav_date"]),
        confirmed_nav=_dec(row["confirmed_nav"]),
        confirmed_units=_dec(row["confirmed_units"]),
        confirmed_amount=_dec(row["confirmed_amount"]),
        fee=_dec(row["fee"]),
        failure_code=row["failure_code"],
        failure_reason=row["failure_reason"],
    )
