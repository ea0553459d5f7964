"""Seed Bank B: settled SEPA payments from customers' EUR accounts (rows + ledger debits).

Payments are planned as history events (so running balances stay in booking order) and
their `bank_b_payments` rows are written afterwards for the events that were booked.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sandbox.bank_b import store
from sandbox.bank_b.store import Payment
from sandbox.ledger import Account, LedgerTx
from sandbox.seed.banking import Event, at_local, money

BANK_B_CLIENT_ID = "payments-subgraph"
"""The client id `sandbox.credentials` registers at Bank B: seeded payments belong to it."""

CREDITORS = (
    ("Van Dijk Drukwerk BV", "NL91ABNA0417164300"),
    ("Boulangerie Martin SARL", "FR1420041010050500013M02606"),
    ("Muller Maschinenbau GmbH", "DE89370400440532013000"),
    ("Costa Azul Lda", "PT50000201231234567890154"),
)


@dataclass(frozen=True, slots=True)
class PlannedPayment:
    payment: Payment
    event: Event


def plan_payment(
    rng: random.Random, psu: str, debtor: Account, day: date, low: Decimal, high: Decimal
) -> PlannedPayment:
    """A settled (ACSC) payment from `debtor` on `day`, and its history event."""
    name, iban = rng.choice(CREDITORS)
    payment_id = f"pmt-{rng.getrandbits(64):016x}"
    amount = money(rng, low, high)
    at = at_local(day, rng, 9, 17)
    e2e = f"INV-{day:%Y%m}-{rng.randrange(1000, 9999)}"
    document = {
        "endToEndIdentification": e2e,
        "debtorAccount": {"iban": debtor.iban},
        "instructedAmount": {"currency": "EUR", "amount": str(amount)},
        "creditorAccount": {"iban": iban},
        "creditorName": name,
        "remittanceInformationUnstructured": f"Invoice {e2e}",
    }
    payment = Payment(
        payment_id=payment_id, client_id=BANK_B_CLIENT_ID, psu_id=psu,
        request_id=f"seed-{payment_id}", document=document, debtor_account_id=debtor.id,
        creditor_iban=iban, creditor_account_id=None, amount=amount, execution_date=None,
        date_moved=False, status="ACSC", status_changed_at=at, status_seen=True,
        sca_status="finalised", authorisation_id=f"auth-{rng.getrandbits(64):016x}",
        redirect_uri="https://tpp.example/ok", nok_redirect_uri=None, funds_available=True,
        psu_message=None, transfer_id=None, created_at=at,
    )  # fmt: skip
    event = Event(
        at=at, account=debtor, amount=amount, inbound=False, kind="sepa_credit_transfer",
        reference=e2e, description=f"Invoice {e2e}",
        details={"payment_id": payment_id, "counterparty_iban": iban,
                 "counterparty_name": name, "bank": "B"},
        idempotency_key=f"bank_b:{payment_id}",
    )  # fmt: skip
    return PlannedPayment(payment, event)


def record_booked(tx: LedgerTx, planned: list[PlannedPayment]) -> int:
    """Write the rows of the planned payments whose debit was booked; returns how many."""
    written = 0
    for item in planned:
        transfer = tx.transfer_by_key(f"bank_b:{item.payment.payment_id}")
        if transfer is None:
            continue  # the account could not afford it on that day: never happened
        store.insert(tx, Payment(**{**_fields(item.payment), "transfer_id": transfer.id}))
        written += 1
    return written


def _fields(payment: Payment) -> dict[str, object]:
    return {name: getattr(payment, name) for name in Payment.__slots__}
