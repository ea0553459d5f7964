"""The identity provider's HTTP face: discovery and JWKS (Starlette app factory)."""

from __future__ import annotations

from typing import Any

import orjson
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from sandbox.idp.provider import IdentityProvider, IdpSettings
from sandbox.ledger import Ledger, UnknownCustomer


def create_app(settings: IdpSettings, ledger: Ledger) -> Starlette:
    """The IdP over `ledger`'s customers. `app.state.idp` is the `IdentityProvider`
    (tests mint tokens through it)."""
    provider = IdentityProvider(
        settings, lambda customer_id: _name(ledger, customer_id), ledger.now
    )

    async def discovery(request: Request) -> Response:
        return _json(provider.discovery())

    async def jwks(request: Request) -> Response:
        return _json(provider.jwks())

    app = Starlette(
        routes=[
            Route("/.well-known/openid-configuration", discovery, methods=["GET"]),
            Route("/jwks.json", jwks, methods=["GET"]),
        ]
    )
    app.state.idp = provider
    return app


def _name(ledger: Ledger, customer_id: str) -> str:
    try:
        return ledger.customer(customer_id).name
    except UnknownCustomer:
        raise KeyError(customer_id) from None


def _json(document: Any) -> Response:
    return Response(
        orjson.dumps(document),
        media_type="application/json",
        headers={"Cache-Control": "public, max-age=300"},
    )
