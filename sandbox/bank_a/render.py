"""Ledger records -> UK OB `OBReadAccount6` / `OBReadBalance1` / `OBReadTransaction6` items.

Pure functions. Optional fields without a value are omitted, never null or "".
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from sandbox.bank_a.timefmt import london, london_date
from sandbox.ledger import Account, Entry

SERVICER = {"SchemeName": "UK.OBIE.BICFI", "Identification": "BKAAGB2L"}

_CODES: dict[str, tuple[str, str, str]] = {
    # kind: (BankTransactionCode.Code out, in, SubCode) ; proprietary code below
    "card": ("CustomerCardTransactions", "CustomerCardTransactions", "PointOfSalePayment"),
    "direct_debit": ("IssuedDirectDebits", "ReceivedDirectDebits", "DirectDebitPayment"),
    "transfer": ("IssuedCreditTransfers", "ReceivedCreditTransfers", "BookTransfer"),
    "sepa_credit_transfer": ("IssuedCreditTransfers", "ReceivedCreditTransfers",
                             "SEPACreditTransfer"),
    "opening_balance": ("IssuedCreditTransfers", "ReceivedCreditTransfers", "BookTransfer"),
}  # fmt: skip
_PROPRIETARY = {
    "card": "POS", "direct_debit": "DD", "transfer": "TFR", "salary": "BGC",
    "faster_payment": "FPS", "sepa_credit_transfer": "SEPA", "loan_disbursement": "LOAN",
    "loan_repayment": "LOAN", "fund_subscription": "FUND", "fund_redemption": "FUND",
    "opening_balance": "OPEN",
}  # fmt: skip


def amount(value: Decimal, currency: str) -> dict[str, str]:
    """`{Amount, Currency}` with the unsigned amount."""
    return {"Amount": format(abs(value), "f"), "Currency": currency}


def indicator(value: Decimal) -> str:
    """`Credit` for zero or positive, `Debit` for negative."""
    return "Debit" if value < 0 else "Credit"


def account_item(account: Account, holder: str, detail: bool) -> dict[str, Any]:
    """One `Data.Account[]` item; `Account[]` and `Servicer` only with `detail`."""
    item: dict[str, Any] = {
        "AccountId": account.id,
        "Status": account.status,
        "StatusUpdateDateTime": london(account.opened_at),
        "Currency": account.currency,
        "AccountType": account.account_type or "Personal",
        "AccountSubType": account.sub_type,
        "Description": account.description[:35],
        "Nickname": account.nickname[:70],
        "OpeningDate": london(account.opened_at),
    }
    if not detail:
        return item
    identifiers = []
    if account.currency == "GBP" and account.sort_code and account.account_number:
        identifiers.append({"SchemeName": "UK.OBIE.SortCodeAccountNumber",
                            "Identification": account.sort_code + account.account_number,
                            "Name": holder})  # fmt: skip
    if account.iban:
        identifiers.append({"SchemeName": "UK.OBIE.IBAN", "Identification": account.iban,
                            "Name": holder})  # fmt: skip
    item["Account"] = identifiers
    item["Servicer"] = dict(SERVICER)
    return item


def balance_items(account: Account, booked: Decimal, at: datetime) -> list[dict[str, Any]]:
    """`InterimBooked` and `InterimAvailable`; an overdraft adds its `CreditLine` to the
    available balance."""
    overdraft = -(account.min_balance or Decimal(0))
    available = booked + overdraft
    common = {"AccountId": account.id, "DateTime": london(at)}
    items = [
        {**common, "CreditDebitIndicator": indicator(booked), "Type": "InterimBooked",
         "Amount": amount(booked, account.currency)},
        {**common, "CreditDebitIndicator": indicator(available), "Type": "InterimAvailable",
         "Amount": amount(available, account.currency)},
    ]  # fmt: skip
    if overdraft > 0:
        items[1]["CreditLine"] = [
            {"Included": True, "Type": "Pre-Agreed", "Amount": amount(overdraft, account.currency)}
        ]
    return items


def transaction_item(
    entry: Entry, counterparty: Account | None, counterparty_name: str | None, detail: bool
) -> dict[str, Any]:
    """One `Data.Transaction[]` item. `counterparty` is the other account when it is a
    customer account of the sandbox (for Creditor/DebtorAccount under detail)."""
    outgoing = entry.amount < 0
    family_out, family_in, sub = _CODES.get(
        entry.kind, ("IssuedCreditTransfers", "ReceivedCreditTransfers", "DomesticCreditTransfer")
    )
    item: dict[str, Any] = {
        "AccountId": entry.account_id,
        "TransactionId": entry.transfer_id,
        "CreditDebitIndicator": indicator(entry.amount),
        "Status": "Booked",
        "BookingDateTime": london(entry.booked_at),
        "ValueDateTime": london_date(entry.value_date),
        "Amount": amount(entry.amount, entry.currency),
        "BankTransactionCode": {"Code": family_out if outgoing else family_in, "SubCode": sub},
        "ProprietaryBankTransactionCode": {
            "Code": _PROPRIETARY.get(entry.kind, "OTH"),
            "Issuer": "BankA",
        },
    }
    if entry.reference:
        item["TransactionReference"] = entry.reference[:210]
    if not detail:
        return item
    if entry.description:
        item["TransactionInformation"] = entry.description[:500]
    item["Balance"] = {
        "CreditDebitIndicator": indicator(entry.balance_after),
        "Type": "InterimBooked",
        "Amount": amount(entry.balance_after, entry.currency),
    }
    merchant = entry.details.get("merchant")
    if isinstance(merchant, str):
        merchant_item = {"MerchantName": merchant}
        if isinstance(entry.details.get("mcc"), str):
            merchant_item["MerchantCategoryCode"] = entry.details["mcc"]
        item["MerchantDetails"] = merchant_item
    party = _party(entry, counterparty, counterparty_name)
    if party:
        item["CreditorAccount" if outgoing else "DebtorAccount"] = party
    return item


def _party(
    entry: Entry, counterparty: Account | None, counterparty_name: str | None
) -> dict[str, str] | None:
    iban = counterparty.iban if counterparty else entry.details.get("counterparty_iban")
    name = counterparty_name or entry.details.get("counterparty_name")
    if isinstance(iban, str) and iban:
        party = {"SchemeName": "UK.OBIE.IBAN", "Identification": iban}
        if isinstance(name, str) and name:
            party["Name"] = name[:350]
        return party
    return None
