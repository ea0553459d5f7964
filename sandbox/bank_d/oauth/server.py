"""Bank D's OAuth2 endpoints: discovery, ``/oauth2/authorize`` and ``/oauth2/token``.

Grants (bank-dialects.md §4.2): ``client_credentials`` (scope ``funds`` only),
``authorization_code`` with PKCE ``S256`` (scopes ``accounts investments transactions funds
orders``; [Sandbox] ``login_hint`` names the customer, who is approved at once) and
``refresh_token`` (rotated on every use). Every token request authenticates the client with
``private_key_jwt``. Errors follow RFC 6749 §5.2.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import urlencode, urlsplit

from sandbox.bank_d.errors import OAuthError
from sandbox.bank_d.oauth.assertions import ALGORITHMS, AssertionVerifier
from sandbox.bank_d.oauth.tokens import Code, Grant, TokenStore, s256
from sandbox.bank_d.settings import Settings

CUSTOMER_SCOPES = ("accounts", "investments", "transactions", "funds", "orders")
CLIENT_SCOPES = ("funds",)


class OAuthServer:
    """Token issuance for one Bank D; ``customer_exists`` says whether a login hint is real."""

    def __init__(
        self,
        settings: Settings,
        tokens: TokenStore,
        clock: Callable[[], float],
        customer_exists: Callable[[str], bool],
    ) -> None:
        self._settings = settings
        self._tokens = tokens
        self._clock = clock
        self._customer_exists = customer_exists
        self._clients = {client.client_id for client in settings.clients}
        self._verifier = AssertionVerifier(
            {client.client_id: client.jwks for client in settings.clients},
            audiences=(settings.token_endpoint, settings.public_url),
            max_lifetime=settings.max_assertion_lifetime,
        )

    def discovery(self) -> dict[str, Any]:
        base = self._settings.public_url
        return {
            "issuer": base,
            "authorization_endpoint": base + "/oauth2/authorize",
            "token_endpoint": self._settings.token_endpoint,
            "token_endpoint_auth_methods_supported": ["private_key_jwt"],
            "token_endpoint_auth_signing_alg_values_supported": list(ALGORITHMS),
            "grant_types_supported": ["client_credentials", "authorization_code", "refresh_token"],
            "response_types_supported": ["code"],
            "code_challenge_methods_supported": ["S256"],
            "scopes_supported": list(CUSTOMER_SCOPES),
        }

    def authorize(self, query: Mapping[str, str]) -> str:
        """Approve at once and return the redirect URL carrying ``code`` (or ``error``).

        Raises ``OAuthError`` when there is nowhere safe to redirect to (unknown client, bad
        ``redirect_uri``): the caller answers 400 itself.
        """
        client_id, redirect_uri = query.get("client_id", ""), query.get("redirect_uri", "")
        if client_id not in self._clients:
            raise OAuthError("invalid_client", "unknown client_id")
        parts = urlsplit(redirect_uri)
        if parts.scheme not in ("http", "https") or not parts.netloc or parts.fragment:
            raise OAuthError("invalid_request", "redirect_uri must be an absolute http(s) URL")
        state = query.get("state")
        try:
            code = self._code(query, client_id, redirect_uri)
        except OAuthError as error:
            refusal = {"error": error.error, "error_description": error.description}
            return _redirect(redirect_uri, refusal, state)
        return _redirect(redirect_uri, {"code": code}, state)

    def token(self, form: Mapping[str, str]) -> dict[str, Any]:
        """Run one token request; returns the RFC 6749 §5.1 body or raises ``OAuthError``."""
        now = self._clock()
        client_id = self._verifier.verify(
            form.get("client_assertion_type"),
            form.get("client_assertion"),
            form.get("client_id"),
            now,
        )
        grant_type = form.get("grant_type")
        if grant_type == "client_credentials":
            scopes = _scopes(form.get("scope"), CLIENT_SCOPES, CLIENT_SCOPES)
            return self._issue(Grant(client_id, None, scopes, now), refresh=False)
        if grant_type == "authorization_code":
            return self._exchange_code(client_id, form, now)
        if grant_type == "refresh_token":
            return self._refresh(client_id, form, now)
        if not grant_type:
            raise OAuthError("invalid_request", "grant_type is required")
        raise OAuthError("unsupported_grant_type", f"grant_type {grant_type} is not supported")

    def _code(self, query: Mapping[str, str], client_id: str, redirect_uri: str) -> str:
        if query.get("response_type") != "code":
            raise OAuthError("unsupported_response_type", "response_type must be code")
        challenge = query.get("code_challenge", "")
        if query.get("code_challenge_method") != "S256" or not 43 <= len(challenge) <= 128:
            raise OAuthError("invalid_request", "PKCE with code_challenge_method=S256 required")
        customer = query.get("login_hint", "")
        if not customer or not self._customer_exists(customer):
            raise OAuthError("access_denied", "login_hint must name a sandbox customer")
        scopes = _scopes(query.get("scope"), CUSTOMER_SCOPES, CUSTOMER_SCOPES)
        expires = self._clock() + self._settings.code_ttl
        grant = Grant(client_id, customer, scopes, expires)
        return self._tokens.issue_code(Code(grant, redirect_uri, challenge))

    def _exchange_code(self, client_id: str, form: Mapping[str, str], now: float) -> dict[str, Any]:
        value, verifier = form.get("code"), form.get("code_verifier")
        if not value or not verifier:
            raise OAuthError("invalid_request", "code and code_verifier are required")
        code = self._tokens.take_code(value, now)
        if code is None or code.grant.client_id != client_id:
            raise OAuthError("invalid_grant", "the code is unknown, used or expired")
        if form.get("redirect_uri") != code.redirect_uri:
            raise OAuthError("invalid_grant", "redirect_uri differs from the authorization")
        if s256(verifier) != code.code_challenge:
            raise OAuthError("invalid_grant", "code_verifier does not match code_challenge")
        return self._issue(code.grant, refresh=True)

    def _refresh(self, client_id: str, form: Mapping[str, str], now: float) -> dict[str, Any]:
        value = form.get("refresh_token")
        if not value:
            raise OAuthError("invalid_request", "refresh_token is required")
        grant = self._tokens.take_refresh(value, now)
        if grant is None or grant.client_id != client_id:
            raise OAuthError("invalid_grant", "the refresh token is unknown, used or expired")
        scopes = _scopes(form.get("scope"), tuple(sorted(grant.scopes)), tuple(grant.scopes))
        return self._issue(Grant(client_id, grant.customer_id, scopes, now), refresh=True)

    def _issue(self, grant: Grant, *, refresh: bool) -> dict[str, Any]:
        now = self._clock()
        ttl = self._settings.access_token_ttl
        access = Grant(grant.client_id, grant.customer_id, grant.scopes, now + ttl)
        body: dict[str, Any] = {
            "access_token": self._tokens.issue_access(access),
            "token_type": "Bearer",
            "expires_in": ttl,
            "scope": " ".join(sorted(grant.scopes)),
        }
        if refresh:
            expires = now + self._settings.refresh_token_ttl
            renewed = Grant(grant.client_id, grant.customer_id, grant.scopes, expires)
            body["refresh_token"] = self._tokens.issue_refresh(renewed)
        return body


def _scopes(
    requested: str | None, allowed: tuple[str, ...], default: tuple[str, ...]
) -> frozenset[str]:
    if not requested:
        return frozenset(default)
    scopes = frozenset(requested.split())
    if not scopes <= set(allowed):
        raise OAuthError("invalid_scope", f"scope must be within: {' '.join(allowed)}")
    return scopes


def _redirect(uri: str, params: dict[str, str], state: str | None) -> str:
    if state is not None:
        params = {**params, "state": state}
    separator = "&" if urlsplit(uri).query else "?"
    return uri + separator + urlencode(params)
