"""Bearer-token checks for Bank A resources.

Missing, unknown or expired token -> 401 with no body. A client-credentials token where a
PSU token is needed (or the reverse) -> 401 as well: it is not valid for that resource.
A PSU token whose consent was revoked -> 403 `UK.OBIE.Resource.InvalidConsentStatus`;
a consent past its `ExpirationDateTime` -> 401 (the token died with it).
"""

from __future__ import annotations

from starlette.datastructures import Headers

from sandbox.bank_a.errors import Bodiless, ObError
from sandbox.bank_a.grants import AccessToken, AuthState, Consent
from sandbox.ledger import Ledger

_CHALLENGE = {"WWW-Authenticate": 'Bearer realm="bank-a"'}


class Access:
    """Resolves `Authorization: Bearer` headers against one `AuthState`."""

    def __init__(self, state: AuthState, ledger: Ledger) -> None:
        self.state, self.ledger = state, ledger

    def client_token(self, headers: Headers) -> AccessToken:
        """The client-credentials token of the request, else raises 401."""
        token = self._token(headers)
        if token.consent_id is not None:
            raise Bodiless(401, _CHALLENGE)
        return token

    def psu_consent(self, headers: Headers) -> Consent:
        """The authorised consent behind the request's PSU token, else raises 401/403."""
        token = self._token(headers)
        if token.consent_id is None:
            raise Bodiless(401, _CHALLENGE)
        consent = self.state.consents[token.consent_id]
        if consent.expiration is not None and consent.expiration <= self.ledger.now():
            raise Bodiless(401, _CHALLENGE)
        if consent.status != "Authorised":
            raise ObError(403, "UK.OBIE.Resource.InvalidConsentStatus",
                          f"consent is {consent.status}")  # fmt: skip
        return consent

    def _token(self, headers: Headers) -> AccessToken:
        scheme, _, value = headers.get("authorization", "").partition(" ")
        token = self.state.tokens.get(value.strip()) if scheme.lower() == "bearer" else None
        if token is None or token.expires_at <= self.ledger.now():
            raise Bodiless(401, _CHALLENGE)
        return token
