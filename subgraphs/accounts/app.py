"""Build the accounts subgraph app: Bank A client, identity verifier, schema, Starlette."""

from __future__ import annotations

import httpx
from starlette.applications import Starlette

from subgraphs.accounts.bank_a.client import BankAClient, BankACredentials
from subgraphs.accounts.loaders import AccountLoaders
from subgraphs.accounts.schema import build_schema
from subgraphs.common.app import create_subgraph_app
from subgraphs.common.http import build_http_client
from subgraphs.common.identity import Identity, IdentityVerifier
from subgraphs.common.settings import SubgraphSettings

__all__ = ["create_app"]


def create_app(
    settings: SubgraphSettings,
    *,
    bank_transport: httpx.AsyncBaseTransport | None = None,
    idp_transport: httpx.AsyncBaseTransport | None = None,
) -> Starlette:
    """The accounts subgraph; transports let tests mount the sandbox in process."""
    bank_http = build_http_client(
        settings.bank_url,
        timeout=settings.bank_timeout,
        connect_timeout=settings.bank_connect_timeout,
        transport=bank_transport,
    )
    idp_http = build_http_client(
        settings.idp_url, timeout=5.0, connect_timeout=3.0, transport=idp_transport
    )
    client = BankAClient(
        bank_http, BankACredentials.from_file(settings.credentials_dir / "bank_a_client.json")
    )
    verifier = IdentityVerifier(
        issuer=settings.idp_issuer,
        audience=settings.audience,
        jwks_url=settings.jwks_url,
        http=idp_http,
    )

    def make_loaders(identity: Identity) -> AccountLoaders:
        return AccountLoaders(client, identity.customer_id)

    return create_subgraph_app(
        "accounts", build_schema(), verifier, make_loaders, [bank_http.aclose, idp_http.aclose]
    )
