"""The deterministic demo world: who is in it, and that it is internally consistent."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sandbox.iban import is_valid_iban
from sandbox.ledger import Ledger
from sandbox.seed import DEMO_CUSTOMERS, seed_world

AS_OF = date(2026, 6, 15)


def dump(ledger: Ledger) -> tuple[object, ...]:
    with ledger.transaction() as tx:
        tables = (
            "accounts",
            "transfers",
            "loans",
            "fund_holdings",
            "fund_navs",
            "borrowers",
            "investment_accounts",
            "risk_profiles",
            "funds",
            "loan_products",
        )
        return tuple(
            tuple(tuple(row) for row in tx.execute(f"SELECT * FROM {t} ORDER BY 1, 2"))
            for t in tables
        )


def count(ledger: Ledger, sql: str, *args: object) -> int:
    with ledger.transaction() as tx:
        return int(tx.execute(sql, args).fetchone()[0])


def test_same_seed_same_world_other_seed_other_world(ledger: Ledger) -> None:
    twin = Ledger.open(clock=ledger.now)
    seed_world(twin, seed=7, as_of=AS_OF)
    other = Ledger.open(clock=ledger.now)
    seed_world(other, seed=8, as_of=AS_OF)
    assert dump(twin) == dump(ledger)
    assert dump(other) != dump(ledger)


def test_seeding_twice_changes_nothing(ledger: Ledger) -> None:
    before = dump(ledger)
    summary = seed_world(ledger, seed=99, as_of=date(2020, 1, 1))
    assert not summary.seeded and (summary.seed, summary.as_of) == (7, AS_OF)
    assert dump(ledger) == before


def test_money_is_conserved_and_limits_hold(ledger: Ledger) -> None:
    assert set(ledger.totals()) == {"GBP", "EUR", "CNY"}
    assert all(total == 0 for total in ledger.totals().values())
    for account in ledger.accounts():
        if account.customer_id is not None:
            assert account.min_balance is not None
            assert ledger.balance(account.id) >= account.min_balance


def test_demo_customers_and_their_accounts(ledger: Ledger) -> None:
    assert [c.id for c in ledger.customers()] == sorted(DEMO_CUSTOMERS)
    alice = ledger.accounts("alice", bank="A")
    assert sorted((a.currency, a.sub_type) for a in alice) == [
        ("CNY", "CurrentAccount"),
        ("EUR", "CurrentAccount"),
        ("GBP", "CurrentAccount"),
        ("GBP", "Savings"),
    ]
    overdraft = next(a for a in alice if a.min_balance and a.min_balance < 0)
    assert overdraft.min_balance == Decimal("-500.00")
    assert {a.account_type for a in ledger.accounts("bo")} == {"Business"}
    assert {a.currency for a in ledger.accounts("chen")} >= {"CNY"}
    assert len(ledger.accounts("heavy")) >= 50
    for account in ledger.accounts():
        if account.customer_id:
            assert account.iban and is_valid_iban(account.iban)
            assert (
                account.sort_code and len(account.sort_code + (account.account_number or "")) == 14
            )
    cards = [a.card_number for a in ledger.accounts() if a.currency == "CNY" and a.customer_id]
    assert all(card and luhn_ok(card) for card in cards)


def luhn_ok(number: str) -> bool:
    total = 0
    for position, char in enumerate(reversed(number)):
        digit = int(char) * (2 if position % 2 else 1)
        total += digit - 9 if digit > 9 else digit
    return total % 10 == 0


def test_a_year_of_history(ledger: Ledger) -> None:
    current = next(a for a in ledger.accounts("alice") if a.min_balance == Decimal("-500.00"))
    entries = ledger.entries(current.id)
    assert len(entries) > 200
    assert (entries[0].booked_at.date() - entries[-1].booked_at.date()).days >= 360
    assert {"salary", "card", "direct_debit", "transfer"} <= {e.kind for e in entries}


def test_bank_c_catalogue(ledger: Ledger) -> None:
    assert count(ledger, "SELECT COUNT(*) FROM loan_products WHERE status = 'ON_SALE'") >= 2
    bo_loans = count(
        ledger,
        "SELECT COUNT(*) FROM loans l JOIN borrowers b USING (borrower_id)"
        " WHERE b.customer_id = 'bo'",
    )
    heavy_loans = count(
        ledger,
        "SELECT COUNT(*) FROM loans l JOIN borrowers b"
        " USING (borrower_id) WHERE b.customer_id = 'heavy'",
    )
    assert bo_loans == 1 and heavy_loans >= 50
    with ledger.transaction() as tx:
        loan = tx.execute(
            "SELECT * FROM loans l JOIN borrowers b USING (borrower_id) WHERE b.customer_id = 'bo'"
        ).fetchone()
        transfer = tx.transfer_by_id(loan["disbursement_transfer_id"])
        card_account = tx.account_by_card(loan["receive_card_no"])
        id_card = loan["id_card_no"]
    assert transfer.credit_account_id == loan["receive_account_id"] == card_account.id
    assert transfer.amount == Decimal(loan["principal_fen"]).scaleb(-2)
    assert len(loan["apply_no"]) == len(loan["loan_no"]) == 32
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    check = sum(int(d) * w for d, w in zip(id_card[:17], weights, strict=True)) % 11
    assert id_card[17] == "10X98765432"[check]


def test_bank_d_catalogue(ledger: Ledger) -> None:
    with ledger.transaction() as tx:
        levels = {r[0] for r in tx.execute("SELECT risk_level FROM funds")}
        navs = tx.execute("SELECT fund_code, COUNT(*) FROM fund_navs GROUP BY fund_code").fetchall()
        money_market = tx.execute(
            "SELECT DISTINCT nav_per_unit FROM fund_navs n JOIN funds f"
            " USING (fund_code) WHERE fund_type = 'MONEY_MARKET'"
        ).fetchall()
        profile = tx.execute("SELECT * FROM risk_profiles WHERE customer_id = 'chen'").fetchone()
    assert levels == {"R1", "R2", "R3", "R4", "R5"}
    assert all(n >= 240 for _, n in navs)
    assert [tuple(r) for r in money_market] == [("1.0000",)]
    assert profile["risk_tolerance"] == "C4"
    chen = count(
        ledger,
        "SELECT COUNT(*) FROM fund_holdings h JOIN investment_accounts a"
        " USING (account_id) WHERE a.customer_id = 'chen'",
    )
    heavy = count(
        ledger,
        "SELECT COUNT(*) FROM fund_holdings h JOIN investment_accounts a"
        " USING (account_id) WHERE a.customer_id = 'heavy'",
    )
    assert chen == 4 and heavy >= 50
