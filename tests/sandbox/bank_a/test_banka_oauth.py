"""Bank A `/token` and `/authorize`: grants, the consent flow, refresh, RFC 6749 errors."""

from __future__ import annotations

import httpx
from banka_client import BASE, BankA


async def test_client_credentials_token_shape(bank_a: BankA) -> None:
    response = await bank_a.http.post(
        "/token", data={"grant_type": "client_credentials", "scope": "accounts"}, auth=bank_a.basic
    )
    body = response.json()
    assert response.status_code == 200
    assert set(body) == {"access_token", "token_type", "expires_in", "scope"}
    assert (body["token_type"], body["expires_in"], body["scope"]) == ("Bearer", 3600, "accounts")


async def test_token_endpoint_errors(bank_a: BankA) -> None:
    wrong = await bank_a.http.post(
        "/token", data={"grant_type": "client_credentials"}, auth=(bank_a.client_id, "nope")
    )
    assert wrong.status_code == 401 and wrong.json()["error"] == "invalid_client"
    missing = await bank_a.http.post("/token", data={"grant_type": "client_credentials"})
    assert missing.status_code == 401
    grant = await bank_a.http.post("/token", data={"grant_type": "password"}, auth=bank_a.basic)
    assert (grant.status_code, grant.json()["error"]) == (400, "unsupported_grant_type")
    scope = await bank_a.http.post(
        "/token", data={"grant_type": "client_credentials", "scope": "payments"}, auth=bank_a.basic
    )
    assert (scope.status_code, scope.json()["error"]) == (400, "invalid_scope")
    as_json = await bank_a.http.post("/token", json={"grant_type": "x"}, auth=bank_a.basic)
    assert as_json.status_code == 415


async def test_authorize_redirects_with_code_and_state(bank_a: BankA) -> None:
    consent_id = await bank_a.create_consent()
    response = await bank_a.authorize(consent_id, login_hint="bo")
    location = httpx.URL(response.headers["location"])
    assert response.status_code == 302
    assert (location.host, location.path, location.params["state"]) == ("tpp.test", "/cb", "st-1")
    assert location.params["code"] and not location.fragment


async def test_login_hint_selects_the_psu_and_all_their_accounts(bank_a: BankA) -> None:
    headers = await bank_a.psu_headers("bo")
    accounts = (await bank_a.http.get(f"{BASE}/accounts", headers=headers)).json()
    names = {item["Account"][0]["Name"] for item in accounts["Data"]["Account"]}
    assert names == {"Bo Zhang Trading Ltd"} and len(accounts["Data"]["Account"]) == 3
    assert {a["AccountType"] for a in accounts["Data"]["Account"]} == {"Business"}


async def test_without_login_hint_the_default_psu_is_used(bank_a: BankA) -> None:
    consent_id = await bank_a.create_consent()
    redirect = await bank_a.authorize(consent_id)
    assert redirect.status_code == 302
    token = await bank_a.client_token()
    consent = await bank_a.http.get(
        f"{BASE}/account-access-consents/{consent_id}", headers={"Authorization": f"Bearer {token}"}
    )
    assert consent.json()["Data"]["Status"] == "Authorised"
    assert bank_a.http._transport.app.state.auth.consents[consent_id].psu_id == "alice"  # type: ignore[attr-defined]


async def test_sandbox_decision_reject(bank_a: BankA) -> None:
    consent_id = await bank_a.create_consent()
    response = await bank_a.authorize(consent_id, sandbox_decision="reject")
    assert httpx.URL(response.headers["location"]).params["error"] == "access_denied"
    token = await bank_a.client_token()
    consent = await bank_a.http.get(
        f"{BASE}/account-access-consents/{consent_id}", headers={"Authorization": f"Bearer {token}"}
    )
    assert consent.json()["Data"]["Status"] == "Rejected"


async def test_authorize_refuses_bad_request_objects(bank_a: BankA) -> None:
    consent_id = await bank_a.create_consent()
    forged = await bank_a.authorize(consent_id, request=bank_a.request_object(consent_id, "x" * 40))
    assert httpx.URL(forged.headers["location"]).params["error"] == "invalid_request_object"
    unknown = await bank_a.authorize("aac-unknown")
    assert httpx.URL(unknown.headers["location"]).params["error"] == "invalid_request_object"
    nobody = await bank_a.authorize(consent_id, login_hint="mallory")
    assert httpx.URL(nobody.headers["location"]).params["error"] == "login_required"
    bad_client = await bank_a.http.get("/authorize", params={"client_id": "other"})
    assert bad_client.status_code == 400


async def test_codes_are_single_use_and_refresh_works(bank_a: BankA) -> None:
    consent_id = await bank_a.create_consent()
    code = httpx.URL((await bank_a.authorize(consent_id)).headers["location"]).params["code"]
    form = {"grant_type": "authorization_code", "code": code, "redirect_uri": "https://tpp.test/cb"}
    first = await bank_a.http.post("/token", data=form, auth=bank_a.basic)
    second = await bank_a.http.post("/token", data=form, auth=bank_a.basic)
    assert first.status_code == 200 and second.json()["error"] == "invalid_grant"
    refreshed = await bank_a.http.post(
        "/token",
        auth=bank_a.basic,
        data={"grant_type": "refresh_token", "refresh_token": first.json()["refresh_token"]},
    )
    new_token = refreshed.json()["access_token"]
    assert refreshed.status_code == 200 and new_token != first.json()["access_token"]
    accounts = await bank_a.http.get(
        f"{BASE}/accounts", headers={"Authorization": f"Bearer {new_token}"}
    )
    assert accounts.status_code == 200


async def test_code_exchange_checks_redirect_uri(bank_a: BankA) -> None:
    consent_id = await bank_a.create_consent()
    code = httpx.URL((await bank_a.authorize(consent_id)).headers["location"]).params["code"]
    response = await bank_a.http.post(
        "/token",
        auth=bank_a.basic,
        data={
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": "https://evil.test/",
        },
    )
    assert response.json()["error"] == "invalid_grant"


async def test_refresh_dies_with_the_consent(bank_a: BankA) -> None:
    grant = await bank_a.psu_grant()
    token = await bank_a.client_token()
    await bank_a.http.delete(
        f"{BASE}/account-access-consents/{grant['consent_id']}",
        headers={"Authorization": f"Bearer {token}"},
    )
    refreshed = await bank_a.http.post(
        "/token",
        auth=bank_a.basic,
        data={"grant_type": "refresh_token", "refresh_token": grant["refresh_token"]},
    )
    assert (refreshed.status_code, refreshed.json()["error"]) == (400, "invalid_grant")
