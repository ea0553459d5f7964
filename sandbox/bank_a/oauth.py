"""Bank A's OAuth2/OIDC endpoints: `POST /token` and `GET /authorize` (auto-approving).

Token endpoint (client_secret_basic): `client_credentials` (scope `accounts`),
`authorization_code` and `refresh_token`. Errors follow RFC 6749 section 5.2.
`/authorize` takes `response_type=code`, `client_id`, `redirect_uri`, `state`, `scope`
containing `openid accounts`, a `request` object signed HS256 with the client secret whose
`claims.id_token.openbanking_intent_id.value` is the ConsentId, and an optional `login_hint`
(the PSU; default `Settings.default_psu`). `sandbox_decision=reject` rejects the consent.
"""

from __future__ import annotations

import base64
import binascii
import hmac
from dataclasses import replace
from datetime import timedelta
from typing import Any
from urllib.parse import urlencode

import orjson
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import OctKey
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from sandbox.bank_a.grants import AccessToken, AuthCode, AuthState, RefreshToken, new_secret
from sandbox.bank_a.settings import Settings
from sandbox.forms import is_form, read_form
from sandbox.ledger import Ledger, UnknownCustomer


class OAuthEndpoints:
    """Handlers for `/token` and `/authorize` over one `AuthState`."""

    def __init__(self, settings: Settings, ledger: Ledger, state: AuthState) -> None:
        self.settings, self.ledger, self.state = settings, ledger, state

    async def token(self, request: Request) -> Response:
        if not is_form(request):
            return Response(status_code=415)
        if not self._client_authenticated(request):
            return _oauth_error("invalid_client", "client authentication failed", 401)
        form = await read_form(request)
        grant_type = form.get("grant_type", "")
        if grant_type == "client_credentials":
            scope = form.get("scope") or "accounts"
            if scope.split() != ["accounts"]:
                return _oauth_error("invalid_scope", "only the accounts scope is offered")
            return self._issue(None, "accounts")
        if grant_type == "authorization_code":
            return self._exchange_code(form.get("code", ""), form.get("redirect_uri"))
        if grant_type == "refresh_token":
            return self._refresh(form.get("refresh_token", ""))
        return _oauth_error("unsupported_grant_type", f"grant_type {grant_type!r} is not offered")

    async def authorize(self, request: Request) -> Response:
        query = request.query_params
        client_id, redirect_uri = query.get("client_id"), query.get("redirect_uri")
        if client_id != self.settings.client.client_id or not redirect_uri:
            return _oauth_error("invalid_request", "unknown client_id or missing redirect_uri")
        state = query.get("state")
        if query.get("response_type") != "code":
            return _redirect(redirect_uri, state, error="unsupported_response_type")
        if not {"openid", "accounts"} <= set((query.get("scope") or "").split()):
            return _redirect(redirect_uri, state, error="invalid_scope")
        consent_id = self._intent_id(query.get("request") or "")
        consent = self.state.consents.get(consent_id or "")
        if consent is None or consent.status != "AwaitingAuthorisation":
            return _redirect(redirect_uri, state, error="invalid_request_object")
        now = self.ledger.now()
        if query.get("sandbox_decision") == "reject":
            self.state.consents[consent.consent_id] = replace(
                consent, status="Rejected", status_updated_at=now
            )
            return _redirect(redirect_uri, state, error="access_denied")
        psu = query.get("login_hint") or self.settings.default_psu
        try:
            self.ledger.customer(psu)
        except UnknownCustomer:
            return _redirect(redirect_uri, state, error="login_required")
        accounts = tuple(a.id for a in self.ledger.accounts(psu, bank="A"))
        self.state.consents[consent.consent_id] = replace(
            consent, status="Authorised", status_updated_at=now, psu_id=psu, account_ids=accounts
        )
        code = AuthCode(new_secret(), client_id, redirect_uri, consent.consent_id,
                        now + timedelta(seconds=60))  # fmt: skip
        self.state.codes[code.value] = code
        return _redirect(redirect_uri, state, code=code.value)

    def _exchange_code(self, value: str, redirect_uri: str | None) -> Response:
        code = self.state.codes.pop(value, None)
        if code is None or code.expires_at < self.ledger.now():
            return _oauth_error("invalid_grant", "unknown, used or expired code")
        if redirect_uri is not None and redirect_uri != code.redirect_uri:
            return _oauth_error("invalid_grant", "redirect_uri does not match the code")
        refresh = RefreshToken(
            new_secret(),
            code.client_id,
            code.consent_id,
            self.ledger.now() + timedelta(seconds=self.settings.refresh_token_ttl_seconds),
        )
        self.state.refresh_tokens[refresh.value] = refresh
        return self._issue(code.consent_id, "openid accounts", refresh.value)

    def _refresh(self, value: str) -> Response:
        refresh = self.state.refresh_tokens.get(value)
        consent = self.state.consents.get(refresh.consent_id) if refresh else None
        if refresh is None or refresh.expires_at < self.ledger.now():
            return _oauth_error("invalid_grant", "unknown or expired refresh_token")
        if consent is None or consent.status != "Authorised":
            return _oauth_error("invalid_grant", "the consent is no longer authorised")
        return self._issue(refresh.consent_id, "openid accounts", refresh.value)

    def _issue(self, consent_id: str | None, scope: str, refresh: str | None = None) -> Response:
        ttl = self.settings.access_token_ttl_seconds
        expires = self.ledger.now() + timedelta(seconds=ttl)
        token = AccessToken(
            new_secret(), self.settings.client.client_id, expires, consent_id, scope
        )
        self.state.tokens[token.value] = token
        body: dict[str, Any] = {"access_token": token.value, "token_type": "Bearer",
                                "expires_in": ttl, "scope": scope}  # fmt: skip
        if refresh is not None:
            body["refresh_token"] = refresh
        return Response(orjson.dumps(body), media_type="application/json",
                        headers={"Cache-Control": "no-store"})  # fmt: skip

    def _client_authenticated(self, request: Request) -> bool:
        header = request.headers.get("authorization", "")
        scheme, _, encoded = header.partition(" ")
        if scheme.lower() != "basic":
            return False
        try:
            client_id, _, secret = base64.b64decode(encoded, validate=True).decode().partition(":")
        except (binascii.Error, UnicodeDecodeError):
            return False
        client = self.settings.client
        return client_id == client.client_id and hmac.compare_digest(
            secret.encode(), str(client.client_secret).encode()
        )

    def _intent_id(self, request_object: str) -> str | None:
        key = OctKey.import_key(str(self.settings.client.client_secret).encode())
        try:
            token = jwt.decode(request_object, key, algorithms=["HS256"])
        except (JoseError, ValueError):
            return None
        claims = token.claims
        exp = claims.get("exp")
        if isinstance(exp, int | float) and exp < self.ledger.now().timestamp():
            return None
        intent = claims.get("claims", {}).get("id_token", {}).get("openbanking_intent_id", {})
        value = intent.get("value") if isinstance(intent, dict) else None
        return value if isinstance(value, str) else None


def _redirect(uri: str, state: str | None, **params: str) -> Response:
    if state is not None:
        params["state"] = state
    separator = "&" if "?" in uri else "?"
    return RedirectResponse(f"{uri}{separator}{urlencode(params)}", status_code=302)


def _oauth_error(error: str, description: str, status: int = 400) -> Response:
    headers = {"Cache-Control": "no-store"}
    if status == 401:
        headers["WWW-Authenticate"] = 'Basic realm="bank-a"'
    body = {"error": error, "error_description": description}
    return Response(orjson.dumps(body), status_code=status, media_type="application/json",
                    headers=headers)  # fmt: skip
