"""Client documents: parse + validate once per distinct query text (bounded LRU).

`DocumentCache` is built per supergraph state (its validation depends on the API schema), so
swapping the supergraph starts a fresh cache. Parse failures and validation failures are cached
too: a client repeating a broken document costs one dictionary lookup.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from graphql import (
    ASTValidationRule,
    DocumentNode,
    GraphQLError,
    GraphQLSchema,
    parse,
    specified_rules,
    validate,
)

__all__ = ["PARSE_FAILED", "VALIDATION_FAILED", "DocumentCache", "DocumentErrors", "coded"]

PARSE_FAILED = "GRAPHQL_PARSE_FAILED"
VALIDATION_FAILED = "GRAPHQL_VALIDATION_FAILED"


@dataclass(frozen=True, slots=True)
class DocumentErrors:
    """Why a query text cannot run: ``kind`` and the errors in wire shape (coded)."""

    kind: Literal["parse", "validation"]
    errors: tuple[dict[str, Any], ...]


class DocumentCache:
    """Query text -> validated ``DocumentNode`` or `DocumentErrors`, least recently used first
    out once ``max_size`` texts are held.

    ``rules`` are validation rules added to the specification's; they must depend on the
    document and schema only, since the outcome is cached per text. ``max_tokens`` bounds
    parsing work on hostile input.
    """

    def __init__(
        self,
        schema: GraphQLSchema,
        *,
        rules: Sequence[type[ASTValidationRule]] = (),
        max_size: int = 1024,
        max_tokens: int | None = None,
    ) -> None:
        if max_size < 1:
            raise ValueError("max_size must be at least 1")
        self._schema = schema
        self._rules = (*specified_rules, *rules)
        self._max_size = max_size
        self._max_tokens = max_tokens
        self._entries: OrderedDict[str, DocumentNode | DocumentErrors] = OrderedDict()

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, query: str) -> DocumentNode | DocumentErrors:
        entry = self._entries.get(query)
        if entry is not None:
            self._entries.move_to_end(query)
            return entry
        entry = self._load(query)
        self._entries[query] = entry
        if len(self._entries) > self._max_size:
            self._entries.popitem(last=False)
        return entry

    def _load(self, query: str) -> DocumentNode | DocumentErrors:
        try:
            document = parse(query, max_tokens=self._max_tokens, allow_empty_selection_sets=False)
        except GraphQLError as error:
            return DocumentErrors("parse", (coded(error, PARSE_FAILED),))
        errors = validate(
            self._schema,
            document,
            self._rules,
            max_errors=100,
            allow_empty_selection_sets=False,
        )
        if errors:
            return DocumentErrors("validation", tuple(coded(e, VALIDATION_FAILED) for e in errors))
        return document


def coded(error: GraphQLError, code: str) -> dict[str, Any]:
    """``error`` in wire shape with ``extensions.code`` set (kept if the error has one)."""
    formatted = dict(error.formatted)
    extensions = dict(formatted.get("extensions") or {})
    extensions.setdefault("code", code)
    formatted["extensions"] = extensions
    return formatted
