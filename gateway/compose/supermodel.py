"""The composed model: merged types with their join metadata, ready to print as a supergraph."""

from __future__ import annotations

from dataclasses import dataclass, field

from graphql import ConstValueNode, DirectiveDefinitionNode

from gateway.compose.links import CustomLink
from gateway.compose.model import Metadata, SubField, SubType, TypeKind


@dataclass(frozen=True, slots=True)
class GraphInfo:
    """One ``join__Graph`` value: enum name, subgraph name, routing URL."""

    enum: str
    name: str
    url: str


@dataclass(frozen=True, slots=True)
class JoinType:
    graph: str
    key: str | None = None
    extension: bool = False
    resolvable: bool = True
    is_interface_object: bool = False


@dataclass(frozen=True, slots=True)
class ContextArgument:
    """One entry of ``@join__field(contextArguments:)``."""

    context: str  # "<subgraph>__<context name>"
    name: str
    type: str
    selection: str


@dataclass(frozen=True, slots=True)
class JoinField:
    """One ``@join__field``; ``graph=None`` is the bare form (field from an interface object)."""

    graph: str | None
    type: str | None = None
    external: bool = False
    requires: str | None = None
    provides: str | None = None
    override: str | None = None
    used_overridden: bool = False
    override_label: str | None = None
    context_arguments: tuple[ContextArgument, ...] = ()

    @property
    def has_metadata(self) -> bool:
        return bool(
            self.type
            or self.external
            or self.requires
            or self.provides
            or self.override
            or self.used_overridden
            or self.override_label
            or self.context_arguments
        )


@dataclass(slots=True)
class MergedArgument:
    name: str
    type: str
    default: ConstValueNode | None
    meta: Metadata


@dataclass(slots=True)
class MergedField:
    name: str
    type: str
    meta: Metadata
    by_graph: dict[str, SubField]
    args: dict[str, MergedArgument] = field(default_factory=dict)
    default: ConstValueNode | None = None
    join: list[JoinField] = field(default_factory=list)


@dataclass(slots=True)
class MergedEnumValue:
    name: str
    meta: Metadata
    graphs: list[str]


@dataclass(slots=True)
class MergedType:
    kind: TypeKind
    name: str
    meta: Metadata
    by_graph: dict[str, SubType]
    join_types: list[JoinType] = field(default_factory=list)
    fields: dict[str, MergedField] = field(default_factory=dict)
    interfaces: list[str] = field(default_factory=list)
    join_implements: list[tuple[str, str]] = field(default_factory=list)
    members: list[str] = field(default_factory=list)
    join_members: list[tuple[str, str]] = field(default_factory=list)
    values: dict[str, MergedEnumValue] = field(default_factory=dict)
    contexts: list[str] = field(default_factory=list)  # "<subgraph>__<context name>"


@dataclass(slots=True)
class MergedSchema:
    """Everything the printer needs; ``graphs`` maps subgraph name -> its join__Graph value."""

    graphs: dict[str, GraphInfo]
    types: dict[str, MergedType]
    directive_definitions: list[DirectiveDefinitionNode]
    composed_links: list[tuple[CustomLink, list[str]]]
    composed_directives: frozenset[str]
