"""``QueryPlanner``: operation -> ``QueryPlan``, pure and cached.

The pipeline is normalise -> walk (place fields into fetch groups) -> assemble. Plans are
cached in a bounded LRU on (normalised operation, enabled override labels that the supergraph
uses); the same document asked twice returns the same plan object.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Generic, TypeVar

from graphql import DocumentNode, print_ast

from gateway.supergraph import Supergraph

from .assemble import assemble_plan
from .errors import PlanningError
from .groups import GroupRegistry
from .locality import Locality
from .normalize import NormalizedOperation, normalize_operation
from .plan import QueryPlan
from .walker import Walker

__all__ = ["QueryPlanner", "build_plan"]

K = TypeVar("K")
V = TypeVar("V")


class _LRU(Generic[K, V]):
    def __init__(self, size: int) -> None:
        self._size = size
        self._items: OrderedDict[K, V] = OrderedDict()

    def get(self, key: K) -> V | None:
        value = self._items.get(key)
        if value is not None:
            self._items.move_to_end(key)
        return value

    def put(self, key: K, value: V) -> None:
        self._items[key] = value
        self._items.move_to_end(key)
        while len(self._items) > self._size:
            self._items.popitem(last=False)

    def __len__(self) -> int:
        return len(self._items)


class QueryPlanner:
    """Plans operations over one supergraph. Not shared between supergraphs."""

    def __init__(self, supergraph: Supergraph, *, cache_size: int = 1024) -> None:
        if cache_size < 1:
            raise ValueError("cache_size must be at least 1")
        self.supergraph = supergraph
        self._plans: _LRU[tuple[str, frozenset[str]], QueryPlan] = _LRU(cache_size)
        self._normalized: _LRU[tuple[str, str | None], NormalizedOperation] = _LRU(cache_size)
        self._localities: _LRU[frozenset[str], Locality] = _LRU(64)

    @property
    def cached_plans(self) -> int:
        return len(self._plans)

    def plan(
        self,
        document: DocumentNode,
        operation_name: str | None,
        *,
        override_labels: frozenset[str] = frozenset(),
    ) -> QueryPlan:
        """The plan for ``operation_name`` of ``document`` (already validated against the API
        schema). Raises ``PlanningError`` when no plan exists."""
        operation = self._normalize(document, operation_name)
        labels = override_labels & self.supergraph.override_labels
        key = (operation.signature, labels)
        plan = self._plans.get(key)
        if plan is None:
            plan = build_plan(operation, self._locality(labels))
            self._plans.put(key, plan)
        return plan

    def _normalize(self, document: DocumentNode, operation_name: str | None) -> NormalizedOperation:
        source = document.loc.source.body if document.loc is not None else print_ast(document)
        key = (source, operation_name)
        operation = self._normalized.get(key)
        if operation is None:
            operation = normalize_operation(self.supergraph.api_schema, document, operation_name)
            self._normalized.put(key, operation)
        return operation

    def _locality(self, labels: frozenset[str]) -> Locality:
        locality = self._localities.get(labels)
        if locality is None:
            locality = Locality(self.supergraph, labels)
            self._localities.put(labels, locality)
        return locality


def build_plan(operation: NormalizedOperation, locality: Locality) -> QueryPlan:
    """Plan one normalised operation (uncached)."""
    schema = locality.schema
    if operation.kind == "subscription":
        raise PlanningError("subscriptions are not supported by this gateway")
    root = schema.mutation_type if operation.kind == "mutation" else schema.query_type
    if root is None:
        raise PlanningError(f"the supergraph has no {operation.kind} type")
    groups = GroupRegistry()
    Walker(locality, groups).walk_root(
        root.name, operation.selections, mutation=operation.kind == "mutation"
    )
    return assemble_plan(operation, groups.groups)
