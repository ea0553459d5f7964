"""What every bank subgraph shares: Money and the Decimal scalar, global ids, Relay paging over
bank pages, caller identity (bearer JWT against the IdP JWKS), bank HTTP with timeouts and
bounded retries, OAuth2 token caching, derived idempotency keys, input validation, settings and
the Starlette app factory.

Modules are imported by name (`subgraphs.common.money`, ...); this package re-exports the
names subgraphs use most.
"""

from subgraphs.common.app import RequestContext, create_subgraph_app
from subgraphs.common.errors import (
    BankAuthError,
    BankError,
    BankNotFound,
    BankProtocolError,
    BankRejected,
    BankUnavailable,
    NotAuthenticated,
)
from subgraphs.common.identity import Identity, IdentityError, IdentityVerifier
from subgraphs.common.ids import decode_global_id, encode_global_id
from subgraphs.common.money import MoneyValue, money
from subgraphs.common.settings import Secret, SubgraphSettings

__all__ = [
    "BankAuthError",
    "BankError",
    "BankNotFound",
    "BankProtocolError",
    "BankRejected",
    "BankUnavailable",
    "Identity",
    "IdentityError",
    "IdentityVerifier",
    "MoneyValue",
    "NotAuthenticated",
    "RequestContext",
    "Secret",
    "SubgraphSettings",
    "create_subgraph_app",
    "decode_global_id",
    "encode_global_id",
    "money",
]
