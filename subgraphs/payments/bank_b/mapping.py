"""Pure mapping from Bank B (Berlin Group) records to unified payment values, and back."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal

from subgraphs.common.errors import BankProtocolError
from subgraphs.common.money import CurrencyError, money
from subgraphs.common.validation import normalise_iban
from subgraphs.payments.bank_b.wire import BGPayment
from subgraphs.payments.domain import PaymentData, PaymentState

__all__ = ["STATUS_MAP", "initiation_body", "map_payment", "map_status"]

STATUS_MAP = {
    "RCVD": PaymentState.RECEIVED,
    "PDNG": PaymentState.PENDING,
    "PATC": PaymentState.PENDING,
    "ACTC": PaymentState.ACCEPTED,
    "ACCP": PaymentState.ACCEPTED,
    "ACFC": PaymentState.ACCEPTED,
    "ACWC": PaymentState.ACCEPTED,
    "ACSP": PaymentState.IN_SETTLEMENT,
    "ACWP": PaymentState.IN_SETTLEMENT,
    "ACSC": PaymentState.COMPLETED,
    "ACCC": PaymentState.COMPLETED,
    "RJCT": PaymentState.REJECTED,
    "CANC": PaymentState.CANCELLED,
    "PART": PaymentState.PARTIALLY_ACCEPTED,
}
_BG_AMOUNT = re.compile(r"^-?[0-9]{1,14}(\.[0-9]{1,3})?$")


def map_status(code: str) -> PaymentState:
    """ISO 20022 ExternalPaymentTransactionStatus -> PaymentState; unknown codes are an error."""
    try:
        return STATUS_MAP[code]
    except KeyError as error:
        raise BankProtocolError("B", f"unknown transactionStatus {code!r}") from error


def _date(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise BankProtocolError("B", f"bad ISODate {text!r}") from error


def _datetime(text: str | None) -> datetime | None:
    if text is None:
        return None
    try:
        return datetime.fromisoformat(text)
    except ValueError as error:
        raise BankProtocolError("B", f"bad ISODateTime {text!r}") from error


def map_payment(payment: BGPayment) -> PaymentData:
    """A full payment resource -> PaymentData (amount string as is, IBANs normalised)."""
    if payment.amount is None or payment.currency is None or not _BG_AMOUNT.match(payment.amount):
        raise BankProtocolError("B", f"payment {payment.payment_id} has no valid instructedAmount")
    if payment.debtor_iban is None or payment.creditor_iban is None:
        raise BankProtocolError("B", f"payment {payment.payment_id} lacks an account")
    try:
        amount = money(Decimal(payment.amount), payment.currency)
    except CurrencyError as error:
        raise BankProtocolError("B", str(error)) from error
    return PaymentData(
        payment_id=payment.payment_id,
        state=map_status(payment.transaction_status),
        status_code=payment.transaction_status,
        amount=amount,
        debtor_iban=normalise_iban(payment.debtor_iban),
        creditor_iban=normalise_iban(payment.creditor_iban),
        creditor_name=payment.creditor_name or "",
        remittance_information=payment.remittance,
        requested_execution_date=_date(payment.requested_execution_date),
        end_to_end_identification=payment.end_to_end_identification,
        created_at=_datetime(payment.created),
        funds_available=payment.funds_available,
    )


def initiation_body(
    *,
    debtor_iban: str,
    creditor_iban: str,
    creditor_name: str,
    amount: Decimal,
    currency: str,
    remittance: str | None,
    requested_execution_date: date | None,
    end_to_end_identification: str | None,
) -> dict[str, object]:
    """`paymentInitiation_json` for validated input; optional fields omitted when None."""
    body: dict[str, object] = {}
    if end_to_end_identification:
        body["endToEndIdentification"] = end_to_end_identification
    body["debtorAccount"] = {"iban": debtor_iban}
    body["instructedAmount"] = {"currency": currency, "amount": format(amount, "f")}
    body["creditorAccount"] = {"iban": creditor_iban}
    body["creditorName"] = creditor_name
    if remittance:
        body["remittanceInformationUnstructured"] = remittance
    if requested_execution_date is not None:
        body["requestedExecutionDate"] = requested_execution_date.isoformat()
    return body
