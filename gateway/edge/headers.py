"""Which headers reach subgraphs (identity to subgraphs, issue 6).

Only headers named in the configuration are copied from the client, and never hop-by-hop
headers, framing headers or anything carrying identity: a client must not be able to claim an
identity by sending, say, ``X-User-Id``. The caller's identity reaches subgraphs only as the
*verified* bearer token, forwarded as ``Authorization`` (subgraphs verify it themselves).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

__all__ = ["NEVER_PROPAGATED", "check_propagation", "subgraph_headers"]

HOP_BY_HOP = frozenset(
    {
        "connection",
        "keep-alive",
        "proxy-authenticate",
        "proxy-authorization",
        "proxy-connection",
        "te",
        "trailer",
        "transfer-encoding",
        "upgrade",
    }
)
FRAMING = frozenset(
    {"host", "content-length", "content-type", "content-encoding", "accept", "accept-encoding"}
)
IDENTITY = frozenset(
    {
        "authorization",
        "cookie",
        "set-cookie",
        "forwarded",
        "x-forwarded-for",
        "x-forwarded-host",
        "x-forwarded-user",
        "x-real-ip",
        "x-remote-user",
        "remote-user",
        "x-user",
        "x-user-id",
        "x-customer-id",
        "x-subject",
        "x-scopes",
        "x-jwt",
        "x-identity",
        "x-api-key",
    }
)
_IDENTITY_PREFIXES = ("x-auth", "x-user-", "x-forwarded-", "x-bankgraph-identity")
NEVER_PROPAGATED = HOP_BY_HOP | FRAMING | IDENTITY


def _forbidden(name: str) -> bool:
    return name in NEVER_PROPAGATED or name.startswith(_IDENTITY_PREFIXES)


def check_propagation(names: Iterable[str]) -> list[str]:
    """Configured header names that may never be propagated (to refuse at start-up)."""
    return [name for name in names if _forbidden(name.lower())]


def subgraph_headers(
    client_headers: Iterable[tuple[str, str]],
    *,
    propagate: Iterable[str],
    bearer_token: str | None,
) -> dict[str, str]:
    """Headers for every subgraph request of one client request.

    ``client_headers`` as received (lower-case names); ``propagate`` the configured names;
    ``bearer_token`` the verified token to forward (``None``: none is sent). A connection
    header's listed tokens are hop-by-hop too and are never copied.
    """
    allowed = {name.lower() for name in propagate if not _forbidden(name.lower())}
    received: Mapping[str, str] = dict(client_headers)
    connection_tokens = {
        token.strip().lower() for token in received.get("connection", "").split(",") if token
    }
    headers = {
        name: value
        for name, value in received.items()
        if name in allowed and name not in connection_tokens
    }
    if bearer_token is not None:
        headers["authorization"] = f"Bearer {bearer_token}"
    return headers
