"""Bank B refuses every kind of bad payment input with the dialect's error, storing nothing."""

from __future__ import annotations

from typing import Any

import pytest
from bankb_client import PIS, BankB, eur_account, payment_body

from sandbox.ledger import Ledger


def stored(ledger: Ledger) -> tuple[int, dict[str, object]]:
    with ledger.transaction() as tx:
        count = tx.execute("SELECT COUNT(*) FROM bank_b_payments").fetchone()[0]
    return count, {a.id: ledger.balance(a.id) for a in ledger.accounts("alice")}


def other_ibans(ledger: Ledger) -> dict[str, str]:
    gbp = next(a for a in ledger.accounts("alice") if a.currency == "GBP")
    bo_gbp = next(a for a in ledger.accounts("bo") if a.currency == "GBP")
    return {
        "bo_eur": eur_account(ledger, "bo").iban or "",
        "alice_gbp": gbp.iban or "",
        "bo_gbp": bo_gbp.iban or "",
        "alice_eur": eur_account(ledger, "alice").iban or "",
    }


CASES: list[tuple[str, Any, int, str, str | None]] = [
    # name, body change (callable of ibans -> body change dict), status, code, path
    ("no debtor", {"debtorAccount": None}, 400, "FORMAT_ERROR", "debtorAccount"),
    (
        "debtor not an object",
        {"debtorAccount": "DE89370400440532013000"},
        400,
        "FORMAT_ERROR",
        "debtorAccount.iban",
    ),
    (
        "debtor checksum",
        {"debtorAccount": {"iban": "DE89370400440532013001"}},
        400,
        "FORMAT_ERROR",
        "debtorAccount.iban",
    ),
    (
        "creditor checksum",
        {"creditorAccount": {"iban": "NL91ABNA0417164301"}},
        400,
        "FORMAT_ERROR",
        "creditorAccount.iban",
    ),
    (
        "creditor length",
        {"creditorAccount": {"iban": "NL91ABNA04171643"}},
        400,
        "FORMAT_ERROR",
        "creditorAccount.iban",
    ),
    (
        "negative",
        {"instructedAmount": {"currency": "EUR", "amount": "-5.00"}},
        400,
        "FORMAT_ERROR",
        "instructedAmount.amount",
    ),
    (
        "zero",
        {"instructedAmount": {"currency": "EUR", "amount": "0.00"}},
        400,
        "FORMAT_ERROR",
        "instructedAmount.amount",
    ),
    (
        "over-precise",
        {"instructedAmount": {"currency": "EUR", "amount": "1.001"}},
        400,
        "FORMAT_ERROR",
        "instructedAmount.amount",
    ),
    (
        "number not string",
        {"instructedAmount": {"currency": "EUR", "amount": 5}},
        400,
        "FORMAT_ERROR",
        "instructedAmount.amount",
    ),
    (
        "not a number",
        {"instructedAmount": {"currency": "EUR", "amount": "12,50"}},
        400,
        "FORMAT_ERROR",
        "instructedAmount.amount",
    ),
    (
        "too large",
        {"instructedAmount": {"currency": "EUR", "amount": "1000000000.00"}},
        400,
        "FORMAT_ERROR",
        "instructedAmount.amount",
    ),
    (
        "not euro",
        {"instructedAmount": {"currency": "GBP", "amount": "5.00"}},
        400,
        "FORMAT_ERROR",
        "instructedAmount.currency",
    ),
    ("no amount", {"instructedAmount": None}, 400, "FORMAT_ERROR", "instructedAmount"),
    ("no name", {"creditorName": None}, 400, "FORMAT_ERROR", "creditorName"),
    ("long name", {"creditorName": "x" * 71}, 400, "FORMAT_ERROR", "creditorName"),
    ("name charset", {"creditorName": "Café Müller"}, 400, "FORMAT_ERROR", "creditorName"),
    ("name type", {"creditorName": 42}, 400, "FORMAT_ERROR", "creditorName"),
    (
        "long remittance",
        {"remittanceInformationUnstructured": "r" * 141},
        400,
        "FORMAT_ERROR",
        "remittanceInformationUnstructured",
    ),
    (
        "long e2e",
        {"endToEndIdentification": "e" * 36},
        400,
        "FORMAT_ERROR",
        "endToEndIdentification",
    ),
    ("bad bic", {"creditorAgent": "ABNA"}, 400, "FORMAT_ERROR", "creditorAgent"),
    (
        "address without country",
        {"creditorAddress": {"townName": "Utrecht"}},
        400,
        "FORMAT_ERROR",
        "creditorAddress.country",
    ),
    (
        "past date",
        {"requestedExecutionDate": "2026-06-01"},
        400,
        "EXECUTION_DATE_INVALID",
        "requestedExecutionDate",
    ),
    (
        "far date",
        {"requestedExecutionDate": "2027-07-01"},
        400,
        "EXECUTION_DATE_INVALID",
        "requestedExecutionDate",
    ),
    (
        "malformed date",
        {"requestedExecutionDate": "15/07/2026"},
        400,
        "FORMAT_ERROR",
        "requestedExecutionDate",
    ),
    (
        "debtor currency",
        {"debtorAccount": {"iban": "DE89370400440532013000", "currency": "USD"}},
        400,
        "FORMAT_ERROR",
        "debtorAccount.currency",
    ),
    (
        "unknown debtor",
        {"debtorAccount": {"iban": "DE89370400440532013000"}},
        400,
        "PARAMETER_NOT_CONSISTENT",
        "debtorAccount.iban",
    ),
    (
        "another customer's account",
        "bo_eur_debtor",
        400,
        "PARAMETER_NOT_CONSISTENT",
        "debtorAccount.iban",
    ),
    (
        "own GBP account as debtor",
        "alice_gbp_debtor",
        400,
        "PARAMETER_NOT_CONSISTENT",
        "debtorAccount.iban",
    ),
    (
        "GBP account as creditor",
        "bo_gbp_creditor",
        400,
        "PARAMETER_NOT_CONSISTENT",
        "creditorAccount.iban",
    ),
    (
        "creditor is debtor",
        "alice_eur_creditor",
        400,
        "PARAMETER_NOT_CONSISTENT",
        "creditorAccount.iban",
    ),
]


@pytest.mark.parametrize(
    ("name", "change", "status", "code", "path"), CASES, ids=[c[0] for c in CASES]
)
async def test_bad_bodies(
    bank_b: BankB, ledger: Ledger, name: str, change: Any, status: int, code: str, path: str | None
) -> None:
    ibans = other_ibans(ledger)
    if isinstance(change, str):
        who, _, role = change.rpartition("_")
        field = "debtorAccount" if role == "debtor" else "creditorAccount"
        change = {field: {"iban": ibans[who]}}
    before = stored(ledger)
    response = await bank_b.initiate(payment_body(ibans["alice_eur"], **change))
    assert response.status_code == status, response.text
    message = response.json()["tppMessages"][0]
    assert (message["category"], message["code"], message.get("path")) == ("ERROR", code, path)
    assert message["text"]
    assert stored(ledger) == before


@pytest.mark.parametrize("raw", [b"{not json", b"[]", b"null", b'"text"'])
async def test_malformed_json(bank_b: BankB, ledger: Ledger, raw: bytes) -> None:
    before = stored(ledger)
    headers = {**(await bank_b.headers()), "Content-Type": "application/json"}
    response = await bank_b.http.post(PIS, content=raw, headers=headers)
    assert response.status_code == 400
    assert response.json()["tppMessages"][0]["code"] == "FORMAT_ERROR"
    assert stored(ledger) == before


@pytest.mark.parametrize(
    ("header", "value", "status", "code"),
    [
        ("X-Request-ID", None, 400, "FORMAT_ERROR"),
        ("X-Request-ID", "abc", 400, "FORMAT_ERROR"),
        ("PSU-IP-Address", None, 400, "FORMAT_ERROR"),
        ("PSU-IP-Address", "not-an-ip", 400, "FORMAT_ERROR"),
        ("TPP-Redirect-URI", None, 400, "FORMAT_ERROR"),
        ("TPP-Redirect-URI", "/relative", 400, "FORMAT_ERROR"),
        ("PSU-ID", None, 400, "FORMAT_ERROR"),
        ("PSU-ID", "mallory", 401, "PSU_CREDENTIALS_INVALID"),
        ("Authorization", None, 401, "TOKEN_INVALID"),
        ("Authorization", "Bearer forged", 401, "TOKEN_UNKNOWN"),
    ],
)
async def test_bad_headers(
    bank_b: BankB, ledger: Ledger, header: str, value: str | None, status: int, code: str
) -> None:
    headers = await bank_b.headers()
    if value is None:
        del headers[header]
    else:
        headers[header] = value
    before = stored(ledger)
    body = payment_body(eur_account(ledger, "alice").iban or "")
    response = await bank_b.http.post(PIS, json=body, headers=headers)
    assert response.status_code == status, response.text
    message = response.json()["tppMessages"][0]
    assert message["code"] == code
    if status == 400:
        assert message["path"] == header
    assert stored(ledger) == before


async def test_content_type_accept_and_digest(bank_b: BankB, ledger: Ledger) -> None:
    body = payment_body(eur_account(ledger, "alice").iban or "")
    headers = await bank_b.headers()
    before = stored(ledger)
    form = await bank_b.http.post(PIS, data={"a": "b"}, headers=headers)
    assert (form.status_code, form.content) == (415, b"")
    xml = await bank_b.http.post(PIS, json=body, headers={**headers, "Accept": "application/xml"})
    assert (xml.status_code, xml.content) == (406, b"")
    unsigned = await bank_b.http.post(
        PIS, json=body, headers={**headers, "Signature": "keyId=x,signature=y"}
    )
    assert unsigned.status_code == 401
    assert unsigned.json()["tppMessages"][0]["code"] == "SIGNATURE_INVALID"
    assert stored(ledger) == before
