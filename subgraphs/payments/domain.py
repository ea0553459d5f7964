"""Unified payment values served by the payments subgraph."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, datetime

from subgraphs.common.money import MoneyValue

__all__ = ["PaymentData", "PaymentState"]


class PaymentState(enum.Enum):
    RECEIVED = "RECEIVED"
    PENDING = "PENDING"
    ACCEPTED = "ACCEPTED"
    IN_SETTLEMENT = "IN_SETTLEMENT"
    COMPLETED = "COMPLETED"
    REJECTED = "REJECTED"
    CANCELLED = "CANCELLED"
    PARTIALLY_ACCEPTED = "PARTIALLY_ACCEPTED"


@dataclass(frozen=True, slots=True)
class PaymentData:
    """One SEPA credit transfer; `status_code` is the raw ISO 20022 code."""

    payment_id: str
    state: PaymentState
    status_code: str
    amount: MoneyValue
    debtor_iban: str
    creditor_iban: str
    creditor_name: str
    remittance_information: str | None
    requested_execution_date: date | None
    end_to_end_identification: str | None
    created_at: datetime | None
    funds_available: bool | None
