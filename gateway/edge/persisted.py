"""Persisted documents: Automatic Persisted Queries and trusted documents (federation.md 6.4).

`resolve_document` turns `GraphQLParams` whose document may be given by hash
(``extensions.persistedQuery``) into params with the document text, or a `PersistedError`
carrying the status and error the spec and the reference servers use:

- hash only, known -> the stored text; unknown -> 200 ``PersistedQueryNotFound``
  (``Cache-Control: private, no-cache, must-revalidate``), so the client retries with the text;
- hash + text -> the hash must be the SHA-256 of the text (400 otherwise); the caller stores
  it with `register_document` once the document has passed limits and validation, so the
  store never fills up with documents that cannot run;
- ``version`` other than 1 -> 400; APQ disabled -> 200 ``PersistedQueryNotSupported``;
- trusted-documents-only mode -> a document not in the manifest is refused (400), whether it
  came by hash or as text; APQ cannot register new documents.

Stores: `MemoryDocumentStore` (bounded LRU, the default) and `RedisDocumentStore` (shared by
replicas, entries expire). Both implement `DocumentStore`.
"""

from __future__ import annotations

import hashlib
import logging
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Protocol

import orjson
import redis
import redis.asyncio

from gateway.edge.protocol import GraphQLParams

__all__ = [
    "DocumentStore",
    "MemoryDocumentStore",
    "PersistedError",
    "RedisDocumentStore",
    "TrustedDocuments",
    "document_hash",
    "register_document",
    "resolve_document",
]

logger = logging.getLogger(__name__)

_NO_CACHE = {"Cache-Control": "private, no-cache, must-revalidate"}


class DocumentStore(Protocol):
    """Documents by lowercase hex SHA-256."""

    async def get(self, sha256: str) -> str | None: ...

    async def put(self, sha256: str, document: str) -> None: ...


class MemoryDocumentStore:
    """In-process LRU holding at most ``max_entries`` documents."""

    def __init__(self, max_entries: int = 10_000) -> None:
        self._max_entries = max_entries
        self._documents: OrderedDict[str, str] = OrderedDict()

    async def get(self, sha256: str) -> str | None:
        document = self._documents.get(sha256)
        if document is not None:
            self._documents.move_to_end(sha256)
        return document

    async def put(self, sha256: str, document: str) -> None:
        self._documents[sha256] = document
        self._documents.move_to_end(sha256)
        while len(self._documents) > self._max_entries:
            self._documents.popitem(last=False)


class RedisDocumentStore:
    """Documents in Redis under ``<prefix><sha256>``, expiring after ``ttl_seconds``.

    Redis being unreachable degrades APQ, never the request: a failed read is a miss (the
    client resends the text), a failed write is skipped; both are logged.
    """

    def __init__(
        self, client: redis.asyncio.Redis, *, ttl_seconds: int, prefix: str = "bankgraph:apq:"
    ) -> None:
        self._client = client
        self._ttl = ttl_seconds
        self._prefix = prefix

    async def get(self, sha256: str) -> str | None:
        try:
            value = await self._client.get(self._prefix + sha256)
        except redis.RedisError as error:
            logger.warning("APQ store unavailable, treating %s as a miss: %s", sha256, error)
            return None
        if value is None:
            return None
        return value.decode("utf-8") if isinstance(value, bytes) else str(value)

    async def put(self, sha256: str, document: str) -> None:
        try:
            await self._client.set(self._prefix + sha256, document.encode("utf-8"), ex=self._ttl)
        except redis.RedisError as error:
            logger.warning("APQ store unavailable, %s not stored: %s", sha256, error)


@dataclass(frozen=True, slots=True)
class TrustedDocuments:
    """The operations a trusted-documents manifest allows, by SHA-256 of their text."""

    documents: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def from_file(cls, path: str | Path) -> TrustedDocuments:
        """Read ``{sha256: document}`` or Apollo's persisted query manifest
        (``{"operations": [{"id", "body", ...}]}``). Raises `ValueError` on bad content."""
        try:
            payload = orjson.loads(Path(path).read_bytes())
        except (OSError, orjson.JSONDecodeError) as error:
            raise ValueError(f"cannot read trusted documents {path}: {error}") from None
        if isinstance(payload, dict) and isinstance(payload.get("operations"), list):
            bodies = [op.get("body") for op in payload["operations"] if isinstance(op, dict)]
        elif isinstance(payload, dict):
            bodies = list(payload.values())
            for key, body in payload.items():
                if isinstance(body, str) and document_hash(body) != key.lower():
                    raise ValueError(f"trusted document {key} does not match its SHA-256")
        else:
            raise ValueError("a trusted documents manifest must be a JSON object")
        if not all(isinstance(body, str) for body in bodies):
            raise ValueError("every trusted document must be a string")
        return cls({document_hash(body): body for body in bodies})

    def get(self, sha256: str) -> str | None:
        return self.documents.get(sha256)


@dataclass(frozen=True, slots=True)
class PersistedError:
    """A request answered without running it."""

    status: int
    message: str
    code: str
    headers: dict[str, str] = field(default_factory=dict)

    def as_error(self) -> dict[str, object]:
        return {"message": self.message, "extensions": {"code": self.code}}


def document_hash(document: str) -> str:
    """Lowercase hex SHA-256 of the exact UTF-8 text."""
    return hashlib.sha256(document.encode("utf-8")).hexdigest()


async def resolve_document(
    params: GraphQLParams,
    *,
    store: DocumentStore | None,
    trusted: TrustedDocuments | None,
    trusted_only: bool,
) -> GraphQLParams | PersistedError:
    """``params`` with ``query`` filled in (see the module docstring). ``store=None`` means
    APQ is disabled."""
    extension = (params.extensions or {}).get("persistedQuery")
    if extension is None:
        if trusted_only and (
            trusted is None
            or params.query is None
            or trusted.get(document_hash(params.query)) is None
        ):
            return _not_in_list()
        return params
    if store is None and trusted is None:
        return PersistedError(200, "PersistedQueryNotSupported", "PERSISTED_QUERY_NOT_SUPPORTED")
    if not isinstance(extension, dict):
        return PersistedError(400, "Invalid persistedQuery extension.", "BAD_REQUEST")
    if extension.get("version") != 1:
        return PersistedError(400, "Unsupported persisted query version", "BAD_REQUEST")
    sha256 = extension.get("sha256Hash")
    if not isinstance(sha256, str) or not sha256:
        return PersistedError(400, "persistedQuery needs a sha256Hash string.", "BAD_REQUEST")
    sha256 = sha256.lower()
    if params.query is not None:
        return _check_hash(params, sha256, trusted, trusted_only)
    document = trusted.get(sha256) if trusted is not None else None
    if document is None and store is not None and not trusted_only:
        document = await store.get(sha256)
    if document is None:
        if trusted_only:
            return _not_in_list()
        return PersistedError(200, "PersistedQueryNotFound", "PERSISTED_QUERY_NOT_FOUND", _NO_CACHE)
    return replace(params, query=document)


def _check_hash(
    params: GraphQLParams, sha256: str, trusted: TrustedDocuments | None, trusted_only: bool
) -> GraphQLParams | PersistedError:
    assert params.query is not None
    if document_hash(params.query) != sha256:
        return PersistedError(400, "provided sha does not match query", "INVALID_SHA256_HASH")
    if trusted_only and (trusted is None or trusted.get(sha256) is None):
        return _not_in_list()
    return params


async def register_document(params: GraphQLParams, store: DocumentStore | None) -> None:
    """Store a document sent with its APQ hash (``params`` as `resolve_document` accepted
    them, so the hash matches the text). Nothing happens without a hash or a store."""
    extension = (params.extensions or {}).get("persistedQuery")
    if store is None or params.query is None or not isinstance(extension, dict):
        return
    sha256 = extension.get("sha256Hash")
    if isinstance(sha256, str):
        await store.put(sha256.lower(), params.query)


def _not_in_list() -> PersistedError:
    return PersistedError(
        400,
        "This operation is not in the list of trusted documents.",
        "PERSISTED_QUERY_NOT_IN_LIST",
    )
