"""OIDC identity provider for demo customers: discovery, JWKS, RS256/ES256 customer tokens."""

from sandbox.idp.app import create_app
from sandbox.idp.provider import AUDIENCE, DEFAULT_SCOPE, SCOPES, IdentityProvider, IdpSettings

__all__ = ["AUDIENCE", "DEFAULT_SCOPE", "SCOPES", "IdentityProvider", "IdpSettings", "create_app"]
