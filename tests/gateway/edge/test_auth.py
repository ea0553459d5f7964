"""Bearer JWT verification: every refusal path, JWKS from a file and from a URL."""

from __future__ import annotations

import base64
from pathlib import Path

import httpx
import orjson
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from gateway.edge.auth import (
    URLJWKS,
    AuthenticationError,
    AuthenticationMiddleware,
    FileJWKS,
    Identity,
    TokenVerifier,
    identity_of,
)
from tests.gateway.edge.issuer import AUDIENCE, ISSUER, Issuer


@pytest.fixture(scope="module")
def issuer() -> Issuer:
    return Issuer()


@pytest.fixture
def jwks_file(issuer: Issuer, tmp_path: Path) -> Path:
    path = tmp_path / "jwks.json"
    path.write_bytes(orjson.dumps(issuer.jwks()))
    return path


def verifier(keys: FileJWKS | URLJWKS, **overrides: object) -> TokenVerifier:
    options: dict[str, object] = {
        "issuer": ISSUER,
        "audiences": (AUDIENCE,),
        "algorithms": ("ES256", "RS256"),
        "clock_skew_seconds": 30,
    }
    options.update(overrides)
    return TokenVerifier(keys, **options)  # type: ignore[arg-type]


async def test_valid_tokens_give_an_identity(issuer: Issuer, jwks_file: Path) -> None:
    check = verifier(FileJWKS(jwks_file))
    for kid in ("k1", "r1"):
        identity = await check.verify(issuer.token(kid=kid, scope="accounts payments"))
        assert isinstance(identity, Identity)
        assert identity.subject == "customer-1"
        assert identity.scopes == {"accounts", "payments"}
        assert identity.is_authenticated


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda i: i.token(ttl=-120), "token has expired"),
        (lambda i: i.token(aud="someone-else"), "token claim 'aud' is missing or invalid"),
        (lambda i: i.token(iss="https://evil.test"), "token claim 'iss' is missing or invalid"),
        (lambda i: i.token(exp=None), "token claim 'exp' is missing or invalid"),
        (lambda i: i.forged(), "token signature is invalid"),
        (lambda i: i.token(kid="k1") + "x", "token signature is invalid"),
        (lambda i: "not.a.jwt", "malformed token"),
        (lambda i: "garbage", "malformed token"),
    ],
)
async def test_refusals_name_the_failed_check(
    issuer: Issuer, jwks_file: Path, make: object, reason: str
) -> None:
    outcome = await verifier(FileJWKS(jwks_file)).verify(make(issuer))  # type: ignore[operator]
    assert outcome == AuthenticationError(reason)


async def test_clock_skew_is_tolerated(issuer: Issuer, jwks_file: Path) -> None:
    token = issuer.token(ttl=-10)  # expired 10 s ago, within the 30 s leeway
    assert isinstance(await verifier(FileJWKS(jwks_file)).verify(token), Identity)
    strict = verifier(FileJWKS(jwks_file), clock_skew_seconds=0)
    assert await strict.verify(token) == AuthenticationError("token has expired")


async def test_algorithms_outside_the_allow_list_are_refused(
    issuer: Issuer, jwks_file: Path
) -> None:
    only_rsa = verifier(FileJWKS(jwks_file), algorithms=("RS256",))
    outcome = await only_rsa.verify(issuer.token(kid="k1"))
    assert outcome == AuthenticationError("token algorithm not allowed")
    header = base64.urlsafe_b64encode(b'{"alg":"none","kid":"k1"}').rstrip(b"=").decode()
    claims = base64.urlsafe_b64encode(b'{"sub":"x"}').rstrip(b"=").decode()
    unsigned = f"{header}.{claims}."
    outcome = await verifier(FileJWKS(jwks_file)).verify(unsigned)
    assert outcome == AuthenticationError("token algorithm not allowed")


async def test_unknown_kid_refreshes_the_url_jwks_once(issuer: Issuer) -> None:
    fetches: list[int] = []

    async def jwks(request: Request) -> JSONResponse:
        fetches.append(1)
        return JSONResponse(issuer.jwks())

    idp = Starlette(routes=[Route("/jwks.json", jwks)])
    async with httpx.AsyncClient(transport=httpx.ASGITransport(idp)) as client:
        keys = URLJWKS("http://idp.test/jwks.json", client, min_refresh_seconds=0)
        check = verifier(keys)
        assert isinstance(await check.verify(issuer.token()), Identity)
        assert isinstance(await check.verify(issuer.token()), Identity)
        assert len(fetches) == 1  # cached
        issuer.rotate("k2")
        assert isinstance(await check.verify(issuer.token(kid="k2")), Identity)
        assert len(fetches) == 2  # unknown kid -> one refresh
        assert isinstance(await check.verify(issuer.token(kid="k2")), Identity)
        assert len(fetches) == 2


async def test_refresh_on_unknown_kid_is_rate_limited(issuer: Issuer) -> None:
    fetches: list[int] = []

    async def jwks(request: Request) -> JSONResponse:
        fetches.append(1)
        return JSONResponse(issuer.jwks())

    idp = Starlette(routes=[Route("/jwks.json", jwks)])
    async with httpx.AsyncClient(transport=httpx.ASGITransport(idp)) as client:
        check = verifier(URLJWKS("http://idp.test/jwks.json", client, min_refresh_seconds=3600))
        assert isinstance(await check.verify(issuer.token()), Identity)
        for n in range(5):  # a flood of made-up kids costs one refresh at most
            outcome = await check.verify(issuer.forged(kid=f"made-up-{n}"))
            assert outcome == AuthenticationError("token signed by an unknown key")
        assert len(fetches) == 1


async def _whoami(request: Request) -> JSONResponse:
    identity = identity_of(request.scope)
    return JSONResponse({"sub": identity.subject, "authenticated": identity.is_authenticated})


@pytest.mark.parametrize("required", [False, True])
async def test_middleware(issuer: Issuer, jwks_file: Path, required: bool) -> None:
    app = AuthenticationMiddleware(
        Starlette(routes=[Route("/", _whoami)]),
        verifier(FileJWKS(jwks_file)),
        required=required,
    )
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app), base_url="http://gateway.test"
    ) as client:
        anonymous = await client.get("/")
        if required:
            assert anonymous.status_code == 401
        else:
            assert anonymous.json() == {"sub": None, "authenticated": False}
        good = await client.get("/", headers={"Authorization": f"Bearer {issuer.token()}"})
        assert good.json() == {"sub": "customer-1", "authenticated": True}
        for header in (f"Bearer {issuer.token(ttl=-300)}", "Basic dXNlcjpwYXNz", "Bearer "):
            refused = await client.get("/", headers={"Authorization": header})
            assert refused.status_code == 401
            assert refused.headers["www-authenticate"].startswith("Bearer")
            assert refused.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_unreachable_jwks_is_503_not_a_crash(issuer: Issuer) -> None:
    async def down(request: Request) -> JSONResponse:
        return JSONResponse({"error": "down"}, status_code=503)

    idp = Starlette(routes=[Route("/jwks.json", down)])
    async with httpx.AsyncClient(transport=httpx.ASGITransport(idp)) as client:
        check = verifier(URLJWKS("http://idp.test/jwks.json", client))
        outcome = await check.verify(issuer.token())
        assert outcome == AuthenticationError("token keys are unavailable", status=503)
