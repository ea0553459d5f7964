"""Every authentication and authorization path through the gateway, with proof from the
fixture subgraphs' own request logs that denied fields were never requested."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from gateway.edge.authorizer import PolicyRequest
from tests.gateway.edge.issuer import Issuer
from tests.gateway.http.conftest import MakeGateway

UNAUTHORIZED = "UNAUTHORIZED_FIELD_OR_TYPE"


def error_paths(body: dict[str, Any], code: str = UNAUTHORIZED) -> list[list[Any]]:
    return sorted(e["path"] for e in body.get("errors", []) if e["extensions"]["code"] == code)


@pytest.mark.parametrize(
    "make_token",
    [
        lambda i: i.token(ttl=-3600),
        lambda i: i.forged(),
        lambda i: i.token(aud="another-api"),
        lambda i: i.token(iss="https://evil.test"),
        lambda i: i.token(kid="r1")[:-4] + "AAAA",
    ],
    ids=["expired", "forged", "wrong-audience", "wrong-issuer", "tampered"],
)
async def test_bad_tokens_get_401_and_reach_no_subgraph(
    make_gateway: MakeGateway, issuer: Issuer, make_token: Any
) -> None:
    async with make_gateway() as gw:
        response = await gw.post({"query": "{ hello me { name } }"}, token=make_token(issuer))
        assert response.status_code == 401
        assert response.headers["www-authenticate"].startswith("Bearer")
        assert response.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
        assert all(not app.requests for app in gw.subgraphs.values())


async def test_missing_token_is_anonymous_and_authenticated_fields_are_filtered(
    make_gateway: MakeGateway,
) -> None:
    async with make_gateway() as gw:
        response = await gw.post({"query": "{ hello me { name } }"})
        assert response.status_code == 200
        body = response.json()
        assert body["data"] == {"hello": "Hello world", "me": None}
        assert error_paths(body) == [["me"]]
        assert all("me" not in query for query in gw.subgraph_queries("accounts"))


async def test_required_authentication_refuses_anonymous_requests(
    make_gateway: MakeGateway, issuer: Issuer
) -> None:
    async with make_gateway(require_authentication=True) as gw:
        assert (await gw.post({"query": "{ hello }"})).status_code == 401
        ok = await gw.post({"query": "{ hello }"}, token=issuer.token())
        assert ok.json() == {"data": {"hello": "Hello world"}}


async def test_missing_scope_on_one_field_of_several(
    make_gateway: MakeGateway, issuer: Issuer
) -> None:
    query = {"query": "{ accounts { id iban balance } }"}
    async with make_gateway() as gw:
        response = await gw.post(query, token=issuer.token(scope="openid accounts"))
        assert response.status_code == 200
        body = response.json()
        assert body["data"] == {
            "accounts": [
                {"id": "a1", "iban": "GB01", "balance": None},
                {"id": "a2", "iban": "GB02", "balance": None},
            ]
        }
        assert error_paths(body) == [["accounts", 0, "balance"], ["accounts", 1, "balance"]]
        queries = gw.subgraph_queries("accounts")
        assert queries and all("balance" not in q for q in queries)
        gw.reset()
        granted = await gw.post(query, token=issuer.token(scope="openid balances"))
        assert granted.json() == {
            "data": {
                "accounts": [
                    {"id": "a1", "iban": "GB01", "balance": 100},
                    {"id": "a2", "iban": "GB02", "balance": 250},
                ]
            }
        }
        assert any("balance" in q for q in gw.subgraph_queries("accounts"))


async def test_policy_hook_decides_and_denied_fields_are_never_fetched(
    make_gateway: MakeGateway, issuer: Issuer
) -> None:
    asked: list[PolicyRequest] = []

    async def hook(request: PolicyRequest) -> set[str]:
        asked.append(request)
        return {"can_read_notes"} if request.subject == "auditor" else set()

    query = {"query": "{ accounts { id secretNote } }"}
    async with make_gateway(policy_hook=hook) as gw:
        denied = (await gw.post(query, token=issuer.token(sub="customer-1"))).json()
        assert denied["data"] == {
            "accounts": [{"id": "a1", "secretNote": None}, {"id": "a2", "secretNote": None}]
        }
        assert error_paths(denied) == [["accounts", 0, "secretNote"], ["accounts", 1, "secretNote"]]
        assert gw.subgraphs["vault"].requests == []  # the only vault field was denied
        assert asked[0].policies == {"can_read_notes"}
        allowed = (await gw.post(query, token=issuer.token(sub="auditor"))).json()
        assert allowed == {
            "data": {
                "accounts": [
                    {"id": "a1", "secretNote": "note-1"},
                    {"id": "a2", "secretNote": "note-2"},
                ]
            }
        }
        assert len(gw.subgraphs["vault"].requests) == 1


async def test_failing_policy_hook_denies(make_gateway: MakeGateway, issuer: Issuer) -> None:
    def hook(request: PolicyRequest) -> set[str]:
        raise RuntimeError("policy store unreachable")

    async with make_gateway(policy_hook=hook) as gw:
        body = (
            await gw.post({"query": "{ accounts { id secretNote } }"}, token=issuer.token())
        ).json()
        assert error_paths(body) == [["accounts", 0, "secretNote"], ["accounts", 1, "secretNote"]]
        assert gw.subgraphs["vault"].requests == []


async def test_field_left_with_nothing_to_select_is_itself_unauthorized(
    make_gateway: MakeGateway, issuer: Issuer
) -> None:
    async with make_gateway() as gw:
        body = (
            await gw.post({"query": "{ hello accounts { secretNote } }"}, token=issuer.token())
        ).json()
        # accounts is [Account!]! but an unauthorized null stays in place (no propagation)
        assert body["data"] == {"hello": "Hello world", "accounts": None}
        assert error_paths(body) == [["accounts"]]
        assert all("accounts" not in q for q in gw.subgraph_queries("accounts"))
        assert gw.subgraphs["vault"].requests == []


async def test_reject_mode_refuses_the_whole_operation(
    make_gateway: MakeGateway, issuer: Issuer
) -> None:
    async with make_gateway(authorization_mode="reject") as gw:
        response = await gw.post({"query": "{ hello me { name } }"})
        assert response.status_code == 403
        assert "data" not in response.json()
        assert error_paths(response.json()) == [["me"]]
        assert all(not app.requests for app in gw.subgraphs.values())
        ok = await gw.post({"query": "{ hello me { name } }"}, token=issuer.token())
        assert ok.json() == {"data": {"hello": "Hello world", "me": {"name": "Ada"}}}


async def test_verified_token_is_forwarded_and_client_identity_headers_are_not(
    make_gateway: MakeGateway, issuer: Issuer
) -> None:
    token = issuer.token()
    spoofing = {"x-user-id": "admin", "cookie": "session=1", "accept-language": "de"}
    async with make_gateway() as gw:
        await gw.post({"query": "{ me { name } }"}, token=token, headers=spoofing)
        (received,) = gw.subgraphs["accounts"].headers
        assert received["authorization"] == f"Bearer {token}"
        assert received["accept-language"] == "de"
        assert "x-user-id" not in received and "cookie" not in received
    async with make_gateway(forward_authorization=False) as gw:
        await gw.post({"query": "{ me { name } }"}, token=token)
        (received,) = gw.subgraphs["accounts"].headers
        assert "authorization" not in received


async def test_jwks_from_the_identity_provider_url_follows_key_rotation(
    make_gateway: MakeGateway,
) -> None:
    issuer = Issuer()  # its own keys: this test rotates them
    fetches: list[str] = []

    async def jwks(request: Request) -> JSONResponse:
        fetches.append(request.url.path)
        return JSONResponse(issuer.jwks())

    idp = Starlette(routes=[Route("/jwks.json", jwks)])
    async with make_gateway(
        jwks_url="http://idp.test/jwks.json",
        jwks_min_refresh_seconds=0,
        jwks_transport=httpx.ASGITransport(idp),
    ) as gw:
        first = await gw.post({"query": "{ me { name } }"}, token=issuer.token())
        assert first.json() == {"data": {"me": {"name": "Ada"}}}
        issuer.rotate("rotated-key")
        rotated = await gw.post({"query": "{ me { name } }"}, token=issuer.token(kid="rotated-key"))
        assert rotated.json() == {"data": {"me": {"name": "Ada"}}}
        assert fetches == ["/jwks.json", "/jwks.json"]


async def test_anonymous_mutation_of_an_authenticated_field_never_runs(
    make_gateway: MakeGateway,
) -> None:
    async with make_gateway() as gw:
        body = (await gw.post({"query": 'mutation { rename(name: "x") }'})).json()
        assert body["data"] == {"rename": None}
        assert error_paths(body) == [["rename"]]
        assert gw.subgraph_queries("accounts") == []
