"""Contract tests of Bank D's OAuth2 server: private_key_jwt, grants, token errors."""

from __future__ import annotations

import secrets
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from bankd_world import (
    BASE,
    CLIENT_ID,
    REDIRECT,
    TOKEN_URL,
    Clock,
    FundsClient,
    bearer,
)
from joserfc.jwk import ECKey, RSAKey


async def test_discovery_advertises_private_key_jwt(http: httpx.AsyncClient) -> None:
    document = (await http.get("/.well-known/openid-configuration")).json()
    assert document["issuer"] == BASE
    assert document["token_endpoint"] == TOKEN_URL
    assert document["authorization_endpoint"] == BASE + "/oauth2/authorize"
    assert document["token_endpoint_auth_methods_supported"] == ["private_key_jwt"]
    assert document["token_endpoint_auth_signing_alg_values_supported"] == [
        "PS256", "RS256", "ES256",
    ]  # fmt: skip
    assert document["code_challenge_methods_supported"] == ["S256"]


async def test_client_credentials(funds_client: FundsClient) -> None:
    response = await funds_client.token({"grant_type": "client_credentials", "scope": "funds"})
    assert response.status_code == 200
    assert response.headers["cache-control"] == "no-store"
    body = response.json()
    assert set(body) == {"access_token", "token_type", "expires_in", "scope"}
    assert (body["token_type"], body["expires_in"], body["scope"]) == ("Bearer", 900, "funds")
    funds = await funds_client.http.get("/bankd/v1/funds", headers=bearer(body["access_token"]))
    assert funds.status_code == 200


async def test_client_token_cannot_read_customer_data(funds_client: FundsClient) -> None:
    token = await funds_client.client_token()
    response = await funds_client.http.get("/fdx/v5/accounts", headers=bearer(token))
    assert response.status_code == 403
    assert response.json()["code"] == "706"


async def test_client_credentials_scope_is_funds_only(funds_client: FundsClient) -> None:
    response = await funds_client.token({"grant_type": "client_credentials", "scope": "accounts"})
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_scope"


async def test_access_token_expires_after_900_seconds(
    funds_client: FundsClient, clock: Clock
) -> None:
    token = await funds_client.client_token()
    clock.advance(seconds=899)
    assert (
        await funds_client.http.get("/bankd/v1/funds", headers=bearer(token))
    ).status_code == 200
    clock.advance(seconds=1)
    expired = await funds_client.http.get("/bankd/v1/funds", headers=bearer(token))
    assert expired.status_code == 401
    assert expired.content == b""
    assert expired.headers["www-authenticate"] == 'Bearer realm="bank-d", error="invalid_token"'


async def test_missing_and_unknown_bearer(http: httpx.AsyncClient) -> None:
    missing = await http.get("/bankd/v1/funds")
    assert missing.status_code == 401
    assert missing.headers["www-authenticate"] == 'Bearer realm="bank-d"'
    assert missing.content == b""
    unknown = await http.get("/bankd/v1/funds", headers=bearer("nope"))
    assert unknown.status_code == 401


async def test_authorization_code_with_pkce_and_rotating_refresh(
    funds_client: FundsClient,
) -> None:
    tokens = await funds_client.customer_tokens("chen")
    assert set(tokens) == {"access_token", "token_type", "expires_in", "scope", "refresh_token"}
    assert tokens["scope"] == "accounts funds investments orders transactions"
    accounts = await funds_client.http.get(
        "/fdx/v5/accounts", headers=bearer(tokens["access_token"])
    )
    assert accounts.status_code == 200
    rotated = await funds_client.token(
        {"grant_type": "refresh_token", "refresh_token": tokens["refresh_token"]}
    )
    assert rotated.status_code == 200
    fresh = rotated.json()
    assert fresh["refresh_token"] != tokens["refresh_token"]
    again = await funds_client.token(
        {"grant_type": "refresh_token", "refresh_token": tokens["refresh_token"]}
    )
    assert again.status_code == 400
    assert again.json()["error"] == "invalid_grant"
    newer = await funds_client.token(
        {"grant_type": "refresh_token", "refresh_token": fresh["refresh_token"]}
    )
    assert newer.status_code == 200


async def test_code_is_single_use_and_needs_the_verifier(funds_client: FundsClient) -> None:
    verifier = secrets.token_urlsafe(48)
    location = await funds_client.authorize("chen", verifier)
    code = parse_qs(urlsplit(location).query)["code"][0]
    exchange = {"grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT}
    wrong = await funds_client.token({**exchange, "code_verifier": secrets.token_urlsafe(48)})
    assert (wrong.status_code, wrong.json()["error"]) == (400, "invalid_grant")
    # The failed attempt consumed the code.
    right = await funds_client.token({**exchange, "code_verifier": verifier})
    assert (right.status_code, right.json()["error"]) == (400, "invalid_grant")


async def test_code_must_come_back_to_the_same_redirect_uri(funds_client: FundsClient) -> None:
    verifier = secrets.token_urlsafe(48)
    code = parse_qs(urlsplit(await funds_client.authorize("chen", verifier)).query)["code"][0]
    response = await funds_client.token({
        "grant_type": "authorization_code", "code": code, "code_verifier": verifier,
        "redirect_uri": "http://127.0.0.1/elsewhere",
    })  # fmt: skip
    assert (response.status_code, response.json()["error"]) == (400, "invalid_grant")


@pytest.mark.parametrize(
    ("extra", "error"),
    [
        ({"login_hint": "nobody"}, "access_denied"),
        ({"login_hint": ""}, "access_denied"),
        ({"code_challenge_method": "plain"}, "invalid_request"),
        ({"code_challenge": "short"}, "invalid_request"),
        ({"response_type": "token"}, "unsupported_response_type"),
        ({"scope": "accounts admin"}, "invalid_scope"),
    ],
)
async def test_authorize_errors_redirect_back(
    funds_client: FundsClient, extra: dict[str, str], error: str
) -> None:
    location = await funds_client.authorize("chen", secrets.token_urlsafe(48), **extra)
    query = parse_qs(urlsplit(location).query)
    assert query["error"] == [error]
    assert query["state"] == ["s1"]
    assert "code" not in query


async def test_authorize_unknown_client_is_not_redirected(http: httpx.AsyncClient) -> None:
    response = await http.get(
        "/oauth2/authorize",
        params={"response_type": "code", "client_id": "evil", "redirect_uri": REDIRECT},
    )
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_client"
    bad_uri = await http.get(
        "/oauth2/authorize",
        params={"response_type": "code", "client_id": CLIENT_ID, "redirect_uri": "nowhere"},
    )
    assert (bad_uri.status_code, bad_uri.json()["error"]) == (400, "invalid_request")


CLIENT_CREDENTIALS = {"grant_type": "client_credentials"}


async def _refused(funds_client: FundsClient, assertion: str) -> dict[str, str]:
    response = await funds_client.token(CLIENT_CREDENTIALS, assertion=assertion)
    assert response.status_code == 401, response.text
    body = response.json()
    assert set(body) == {"error", "error_description"}
    assert body["error"] == "invalid_client"
    return body


async def test_replayed_jti_is_refused(funds_client: FundsClient) -> None:
    assertion = funds_client.assertion(jti="jti-1")
    first = await funds_client.token(CLIENT_CREDENTIALS, assertion=assertion)
    assert first.status_code == 200
    assert "jti" in (await _refused(funds_client, assertion))["error_description"]
    other = funds_client.assertion(jti="jti-1")
    await _refused(funds_client, other)


async def test_jti_may_return_after_its_assertion_expired(
    funds_client: FundsClient, clock: Clock
) -> None:
    first = await funds_client.token(CLIENT_CREDENTIALS, assertion=funds_client.assertion(jti="j"))
    assert first.status_code == 200
    clock.advance(seconds=301)
    later = await funds_client.token(CLIENT_CREDENTIALS, assertion=funds_client.assertion(jti="j"))
    assert later.status_code == 200


async def test_wrong_audience(funds_client: FundsClient) -> None:
    await _refused(funds_client, funds_client.assertion(aud="http://bank-a.test/token"))


async def test_issuer_url_and_list_audience_are_accepted(funds_client: FundsClient) -> None:
    for audience in (BASE, ["http://other", TOKEN_URL]):
        response = await funds_client.token(
            CLIENT_CREDENTIALS, assertion=funds_client.assertion(aud=audience)
        )
        assert response.status_code == 200


async def test_lifetime_longer_than_an_hour(funds_client: FundsClient, clock: Clock) -> None:
    now = int(clock().timestamp())
    await _refused(funds_client, funds_client.assertion(iat=now, exp=now + 3601))
    ok = await funds_client.token(
        CLIENT_CREDENTIALS, assertion=funds_client.assertion(iat=now, exp=now + 3600)
    )
    assert ok.status_code == 200


async def test_expired_assertion(funds_client: FundsClient, clock: Clock) -> None:
    now = int(clock().timestamp())
    await _refused(funds_client, funds_client.assertion(iat=now - 600, exp=now - 1))


@pytest.mark.parametrize("missing", ["jti", "iat", "exp"])
async def test_required_claims(funds_client: FundsClient, missing: str) -> None:
    await _refused(funds_client, funds_client.assertion(**{missing: None}))


async def test_kid_is_required(funds_client: FundsClient) -> None:
    await _refused(funds_client, funds_client.assertion(header={"kid": None}))


async def test_unknown_kid(funds_client: FundsClient) -> None:
    await _refused(funds_client, funds_client.assertion(header={"kid": "other"}))


async def test_assertion_signed_by_an_unregistered_key(
    funds_client: FundsClient, stranger_key: RSAKey
) -> None:
    await _refused(funds_client, funds_client.assertion(key=stranger_key))


async def test_unadvertised_algorithm(funds_client: FundsClient) -> None:
    await _refused(funds_client, funds_client.assertion(header={"alg": "RS512"}))


async def test_es256_needs_an_ec_key_registered(funds_client: FundsClient) -> None:
    ec = ECKey.generate_key("P-256", parameters={"kid": "funds-2024"})
    await _refused(funds_client, funds_client.assertion(key=ec, header={"alg": "ES256"}))  # type: ignore[arg-type]


async def test_rs256_is_accepted(funds_client: FundsClient) -> None:
    response = await funds_client.token(
        CLIENT_CREDENTIALS, assertion=funds_client.assertion(header={"alg": "RS256"})
    )
    assert response.status_code == 200


@pytest.mark.parametrize(
    "claims",
    [
        {"iss": "someone-else", "sub": "someone-else"},
        {"sub": "someone-else"},
    ],
)
async def test_issuer_and_subject(funds_client: FundsClient, claims: dict[str, str]) -> None:
    await _refused(funds_client, funds_client.assertion(**claims))


async def test_client_id_must_match(funds_client: FundsClient) -> None:
    response = await funds_client.token({**CLIENT_CREDENTIALS, "client_id": "someone-else"})
    assert (response.status_code, response.json()["error"]) == (401, "invalid_client")


async def test_garbage_and_missing_assertions(funds_client: FundsClient) -> None:
    await _refused(funds_client, "not.a.jws")
    response = await funds_client.http.post(TOKEN_URL, data=CLIENT_CREDENTIALS)
    assert (response.status_code, response.json()["error"]) == (401, "invalid_client")
    response = await funds_client.http.post(
        TOKEN_URL,
        data={**CLIENT_CREDENTIALS, "client_assertion_type": "urn:other",
              "client_assertion": funds_client.assertion()},
    )  # fmt: skip
    assert response.status_code == 401


@pytest.mark.parametrize(
    ("form", "error"),
    [
        ({"grant_type": "password"}, "unsupported_grant_type"),
        ({}, "invalid_request"),
        ({"grant_type": "authorization_code"}, "invalid_request"),
        ({"grant_type": "authorization_code", "code": "x", "code_verifier": "y",
          "redirect_uri": REDIRECT}, "invalid_grant"),
        ({"grant_type": "refresh_token"}, "invalid_request"),
        ({"grant_type": "refresh_token", "refresh_token": "nope"}, "invalid_grant"),
    ],
)  # fmt: skip
async def test_grant_errors(funds_client: FundsClient, form: dict[str, str], error: str) -> None:
    response = await funds_client.token(form)
    assert response.status_code == 400
    assert response.json() == {
        "error": error,
        "error_description": response.json()["error_description"],
    }
    assert response.json()["error"] == error


async def test_token_request_must_be_a_form(funds_client: FundsClient) -> None:
    response = await funds_client.http.post(TOKEN_URL, json={"grant_type": "client_credentials"})
    assert (response.status_code, response.json()["error"]) == (400, "invalid_request")
    repeated = await funds_client.http.post(
        TOKEN_URL,
        content=b"grant_type=client_credentials&grant_type=password",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert (repeated.status_code, repeated.json()["error"]) == (400, "invalid_request")
