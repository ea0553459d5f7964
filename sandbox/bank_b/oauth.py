"""Bank B's `POST /oauth2/token` (client_credentials, scope PIS, client_secret_post) and
the bearer check of every PIS call (401 `TOKEN_INVALID` / `TOKEN_UNKNOWN` / `TOKEN_EXPIRED`)."""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

import orjson
from starlette.datastructures import Headers
from starlette.requests import Request
from starlette.responses import Response

from sandbox.bank_b.errors import TppError
from sandbox.bank_b.settings import Settings
from sandbox.forms import is_form, read_form
from sandbox.ledger import Ledger


@dataclass(frozen=True, slots=True)
class Token:
    value: str
    client_id: str
    expires_at: datetime


class TokenEndpoint:
    """Issues and checks Bank B access tokens (kept in memory per app)."""

    def __init__(self, settings: Settings, ledger: Ledger) -> None:
        self.settings, self.ledger = settings, ledger
        self.tokens: dict[str, Token] = {}

    async def token(self, request: Request) -> Response:
        if not is_form(request):
            return Response(status_code=415)
        form = await read_form(request)
        client = self.settings.client
        secret_ok = hmac.compare_digest(
            form.get("client_secret", "").encode(), str(client.client_secret).encode()
        )
        if form.get("client_id") != client.client_id or not secret_ok:
            return _oauth_error("invalid_client", "client authentication failed", 401)
        if form.get("grant_type") != "client_credentials":
            return _oauth_error("unsupported_grant_type", "only client_credentials is offered")
        if (form.get("scope") or "PIS").split() != ["PIS"]:
            return _oauth_error("invalid_scope", "only the PIS scope is offered")
        ttl = self.settings.access_token_ttl_seconds
        token = Token(secrets.token_urlsafe(32), client.client_id,
                      self.ledger.now() + timedelta(seconds=ttl))  # fmt: skip
        self.tokens[token.value] = token
        body = {"access_token": token.value, "token_type": "Bearer", "expires_in": ttl,
                "scope": "PIS"}  # fmt: skip
        return Response(orjson.dumps(body), media_type="application/json",
                        headers={"Cache-Control": "no-store"})  # fmt: skip

    def client_id(self, headers: Headers) -> str:
        """The client behind the request's bearer token; raises 401 `TppError`."""
        scheme, _, value = headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not value.strip():
            raise TppError(401, "TOKEN_INVALID", "a bearer token is required")
        token = self.tokens.get(value.strip())
        if token is None:
            raise TppError(401, "TOKEN_UNKNOWN", "the access token is not known")
        if token.expires_at <= self.ledger.now():
            raise TppError(401, "TOKEN_EXPIRED", "the access token has expired")
        return token.client_id


def _oauth_error(error: str, description: str, status: int = 400) -> Response:
    return Response(orjson.dumps({"error": error, "error_description": description}),
                    status_code=status, media_type="application/json",
                    headers={"Cache-Control": "no-store"})  # fmt: skip
