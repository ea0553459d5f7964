"""The loaded supergraph: join metadata per subgraph plus the client-facing API schema.

Exceptions::

    SupergraphError   the SDL is invalid, unsupported (Fed 1, unknown EXECUTION/SECURITY link)
                      or its API schema cannot be derived (e.g. an @inaccessible leak)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from graphql import GraphQLSchema

__all__ = [
    "ContextArgument",
    "DirectiveApplication",
    "Key",
    "SubgraphInfo",
    "SubgraphView",
    "Supergraph",
    "SupergraphError",
    "ViewField",
    "ViewType",
]

TypeKind = Literal["object", "interface", "union", "enum", "scalar", "input"]


class SupergraphError(Exception):
    """The supergraph cannot be served; the message names the problem."""


@dataclass(frozen=True, slots=True)
class SubgraphInfo:
    """One subgraph: its real name (from ``@join__graph``), URL and ``join__Graph`` enum value."""

    name: str
    url: str
    graph: str


@dataclass(frozen=True, slots=True)
class Key:
    """One ``@key`` of a type in one subgraph (``resolvable: false`` keys are never entered)."""

    fields: str
    resolvable: bool = True
    extension: bool = False


@dataclass(frozen=True, slots=True)
class ContextArgument:
    """An argument filled by the gateway from an ancestor's context (join v0.5)."""

    name: str
    type: str
    context: str
    selection: str


@dataclass(frozen=True, slots=True)
class ViewField:
    """A field as one subgraph declares it (``type`` is that subgraph's type, e.g. ``Int!``)."""

    name: str
    type: str
    external: bool = False
    used_overridden: bool = False
    requires: str | None = None
    provides: str | None = None
    override_from: str | None = None
    override_label: str | None = None
    context_arguments: tuple[ContextArgument, ...] = ()

    @property
    def named_type(self) -> str:
        return self.type.replace("[", "").replace("]", "").replace("!", "")


@dataclass(frozen=True, slots=True)
class ViewType:
    """A type as one subgraph sees it. An ``@interfaceObject`` is an object here."""

    name: str
    kind: TypeKind
    keys: tuple[Key, ...] = ()
    fields: Mapping[str, ViewField] = field(default_factory=dict)
    implements: frozenset[str] = frozenset()
    members: frozenset[str] = frozenset()
    is_interface_object: bool = False

    @property
    def resolvable_keys(self) -> tuple[Key, ...]:
        return tuple(key for key in self.keys if key.resolvable)


@dataclass(frozen=True, slots=True)
class SubgraphView:
    """Everything the planner needs to know about one subgraph (federation.md 3.3)."""

    name: str
    types: Mapping[str, ViewType]
    possible_types: Mapping[str, frozenset[str]]
    """Object types of this subgraph each abstract type can resolve to here."""


@dataclass(frozen=True, slots=True)
class DirectiveApplication:
    """A security/demand-control directive applied in the supergraph, by its spec element name.

    ``name`` is the spec's name (``authenticated``, ``requiresScopes``, ``policy``, ``cost``,
    ``listSize``) whatever the supergraph's ``@link`` renamed it to.
    """

    name: str
    arguments: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class Supergraph:
    """A loaded supergraph. Immutable; build with ``load_supergraph``."""

    sdl: str
    schema: GraphQLSchema
    """The full supergraph, join metadata on AST nodes, @inaccessible elements kept."""
    api_schema: GraphQLSchema
    """The client-facing schema (federation.md 3.6)."""
    subgraphs: Mapping[str, SubgraphInfo]
    """By subgraph name, in supergraph declaration order."""
    views: Mapping[str, SubgraphView]
    """Per-subgraph views by subgraph name."""
    override_labels: frozenset[str]
    """Every progressive-override label used in the supergraph."""
    directives: Mapping[tuple[str, str | None], tuple[DirectiveApplication, ...]]
    """Security/cost directive applications by (type name, field name or None)."""

    def directives_on(
        self, type_name: str, field_name: str | None = None
    ) -> tuple[DirectiveApplication, ...]:
        """Directive applications on a type (``field_name=None``) or on one of its fields."""
        return self.directives.get((type_name, field_name), ())

    def with_subgraph_urls(self, urls: Mapping[str, str]) -> Supergraph:
        """A copy whose subgraphs named in ``urls`` use those URLs; unknown names raise."""
        unknown = sorted(set(urls) - set(self.subgraphs))
        if unknown:
            raise SupergraphError(f"unknown subgraph(s) in URL override: {', '.join(unknown)}")
        subgraphs = {
            name: replace(info, url=urls.get(name, info.url))
            for name, info in self.subgraphs.items()
        }
        return replace(self, subgraphs=subgraphs)

    def __repr__(self) -> str:
        return f"Supergraph(subgraphs={list(self.subgraphs)!r})"
