"""Bank D's OAuth2 server: ``private_key_jwt`` client authentication (RFC 7523), the
client-credentials, authorization-code (PKCE S256) and rotating refresh-token grants."""

from sandbox.bank_d.oauth.server import OAuthServer
from sandbox.bank_d.oauth.tokens import Grant, TokenStore

__all__ = ["Grant", "OAuthServer", "TokenStore"]
