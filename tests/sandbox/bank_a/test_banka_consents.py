"""Bank A `/account-access-consents`: shapes, validation errors, lifecycle."""

from __future__ import annotations

import re

import pytest
from banka_client import ALL, BASE, BankA

UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


async def post(bank_a: BankA, body: object, **headers: str) -> object:
    token = await bank_a.client_token()
    return await bank_a.http.post(
        f"{BASE}/account-access-consents",
        content=body if isinstance(body, bytes) else None,
        json=None if isinstance(body, bytes) else body,
        headers={"Authorization": f"Bearer {token}", **headers},
    )


async def test_create_consent_shape(bank_a: BankA) -> None:
    body = {
        "Data": {
            "Permissions": ALL,
            "ExpirationDateTime": "2027-01-01T00:00:00+00:00",
            "TransactionFromDateTime": "2025-01-01T00:00:00+00:00",
        },
        "Risk": {},
    }
    response = await post(bank_a, body)
    document = response.json()  # type: ignore[attr-defined]
    assert response.status_code == 201  # type: ignore[attr-defined]
    data = document["Data"]
    assert data["Status"] == "AwaitingAuthorisation" and data["Permissions"] == ALL
    assert data["ExpirationDateTime"] == "2027-01-01T00:00:00+00:00"
    assert re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$", data["CreationDateTime"])
    assert document["Risk"] == {} and document["Meta"] == {}
    assert document["Links"]["Self"].endswith(f"/account-access-consents/{data['ConsentId']}")


async def test_consent_creation_is_not_idempotent(bank_a: BankA) -> None:
    first, second = await bank_a.create_consent(), await bank_a.create_consent()
    assert first != second


@pytest.mark.parametrize(
    ("body", "code", "path"),
    [
        (b"{not json", "UK.OBIE.Resource.InvalidFormat", None),
        (b"[]", "UK.OBIE.Resource.InvalidFormat", None),
        ({"Risk": {}}, "UK.OBIE.Field.Missing", "Data"),
        ({"Data": {"Permissions": ALL}}, "UK.OBIE.Field.Missing", "Risk"),
        ({"Data": {}, "Risk": {}}, "UK.OBIE.Field.Missing", "Data.Permissions"),
        ({"Data": {"Permissions": []}, "Risk": {}}, "UK.OBIE.Field.Invalid", "Data.Permissions"),
        (
            {"Data": {"Permissions": "ReadBalances"}, "Risk": {}},
            "UK.OBIE.Field.Invalid",
            "Data.Permissions",
        ),
        (
            {"Data": {"Permissions": ["ReadEverything"]}, "Risk": {}},
            "UK.OBIE.Field.Invalid",
            "Data.Permissions",
        ),
        ({"Data": {"Permissions": [7]}, "Risk": {}}, "UK.OBIE.Field.Invalid", "Data.Permissions"),
        (
            {"Data": {"Permissions": ["ReadTransactionsCredits"]}, "Risk": {}},
            "UK.OBIE.Field.Invalid",
            "Data.Permissions",
        ),
        (
            {
                "Data": {"Permissions": ["ReadBalances"], "ExpirationDateTime": "tomorrow"},
                "Risk": {},
            },
            "UK.OBIE.Field.InvalidDate",
            "Data.ExpirationDateTime",
        ),
        (
            {
                "Data": {
                    "Permissions": ["ReadBalances"],
                    "TransactionToDateTime": "2025-01-01T00:00:00",
                },
                "Risk": {},
            },
            "UK.OBIE.Field.InvalidDate",
            "Data.TransactionToDateTime",
        ),
        ({"Data": {"Permissions": ["ReadBalances"]}, "Risk": []}, "UK.OBIE.Field.Invalid", "Risk"),
    ],
)
async def test_bad_consent_bodies_get_ob_errors(
    bank_a: BankA, body: object, code: str, path: str | None
) -> None:
    before = len(bank_a.http._transport.app.state.auth.consents)  # type: ignore[attr-defined]
    response = await post(bank_a, body, **{"Content-Type": "application/json"})
    document = response.json()  # type: ignore[attr-defined]
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert document["Code"] == "400 BadRequest" and UUID.match(document["Id"])
    assert document["Errors"][0]["ErrorCode"] == code and document["Message"]
    assert document["Errors"][0].get("Path") == path
    assert len(bank_a.http._transport.app.state.auth.consents) == before  # type: ignore[attr-defined]


async def test_wrong_content_type_is_415(bank_a: BankA) -> None:
    response = await post(bank_a, b"Data=x", **{"Content-Type": "text/plain"})
    assert response.status_code == 415 and response.content == b""  # type: ignore[attr-defined]


async def test_get_and_delete_consent(bank_a: BankA) -> None:
    consent_id = await bank_a.create_consent(["ReadBalances"])
    auth = {"Authorization": f"Bearer {await bank_a.client_token()}"}
    read = await bank_a.http.get(f"{BASE}/account-access-consents/{consent_id}", headers=auth)
    assert read.status_code == 200 and read.json()["Data"]["Permissions"] == ["ReadBalances"]
    deleted = await bank_a.http.delete(f"{BASE}/account-access-consents/{consent_id}", headers=auth)
    assert deleted.status_code == 204 and deleted.content == b""
    after = await bank_a.http.get(f"{BASE}/account-access-consents/{consent_id}", headers=auth)
    assert after.json()["Data"]["Status"] == "Revoked"


async def test_unknown_consent_is_400_not_found(bank_a: BankA) -> None:
    auth = {"Authorization": f"Bearer {await bank_a.client_token()}"}
    response = await bank_a.http.get(f"{BASE}/account-access-consents/aac-nope", headers=auth)
    assert response.status_code == 400
    assert response.json()["Errors"][0]["ErrorCode"] == "UK.OBIE.Resource.NotFound"


async def test_consent_endpoints_need_a_client_token(bank_a: BankA) -> None:
    psu = await bank_a.psu_headers()
    response = await bank_a.http.post(
        f"{BASE}/account-access-consents",
        headers=psu,
        json={"Data": {"Permissions": ALL}, "Risk": {}},
    )
    assert response.status_code == 401 and response.content == b""
    anonymous = await bank_a.http.get(f"{BASE}/account-access-consents/x")
    assert anonymous.status_code == 401 and anonymous.content == b""


async def test_tokens_of_a_deleted_consent_get_403(bank_a: BankA) -> None:
    grant = await bank_a.psu_grant()
    auth = {"Authorization": f"Bearer {await bank_a.client_token()}"}
    await bank_a.http.delete(f"{BASE}/account-access-consents/{grant['consent_id']}", headers=auth)
    response = await bank_a.http.get(
        f"{BASE}/accounts", headers={"Authorization": f"Bearer {grant['access_token']}"}
    )
    assert response.status_code == 403
    assert response.json()["Errors"][0]["ErrorCode"] == "UK.OBIE.Resource.InvalidConsentStatus"
