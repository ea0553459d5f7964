"""Build the funds subgraph app: Bank D client, identity verifier, schema, Starlette."""

from __future__ import annotations

import httpx
from starlette.applications import Starlette

from subgraphs.common.app import create_subgraph_app
from subgraphs.common.http import build_http_client
from subgraphs.common.identity import Identity, IdentityVerifier
from subgraphs.common.settings import SubgraphSettings
from subgraphs.funds.bank_d.client import BankDClient, BankDCredentials
from subgraphs.funds.loaders import FundLoaders
from subgraphs.funds.schema import build_schema

__all__ = ["create_app"]


def create_app(
    settings: SubgraphSettings,
    *,
    bank_transport: httpx.AsyncBaseTransport | None = None,
    idp_transport: httpx.AsyncBaseTransport | None = None,
) -> Starlette:
    """The funds subgraph; transports let tests mount the sandbox in process."""
    bank_http = build_http_client(
        settings.bank_url,
        timeout=settings.bank_timeout,
        connect_timeout=settings.bank_connect_timeout,
        transport=bank_transport,
    )
    idp_http = build_http_client(
        settings.idp_url, timeout=5.0, connect_timeout=3.0, transport=idp_transport
    )
    client = BankDClient(bank_http, BankDCredentials.from_dir(settings.credentials_dir))
    verifier = IdentityVerifier(
        issuer=settings.idp_issuer,
        audience=settings.audience,
        jwks_url=settings.jwks_url,
        http=idp_http,
    )

    def make_loaders(identity: Identity) -> FundLoaders:
        return FundLoaders(client, identity.customer_id)

    return create_subgraph_app(
        "funds", build_schema(), verifier, make_loaders, [bank_http.aclose, idp_http.aclose]
    )
