"""Deterministic demo data: the four demo customers of docs/sandbox-world.md.

`seed_world(ledger, seed=42, as_of=date)` writes, into an empty ledger and in one
transaction, the same world for the same `(seed, as_of)`:

- alice (everyday): GBP current (overdraft 500) + GBP savings + EUR current + CNY current at
  Bank A, a year of salary, rent, bills, card spending and savings transfers; SEPA payments
  at Bank B (see `sandbox.bank_b` when present); a small Bank D money-market holding paid
  from the CNY account, risk tolerance C3.
- bo (small business): Business GBP/EUR/CNY current accounts, a year of trade; a Bank C
  borrower with a MICRO_BIZ_01 loan disbursed 20 days before `as_of` to the CNY account.
- chen (investor): GBP, EUR and CNY accounts; a Bank D investment account with four holdings
  (R1-R4 funds) paid from the CNY account; risk tolerance C4.
- heavy (scale): 56 Bank A accounts, 70 settled Bank B payments, 52 Bank C loans, 55 Bank D
  holdings over five investment accounts, risk tolerance C5 (professional).

Plus the Bank C loan product catalogue and the Bank D fund catalogue (13 funds, R1-R5, one
USD QDII fund) with a year of NAVs. Money comes from system accounts (`sys-equity-*` for
opening balances, `sys-world-*` for the outside world, `sys-loans-CNY`, `sys-funds-*`), so
`ledger.totals()` stays zero per currency.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

import orjson

from sandbox.bank_b.store import SCHEMA as BANK_B_SCHEMA
from sandbox.ledger import Account, Ledger, LedgerTx
from sandbox.seed import banking, funds, loans, payments
from sandbox.seed.banking import LONDON, AccountPlan

__all__ = ["DEMO_CUSTOMERS", "SeedSummary", "seed_world"]

DEMO_CUSTOMERS = ("alice", "bo", "chen", "heavy")


@dataclass(frozen=True, slots=True)
class SeedSummary:
    """What `seed_world` did; `seeded` is False when the ledger already held a world."""

    seeded: bool
    seed: int
    as_of: date
    customers: int
    accounts: int
    transfers: int


def seed_world(ledger: Ledger, *, seed: int = 42, as_of: date | None = None) -> SeedSummary:
    """Write the demo world unless the ledger is already seeded (then change nothing).

    `as_of` (default: the ledger clock's London date) is the day the history ends before.
    """
    ledger.ensure_schema(BANK_B_SCHEMA)
    with ledger.transaction() as tx:
        marker = tx.execute("SELECT value FROM meta WHERE key = 'seeded'").fetchone()
        if marker is not None:
            previous = orjson.loads(marker["value"])
            return _summary(tx, False, previous["seed"], date.fromisoformat(previous["as_of"]))
        day = as_of or tx.now().astimezone(LONDON).date()
        _World(tx, random.Random(seed), day).build()
        value = orjson.dumps({"seed": seed, "as_of": day.isoformat()}).decode()
        tx.execute("INSERT INTO meta (key, value) VALUES ('seeded', ?)", (value,))
        return _summary(tx, True, seed, day)


def _summary(tx: LedgerTx, seeded: bool, seed: int, as_of: date) -> SeedSummary:
    def count(table: str) -> int:
        return int(tx.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])

    return SeedSummary(
        seeded, seed, as_of, count("customers"), count("accounts"), count("transfers")
    )


class _World:
    """Builds the demo world inside one transaction."""

    def __init__(self, tx: LedgerTx, rng: random.Random, as_of: date) -> None:
        self.tx, self.rng, self.as_of = tx, rng, as_of
        self.start = as_of - timedelta(days=365)
        self.end = as_of - timedelta(days=1)
        self.opened = datetime.combine(self.start, time(0, 5), LONDON)
        self.events: list[banking.Event] = []
        self.payments: list[payments.PlannedPayment] = []

    def build(self) -> None:
        loans.seed_products(self.tx)
        navs = funds.seed_catalogue(self.tx, self.rng, self.as_of)
        alice = self._alice()
        bo = self._bo()
        chen = self._chen()
        heavy = self._heavy()
        banking.apply_events(self.tx, self.events + [p.event for p in self.payments])
        payments.record_booked(self.tx, self.payments)
        self._bo_loan(bo)
        self._chen_funds(chen, navs)
        self._heavy_loans_and_funds(heavy, navs)
        # Last, so that the random draws of every earlier customer stay as they were.
        self._alice_funds(alice, navs)

    def _open(self, customer_id: str, plans: list[AccountPlan]) -> list[Account]:
        accounts = []
        for plan in plans:
            account = banking.open_account(self.tx, self.rng, customer_id, plan, self.opened)
            banking.fund_opening(self.tx, account, plan.opening, self.opened)
            accounts.append(account)
        return accounts

    def _alice(self) -> list[Account]:
        self.tx.add_customer("alice", "Alice Walker", "Personal", self.opened)
        current, savings, eur, cny = self._open(
            "alice",
            [
                AccountPlan("GBP", "CurrentAccount", "Everyday", Decimal("1200.00"), Decimal(500)),
                AccountPlan("GBP", "Savings", "Rainy day", Decimal("5000.00")),
                AccountPlan("EUR", "CurrentAccount", "Euro wallet", Decimal("5000.00")),
                AccountPlan("CNY", "CurrentAccount", "Renminbi", Decimal("3000.00")),
            ],
        )
        rng, start, end = self.rng, self.start, self.end
        self.events += banking.monthly(
            rng, current, start, end, day_of_month=25, amount=Decimal("2850.00"),
            inbound=True, kind="salary", name="Northwind Analytics Ltd",
        )  # fmt: skip
        self.events += banking.monthly(
            rng, current, start, end, day_of_month=1, amount=Decimal("1100.00"),
            inbound=False, kind="direct_debit", name="Harbour Lettings",
        )  # fmt: skip
        self.events += banking.monthly(
            rng, current, start, end, day_of_month=12, amount=Decimal("84.60"),
            inbound=False, kind="direct_debit", name="Octopus Energy",
        )  # fmt: skip
        self.events += banking.monthly(
            rng, current, start, end, day_of_month=26, amount=Decimal("300.00"),
            inbound=False, kind="transfer", name="To savings", counterparty=savings.id,
        )  # fmt: skip
        self.events += banking.card_spending(rng, current, start, end, per_week=4.5)
        self.events += banking.card_spending(rng, eur, start, end, per_week=0.6)
        self._payments("alice", eur, 6, Decimal("40"), Decimal("300"))
        self.events += banking.card_spending(rng, cny, start, end, per_week=0.3)
        return [current, savings, eur, cny]

    def _payments(self, psu: str, debtor: Account, count: int, low: Decimal, high: Decimal) -> None:
        for _ in range(count):
            day = self.start + timedelta(days=self.rng.randrange(7, 364))
            self.payments.append(payments.plan_payment(self.rng, psu, debtor, day, low, high))

    def _bo(self) -> list[Account]:
        self.tx.add_customer("bo", "Bo Zhang Trading Ltd", "Business", self.opened)
        gbp, eur, cny = self._open(
            "bo",
            [
                AccountPlan("GBP", "CurrentAccount", "Trading", Decimal("8000.00"),
                            Decimal(2000), "Business"),
                AccountPlan("EUR", "CurrentAccount", "EU sales", Decimal("6000.00"),
                            account_type="Business"),
                AccountPlan("CNY", "CurrentAccount", "Suppliers", Decimal("20000.00"),
                            account_type="Business"),
            ],
        )  # fmt: skip
        rng, start, end = self.rng, self.start, self.end
        for day in banking.days(start, end):
            if day.weekday() < 5 and rng.random() < 0.35:
                self.events.append(
                    banking.Event(
                        banking.at_local(day, rng), gbp,
                        banking.money(rng, Decimal(80), Decimal(900)), True,
                        "faster_payment", f"INV {rng.randrange(1000, 9999)}",
                        "Customer payment", details={"counterparty_name": "Trade customer"},
                    )
                )  # fmt: skip
        self.events += banking.monthly(
            rng, gbp, start, end, day_of_month=3, amount=Decimal("1450.00"),
            inbound=False, kind="direct_debit", name="Unit 4 Riverside Rent",
        )  # fmt: skip
        self.events += banking.card_spending(rng, gbp, start, end, per_week=2)
        self.events += banking.card_spending(rng, eur, start, end, per_week=0.5)
        self.events += banking.card_spending(rng, cny, start, end, per_week=1)
        return [gbp, eur, cny]

    def _chen(self) -> list[Account]:
        self.tx.add_customer("chen", "Chen Wei", "Personal", self.opened)
        accounts = self._open(
            "chen",
            [
                AccountPlan("GBP", "CurrentAccount", "London", Decimal("3500.00")),
                AccountPlan("EUR", "CurrentAccount", "Travel", Decimal("900.00")),
                AccountPlan("CNY", "CurrentAccount", "Investing", Decimal("250000.00")),
            ],
        )
        self.events += banking.card_spending(self.rng, accounts[0], self.start, self.end, 3)
        self.events += banking.card_spending(self.rng, accounts[2], self.start, self.end, 1)
        return accounts

    def _heavy(self) -> list[Account]:
        self.tx.add_customer("heavy", "Heavy Tester", "Personal", self.opened)
        shapes = [
            ("GBP", "CurrentAccount", Decimal("2500.00"), Decimal(250)),
            ("GBP", "Savings", Decimal("10000.00"), Decimal(0)),
            ("EUR", "CurrentAccount", Decimal("3000.00"), Decimal(0)),
            ("CNY", "CurrentAccount", Decimal("100000.00"), Decimal(0)),
        ]
        plans = [
            AccountPlan(cur, sub, f"{sub} {cur} #{n // 4 + 1}", opening, overdraft)
            for n, (cur, sub, opening, overdraft) in ((n, shapes[n % 4]) for n in range(56))
        ]
        accounts = self._open("heavy", plans)
        for account in accounts:
            if account.currency == "EUR":
                self._payments("heavy", account, 5, Decimal("10"), Decimal("200"))
        for account in accounts:
            if account.sub_type == "CurrentAccount":
                self.events += banking.card_spending(self.rng, account, self.start, self.end, 0.3)
        return accounts

    def _bo_loan(self, accounts: list[Account]) -> None:
        borrower = loans.add_borrower(self.tx, self.rng, "bo", "张波")
        loans.add_loan(
            self.tx, self.rng, borrower_id=borrower, account=accounts[2],
            product_code="MICRO_BIZ_01", principal_fen=1_200_000, term_months=12,
            repay_method="EQUAL_INSTALLMENT", value_date=self.as_of - timedelta(days=20),
        )  # fmt: skip

    def _chen_funds(self, accounts: list[Account], navs: dict[str, Decimal]) -> None:
        inv = funds.add_investment_account(self.tx, self.rng, "chen", self.start, "Long term")
        for code, units in (("000198", "20000.00"), ("000216", "8000.00"),
                            ("660012", "8004.39"), ("519066", "3000.00")):  # fmt: skip
            funds.add_holding(
                self.tx, self.rng, account_id=inv, cash=accounts[2], fund_code=code,
                price=navs[code], units=Decimal(units), bought=self.start + timedelta(days=30),
            )  # fmt: skip
        funds.add_risk_profile(self.tx, "chen", "C4", self.as_of)

    def _alice_funds(self, accounts: list[Account], navs: dict[str, Decimal]) -> None:
        """A first small step into investing: one money-market holding, a cautious profile."""
        inv = funds.add_investment_account(self.tx, self.rng, "alice", self.start, "First steps")
        funds.add_holding(
            self.tx, self.rng, account_id=inv, cash=accounts[3], fund_code="000198",
            price=navs["000198"], units=Decimal("500.00"), bought=self.start + timedelta(days=90),
        )  # fmt: skip
        funds.add_risk_profile(self.tx, "alice", "C3", self.as_of)

    def _heavy_loans_and_funds(self, accounts: list[Account], navs: dict[str, Decimal]) -> None:
        cny = [a for a in accounts if a.currency == "CNY"]
        borrower = loans.add_borrower(self.tx, self.rng, "heavy", "何维")
        for n in range(52):
            loans.add_loan(
                self.tx, self.rng, borrower_id=borrower, account=cny[n % len(cny)],
                product_code=("MICRO_BIZ_01", "CONSUMER_01")[n % 2],
                principal_fen=self.rng.randrange(100, 4000) * 1000,
                term_months=(6, 12)[n % 2], repay_method="EQUAL_INSTALLMENT",
                value_date=self.as_of - timedelta(days=self.rng.randrange(1, 200)),
            )  # fmt: skip
        cny_funds = [row[0] for row in funds.FUNDS if row[4] == "CNY"]
        for n in range(5):
            inv = funds.add_investment_account(self.tx, self.rng, "heavy", self.start, f"Pot {n}")
            for m, code in enumerate(cny_funds[:11]):
                funds.add_holding(
                    self.tx, self.rng, account_id=inv, cash=cny[(n * 11 + m) % len(cny)],
                    fund_code=code, price=navs[code],
                    units=Decimal(self.rng.randrange(50000, 200000)).scaleb(-2),
                    bought=self.start + timedelta(days=10 + m),
                )  # fmt: skip
        funds.add_risk_profile(self.tx, "heavy", "C5", self.as_of, professional=True)
