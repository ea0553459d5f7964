"""Federation authorization directives at runtime (federation.md 5.8).

`@authenticated`, `@requiresScopes` and `@policy` become `Requirement` s keyed by schema
coordinate (``"Type"`` or ``"Type.field"``) in `AuthorizationRules`. Before planning,
`authorize_operation` walks the selected operation against the API schema and removes every
selection the caller's `Grant` does not satisfy:

- a field, when its own requirement or its return type's is unmet;
- a field selected on an interface, when that field is unmet on *any* implementation;
- an interface-typed field whose sub-selection has plain fields (not only ``__typename`` or
  fragments), when *any* implementation type is unmet;
- a fragment, when its type condition is unmet;
- a field whose whole sub-selection was removed (its own path is reported instead).

The result is the filtered document (the same object when nothing was removed) and the
response paths (response keys, no list indices) that must come out as ``null`` with an
``UNAUTHORIZED_FIELD_OR_TYPE`` error. Pure: nothing here does I/O; policy decisions come in
through the `Grant` (``gateway.edge.authorizer`` asks the application's policy hook).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLInterfaceType,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    NameNode,
    OperationDefinitionNode,
    SelectionNode,
    SelectionSetNode,
    get_named_type,
)

__all__ = [
    "UNAUTHORIZED_CODE",
    "AuthorizationOutcome",
    "AuthorizationRules",
    "Grant",
    "Requirement",
    "authorize_operation",
    "required_policies",
    "rules_from_directives",
    "unauthorized_errors",
]

UNAUTHORIZED_CODE = "UNAUTHORIZED_FIELD_OR_TYPE"

ResponsePath = tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Requirement:
    """What one schema element asks for. ``scopes``/``policies``: OR over the outer tuple,
    AND inside each set; empty means no such requirement."""

    authenticated: bool = False
    scopes: tuple[frozenset[str], ...] = ()
    policies: tuple[frozenset[str], ...] = ()

    def merged(self, other: Requirement) -> Requirement:
        """Both requirements at once (AND of the two OR-of-ANDs)."""
        return Requirement(
            self.authenticated or other.authenticated,
            _and(self.scopes, other.scopes),
            _and(self.policies, other.policies),
        )


@dataclass(frozen=True, slots=True)
class Grant:
    """What the caller holds: a verified identity, token scopes, policies granted."""

    authenticated: bool = False
    scopes: frozenset[str] = frozenset()
    policies: frozenset[str] = frozenset()

    def satisfies(self, requirement: Requirement) -> bool:
        if requirement.authenticated and not self.authenticated:
            return False
        if requirement.scopes and not any(group <= self.scopes for group in requirement.scopes):
            return False
        return not requirement.policies or any(
            group <= self.policies for group in requirement.policies
        )


@dataclass(frozen=True, slots=True)
class AuthorizationRules:
    """Requirements by schema coordinate; built from the supergraph's directive metadata."""

    requirements: Mapping[str, Requirement] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.requirements)

    def of(self, coordinate: str) -> Requirement | None:
        return self.requirements.get(coordinate)

    @property
    def policy_names(self) -> frozenset[str]:
        return frozenset(
            name
            for requirement in self.requirements.values()
            for group in requirement.policies
            for name in group
        )


def rules_from_directives(
    directives: Mapping[tuple[str, str | None], Iterable[Any]],
) -> AuthorizationRules:
    """`AuthorizationRules` from supergraph directive applications (objects with ``.name`` =
    the spec's directive name and ``.arguments`` = plain values), keyed by (type, field|None)."""
    requirements: dict[str, Requirement] = {}
    for (type_name, field_name), applications in directives.items():
        requirement = Requirement()
        for application in applications:
            arguments = application.arguments
            if application.name == "authenticated":
                requirement = requirement.merged(Requirement(authenticated=True))
            elif application.name == "requiresScopes":
                requirement = requirement.merged(Requirement(scopes=_groups(arguments, "scopes")))
            elif application.name == "policy":
                requirement = requirement.merged(
                    Requirement(policies=_groups(arguments, "policies"))
                )
        if requirement != Requirement():
            coordinate = type_name if field_name is None else f"{type_name}.{field_name}"
            requirements[coordinate] = requirement
    return AuthorizationRules(requirements)


def _groups(arguments: Mapping[str, Any], name: str) -> tuple[frozenset[str], ...]:
    value = arguments.get(name) or []
    return tuple(frozenset(str(item) for item in group) for group in value)


@dataclass(frozen=True, slots=True)
class AuthorizationOutcome:
    """The operation with unauthorized selections removed, the response paths removed and
    the ``id()`` s of the removed selection nodes of the *original* document (what response
    shaping needs to put ``null`` + error exactly where those selections applied)."""

    document: DocumentNode
    removed: tuple[ResponsePath, ...] = ()
    removed_nodes: frozenset[int] = frozenset()


def required_policies(
    document: DocumentNode,
    operation: OperationDefinitionNode,
    schema: GraphQLSchema,
    rules: AuthorizationRules,
) -> frozenset[str]:
    """Every ``@policy`` name that could matter for ``operation`` (to ask the hook once)."""
    if not rules.policy_names:
        return frozenset()
    walker = _Walker(document, schema, rules, Grant(), collect_only=True)
    walker.filter_operation(operation)
    return frozenset(
        name for requirement in walker.consulted for group in requirement.policies for name in group
    )


def authorize_operation(
    document: DocumentNode,
    operation: OperationDefinitionNode,
    schema: GraphQLSchema,
    rules: AuthorizationRules,
    grant: Grant,
) -> AuthorizationOutcome:
    """Remove what ``grant`` may not see from ``operation`` (see the module docstring).

    ``document`` must be valid against ``schema``. Fragment definitions are filtered once
    (their content depends only on their type condition) and dropped when no longer used.
    The returned document holds only ``operation`` and the fragments it still uses. When the
    whole root selection is removed, the root keeps a ``__typename`` selection so that the
    document stays valid; nothing is fetched for it.
    """
    if not rules:
        return AuthorizationOutcome(document)
    walker = _Walker(document, schema, rules, grant)
    new_operation = walker.filter_operation(operation)
    if not walker.removed:
        return AuthorizationOutcome(document)
    used = _used_fragments(new_operation, walker.filtered_fragments)
    definitions = [new_operation, *(walker.filtered_fragments[name] for name in used)]
    return AuthorizationOutcome(
        DocumentNode(definitions=tuple(definitions)),
        tuple(dict.fromkeys(walker.removed)),
        frozenset(walker.removed_nodes),
    )


def unauthorized_errors(removed: Iterable[ResponsePath]) -> list[dict[str, Any]]:
    """One client error per removed path, in the wire shape."""
    return [
        {
            "message": "Unauthorized field or type",
            "path": list(path),
            "extensions": {"code": UNAUTHORIZED_CODE},
        }
        for path in removed
    ]


class _Walker:
    """One filtering pass; records removed paths and the requirements it looked at."""

    def __init__(
        self,
        document: DocumentNode,
        schema: GraphQLSchema,
        rules: AuthorizationRules,
        grant: Grant,
        *,
        collect_only: bool = False,
    ) -> None:
        self.collect_only = collect_only  # record requirements, remove nothing
        self.schema = schema
        self.rules = rules
        self.grant = grant
        self.fragments = {
            d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
        }
        self.filtered_fragments: dict[str, FragmentDefinitionNode] = {}
        self.removed: list[ResponsePath] = []
        self.removed_nodes: set[int] = set()
        self.consulted: list[Requirement] = []
        self._in_progress: set[str] = set()

    def filter_operation(self, operation: OperationDefinitionNode) -> OperationDefinitionNode:
        root = self.schema.get_root_type(operation.operation)
        assert root is not None
        selection_set = self.filter_selection_set(operation.selection_set, root, ())
        if selection_set is None:
            selection_set = SelectionSetNode(
                selections=(FieldNode(name=NameNode(value="__typename"), directives=()),)
            )
        if selection_set is operation.selection_set:
            return operation
        return _copy(operation, selection_set=selection_set)

    def filter_selection_set(
        self, selection_set: SelectionSetNode, parent: GraphQLNamedType, path: ResponsePath
    ) -> SelectionSetNode | None:
        """The allowed part of ``selection_set`` (same object if unchanged; ``None`` if empty)."""
        kept: list[SelectionNode] = []
        changed = False
        for selection in selection_set.selections:
            result = self.filter_selection(selection, parent, path)
            if result is not selection:
                changed = True
            if result is not None:
                kept.append(result)
        if not kept:
            return None
        return _copy(selection_set, selections=tuple(kept)) if changed else selection_set

    def filter_selection(
        self, selection: SelectionNode, parent: GraphQLNamedType, path: ResponsePath
    ) -> SelectionNode | None:
        if isinstance(selection, FieldNode):
            return self.filter_field(selection, parent, path)
        if isinstance(selection, InlineFragmentNode):
            condition = (
                self.schema.get_type(selection.type_condition.name.value)
                if selection.type_condition
                else parent
            )
            assert condition is not None
            if not self.allowed(condition.name):
                self.removed.extend((*path, key) for key in self.response_keys(selection))
                self.removed_nodes.add(id(selection))
                return None
            inner = self.filter_selection_set(selection.selection_set, condition, path)
            if inner is None:
                return None
            return (
                selection
                if inner is selection.selection_set
                else _copy(selection, selection_set=inner)
            )
        assert isinstance(selection, FragmentSpreadNode)
        return self.filter_spread(selection, path)

    def filter_spread(self, spread: FragmentSpreadNode, path: ResponsePath) -> SelectionNode | None:
        name = spread.name.value
        definition = self.fragments[name]
        condition = self.schema.get_type(definition.type_condition.name.value)
        assert condition is not None
        if not self.allowed(condition.name):
            self.removed.extend((*path, key) for key in self.response_keys(spread))
            self.removed_nodes.add(id(spread))
            return None
        if name in self._in_progress:  # cycles are rejected by validation; never loop
            return spread
        self._in_progress.add(name)
        inner = self.filter_selection_set(definition.selection_set, condition, path)
        self._in_progress.discard(name)
        if name not in self.filtered_fragments and inner is not None:
            self.filtered_fragments[name] = (
                definition
                if inner is definition.selection_set
                else _copy(definition, selection_set=inner)
            )
        return None if inner is None else spread

    def filter_field(
        self, node: FieldNode, parent: GraphQLNamedType, path: ResponsePath
    ) -> SelectionNode | None:
        name = node.name.value
        if name.startswith("__"):
            return node
        key = node.alias.value if node.alias else name
        field_path = (*path, key)
        assert isinstance(parent, GraphQLObjectType | GraphQLInterfaceType)
        field_def = parent.fields[name]
        return_type = get_named_type(field_def.type)
        allowed = self.allowed(f"{parent.name}.{name}") and self.allowed(return_type.name)
        if isinstance(parent, GraphQLInterfaceType):
            implementations = self.schema.get_possible_types(parent)
            allowed = allowed and all(self.allowed(f"{t.name}.{name}") for t in implementations)
        if (
            allowed
            and isinstance(return_type, GraphQLInterfaceType)
            and node.selection_set
            and _has_plain_fields(node.selection_set)
        ):
            implementations = self.schema.get_possible_types(return_type)
            allowed = all(self.allowed(t.name) for t in implementations)
        if not allowed:
            self.removed.append(field_path)
            self.removed_nodes.add(id(node))
            return None
        if node.selection_set is None:
            return node
        removed_before = len(self.removed)
        inner = self.filter_selection_set(node.selection_set, return_type, field_path)
        if inner is None:
            # Nothing left to select: the field itself goes, reported once at its own path.
            del self.removed[removed_before:]
            self.removed.append(field_path)
            self.removed_nodes.add(id(node))
            return None
        return node if inner is node.selection_set else _copy(node, selection_set=inner)

    def allowed(self, coordinate: str) -> bool:
        requirement = self.rules.of(coordinate)
        if requirement is None:
            return True
        self.consulted.append(requirement)
        return self.collect_only or self.grant.satisfies(requirement)

    def response_keys(self, selection: InlineFragmentNode | FragmentSpreadNode) -> list[str]:
        """Top-level response keys a fragment contributes (fragments flattened)."""
        if isinstance(selection, FragmentSpreadNode):
            selection_set = self.fragments[selection.name.value].selection_set
        else:
            selection_set = selection.selection_set
        keys: list[str] = []
        for child in selection_set.selections:
            if isinstance(child, FieldNode):
                keys.append(child.alias.value if child.alias else child.name.value)
            elif isinstance(child, InlineFragmentNode | FragmentSpreadNode):
                if isinstance(child, FragmentSpreadNode) and child.name.value in self._in_progress:
                    continue
                keys.extend(self.response_keys(child))
        return list(dict.fromkeys(keys))


def _has_plain_fields(selection_set: SelectionSetNode) -> bool:
    return any(
        isinstance(s, FieldNode) and s.name.value != "__typename" for s in selection_set.selections
    )


def _used_fragments(
    operation: OperationDefinitionNode, fragments: Mapping[str, FragmentDefinitionNode]
) -> list[str]:
    """Names of fragments reachable from ``operation``, in first-use order."""
    used: list[str] = []
    pending: list[SelectionSetNode] = [operation.selection_set]
    while pending:
        for selection in pending.pop().selections:
            if isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                if name not in used and name in fragments:
                    used.append(name)
                    pending.append(fragments[name].selection_set)
            elif selection.selection_set is not None:  # type: ignore[union-attr]
                pending.append(selection.selection_set)  # type: ignore[union-attr]
    return used


def _and(
    left: tuple[frozenset[str], ...], right: tuple[frozenset[str], ...]
) -> tuple[frozenset[str], ...]:
    if not left:
        return right
    if not right:
        return left
    return tuple(a | b for a in left for b in right)


def _copy(node: Any, **changes: Any) -> Any:
    """A copy of a (frozen dataclass) AST node with some attributes replaced."""
    return dataclasses.replace(node, **changes)
