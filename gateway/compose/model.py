"""The subgraph model: one subgraph's types after link resolution, in canonical federation terms.

Type references are kept as printed GraphQL type strings (``"[String!]!"``); root types are
renamed to ``Query``/``Mutation``/``Subscription``; federation plumbing (``_Service``, ``_Any``,
``_entities``, spec scalars and directive definitions) is already stripped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from graphql import ConstDirectiveNode, ConstValueNode, DirectiveDefinitionNode

from gateway.compose.links import CustomLink

TypeKind = Literal["object", "interface", "union", "enum", "input", "scalar"]
ROOT_TYPES = ("Query", "Mutation", "Subscription")


def named_type(type_ref: str) -> str:
    """``"[Foo!]!"`` -> ``"Foo"``."""
    return type_ref.strip("[]!")


@dataclass(slots=True)
class Metadata:
    """Directive-derived facts shared by every schema element."""

    description: str | None = None
    inaccessible: bool = False
    tags: list[str] = field(default_factory=list)
    authenticated: bool = False
    scopes: list[list[str]] = field(default_factory=list)
    policies: list[list[str]] = field(default_factory=list)
    cost: int | None = None
    list_size: ConstDirectiveNode | None = None
    deprecated: ConstDirectiveNode | None = None
    # Directives that survive into the supergraph as they are (@specifiedBy, @oneOf, composed).
    kept: list[ConstDirectiveNode] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Key:
    fields: str
    resolvable: bool = True


@dataclass(frozen=True, slots=True)
class FromContext:
    """``@fromContext(field: "$ctx { selection }")``: context name and the selection text."""

    context: str
    selection: str


@dataclass(slots=True)
class SubArgument:
    name: str
    type: str
    default: ConstValueNode | None
    meta: Metadata
    from_context: FromContext | None = None


@dataclass(slots=True)
class SubField:
    """A field of an object, interface or input type in one subgraph."""

    name: str
    type: str
    args: dict[str, SubArgument] = field(default_factory=dict)
    meta: Metadata = field(default_factory=Metadata)
    default: ConstValueNode | None = None
    external: bool = False
    shareable: bool = False
    requires: str | None = None
    provides: str | None = None
    override: str | None = None
    override_label: str | None = None


@dataclass(slots=True)
class SubEnumValue:
    name: str
    meta: Metadata


@dataclass(slots=True)
class SubType:
    """One named type of one subgraph (definition and extensions folded together)."""

    kind: TypeKind
    name: str
    meta: Metadata = field(default_factory=Metadata)
    fields: dict[str, SubField] = field(default_factory=dict)
    interfaces: list[str] = field(default_factory=list)
    members: list[str] = field(default_factory=list)
    values: dict[str, SubEnumValue] = field(default_factory=dict)
    keys: list[Key] = field(default_factory=list)
    has_definition: bool = False
    extension: bool = False  # declared through `extend type` or `@extends`
    extends_directive: bool = False
    interface_object: bool = False
    contexts: list[str] = field(default_factory=list)  # names set with @context


@dataclass(slots=True)
class Subgraph:
    """A parsed, link-resolved subgraph schema."""

    name: str
    url: str
    version: tuple[int, int] | None  # None: Federation 1
    types: dict[str, SubType]
    directive_definitions: dict[str, DirectiveDefinitionNode]
    compose_directives: list[str]
    custom_links: tuple[CustomLink, ...]

    @property
    def is_federation_1(self) -> bool:
        return self.version is None
