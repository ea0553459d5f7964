"""The public surface of subgraphs.common is pinned: a name appearing or vanishing is deliberate."""

from __future__ import annotations

import subgraphs.common


def test_exported_members() -> None:
    assert sorted(subgraphs.common.__all__) == [
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
    for name in subgraphs.common.__all__:
        assert hasattr(subgraphs.common, name)
