"""Client authentication by ``private_key_jwt`` (RFC 7523 §2.2, OIDC Core §9).

``AssertionVerifier.verify`` returns the authenticated ``client_id`` or raises
``OAuthError("invalid_client")``. Checks: a compact JWS whose ``alg`` is advertised and whose
``kid`` header names a key in the client's registered JWKS; a valid signature; ``iss`` =
``sub`` = a registered client; ``aud`` names the token endpoint or the issuer; ``exp`` in the
future and at most ``max_lifetime`` seconds after ``iat``; ``nbf`` (if any) passed; a ``jti``
not seen before its ``exp``. A ``jti`` is remembered only once everything else verified.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import orjson
from joserfc import jws, jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet

from sandbox.bank_d.errors import OAuthError

ALGORITHMS = ("PS256", "RS256", "ES256")
ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
CLOCK_SKEW = 60


def _refuse(description: str) -> OAuthError:
    return OAuthError("invalid_client", description)


class JtiCache:
    """``jti`` values per client, kept until the assertion that carried them expires."""

    def __init__(self) -> None:
        self._until: dict[tuple[str, str], float] = {}

    def seen(self, client_id: str, jti: str, now: float) -> bool:
        self._until = {key: exp for key, exp in self._until.items() if exp > now}
        return (client_id, jti) in self._until

    def remember(self, client_id: str, jti: str, exp: float) -> None:
        self._until[(client_id, jti)] = exp


class AssertionVerifier:
    """Verifies client assertions against the registered clients' public JWKS."""

    def __init__(
        self,
        clients: Mapping[str, dict[str, Any]],
        audiences: Iterable[str],
        max_lifetime: int,
    ) -> None:
        self._keys = {client: KeySet.import_key_set(jwks) for client, jwks in clients.items()}
        self._audiences = frozenset(audiences)
        self._max_lifetime = max_lifetime
        self._jtis = JtiCache()

    def verify(
        self, assertion_type: str | None, assertion: str | None, client_id: str | None, now: float
    ) -> str:
        """Authenticate the client of one token request (see module docstring)."""
        if assertion_type != ASSERTION_TYPE or not assertion:
            raise _refuse("client authentication must be private_key_jwt")
        header, claims = _unverified(assertion)
        if header.get("alg") not in ALGORITHMS:
            raise _refuse(f"alg must be one of {', '.join(ALGORITHMS)}")
        if not header.get("kid"):
            raise _refuse("the assertion header must carry kid")
        issuer = claims.get("iss")
        if not isinstance(issuer, str) or issuer not in self._keys:
            raise _refuse("unknown client (iss)")
        if claims.get("sub") != issuer:
            raise _refuse("sub must equal iss")
        if client_id is not None and client_id != issuer:
            raise _refuse("client_id does not match the assertion")
        try:
            jwt.decode(assertion, self._keys[issuer], algorithms=list(ALGORITHMS))
        except JoseError as exc:
            raise _refuse(f"assertion signature does not verify ({exc.error})") from None
        self._check_claims(issuer, claims, now)
        return issuer

    def _check_claims(self, client_id: str, claims: dict[str, Any], now: float) -> None:
        audience = claims.get("aud")
        audiences = [audience] if isinstance(audience, str) else audience
        if not isinstance(audiences, list) or not self._audiences & set(audiences):
            raise _refuse("aud must be the token endpoint URL")
        exp, iat, nbf = claims.get("exp"), claims.get("iat"), claims.get("nbf")
        if not _number(exp) or not _number(iat):
            raise _refuse("exp and iat are required numbers")
        if exp <= now:
            raise _refuse("the assertion has expired")
        if iat > now + CLOCK_SKEW:
            raise _refuse("iat is in the future")
        if exp - iat > self._max_lifetime:
            raise _refuse(f"exp may be at most {self._max_lifetime} s after iat")
        if nbf is not None and (not _number(nbf) or nbf > now + CLOCK_SKEW):
            raise _refuse("the assertion is not yet valid (nbf)")
        jti = claims.get("jti")
        if not isinstance(jti, str) or not jti:
            raise _refuse("jti is required")
        if self._jtis.seen(client_id, jti, now):
            raise _refuse("jti has been used before")
        self._jtis.remember(client_id, jti, float(exp))


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _unverified(assertion: str) -> tuple[dict[str, Any], dict[str, Any]]:
    try:
        compact = jws.extract_compact(assertion.encode("ascii"))
        claims = orjson.loads(compact.payload)
    except (JoseError, UnicodeEncodeError, ValueError):
        raise _refuse("client_assertion is not a compact JWS") from None
    if not isinstance(claims, dict):
        raise _refuse("the assertion payload must be a JSON object")
    return dict(compact.headers()), claims
