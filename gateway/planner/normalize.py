"""Normalisation: a validated operation -> an immutable, canonical selection tree.

Named fragments are inlined, literal ``@skip``/``@include`` are applied, fragments that cannot
match are dropped, fragments that only restate the parent type are spliced, fields with the same
response key and directives are merged (CollectFields), and root ``__typename`` / ``__schema`` /
``__type`` are removed (the engine answers them). Variable-driven conditions and aliases stay.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from graphql import (
    BooleanValueNode,
    DirectiveNode,
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionNode,
    VariableDefinitionNode,
    VariableNode,
    get_named_type,
    is_abstract_type,
    print_ast,
)
from graphql.language import ArgumentNode, ListValueNode, NameNode, ObjectValueNode, ValueNode

from .errors import PlanningError

__all__ = [
    "NField",
    "NFragment",
    "NSelection",
    "NormalizedOperation",
    "normalize_operation",
    "normalize_selection_set",
]


@dataclass(frozen=True, slots=True)
class NField:
    """A field; ``arguments`` and ``directives`` hold printed GraphQL (``(a: 1)``)."""

    name: str
    alias: str | None = None
    arguments: str = ""
    directives: str = ""
    condition_atoms: frozenset[tuple[str, bool]] = frozenset()
    variables: frozenset[str] = frozenset()
    selections: tuple[NSelection, ...] = ()

    @property
    def response_key(self) -> str:
        return self.alias or self.name


@dataclass(frozen=True, slots=True)
class NFragment:
    """An inline fragment that refines the type and/or carries variable conditions."""

    type_condition: str | None
    directives: str = ""
    condition_atoms: frozenset[tuple[str, bool]] = frozenset()
    variables: frozenset[str] = frozenset()
    selections: tuple[NSelection, ...] = ()


NSelection = NField | NFragment


@dataclass(frozen=True, slots=True)
class NormalizedOperation:
    kind: str
    """``query``, ``mutation`` or ``subscription``."""
    name: str | None
    variable_definitions: Mapping[str, str] = field(default_factory=dict)
    """Variable name -> printed definition (``$id: ID! = 1``), in declaration order."""
    selections: tuple[NSelection, ...] = ()

    @property
    def signature(self) -> str:
        """A canonical text for this operation (the plan cache key)."""
        head = f"{self.kind} {self.name or ''}({', '.join(self.variable_definitions.values())})"
        return head + _signature(self.selections)


def normalize_operation(
    schema: GraphQLSchema, document: DocumentNode, operation_name: str | None
) -> NormalizedOperation:
    """Normalise the selected operation of an already validated ``document``."""
    operation = _select_operation(document, operation_name)
    fragments = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
    kind = operation.operation.value
    root = schema.get_root_type(operation.operation)
    if root is None:
        raise PlanningError(f"the schema has no {kind} type")
    collector = _Collector(schema, fragments)
    selections = collector.normalize(root.name, [operation.selection_set.selections], root=True)
    definitions = {
        d.variable.name.value: _print_variable_definition(d)
        for d in operation.variable_definitions or ()
    }
    return NormalizedOperation(
        kind=kind,
        name=operation.name.value if operation.name else None,
        variable_definitions=definitions,
        selections=selections,
    )


def normalize_selection_set(
    schema: GraphQLSchema, type_name: str, selections: Iterable[SelectionNode]
) -> tuple[NSelection, ...]:
    """Normalise a field set (keys, requires, provides) relative to ``type_name``."""
    return _Collector(schema, {}).normalize(type_name, [tuple(selections)], root=False)


@dataclass(slots=True)
class _Pending:
    """A field (``node``) or fragment being collected, with its sub-selections so far."""

    node: FieldNode | None
    condition: str | None
    directives: tuple[DirectiveNode, ...]
    children: list[tuple[SelectionNode, ...]] = field(default_factory=list)


class _Collector:
    """CollectFields over the schema, producing ``NSelection`` trees."""

    def __init__(
        self, schema: GraphQLSchema, fragments: Mapping[str, FragmentDefinitionNode]
    ) -> None:
        self._schema = schema
        self._fragments = fragments

    def normalize(
        self, type_name: str, groups: list[tuple[SelectionNode, ...]], *, root: bool
    ) -> tuple[NSelection, ...]:
        pending: dict[tuple[str, str, str], _Pending] = {}
        for group in groups:
            self._collect(type_name, group, root, pending)
        result: list[NSelection] = []
        for entry in pending.values():
            if entry.node is not None:
                result.append(self._field(type_name, entry.node, entry.children))
                continue
            result.append(
                NFragment(
                    type_condition=entry.condition,
                    directives=_print_directives(entry.directives),
                    condition_atoms=_condition_atoms(entry.directives),
                    variables=frozenset(_directive_variables(entry.directives)),
                    # Fragments on the root type are still at the root (``__typename`` there
                    # is the gateway's to answer).
                    selections=self.normalize(
                        entry.condition or type_name, entry.children, root=root
                    ),
                )
            )
        return tuple(result)

    def _collect(
        self,
        type_name: str,
        selections: tuple[SelectionNode, ...],
        root: bool,
        pending: dict[tuple[str, str, str], _Pending],
    ) -> None:
        """Collect fields by (response key, directives) and fragments by (type condition,
        directives), in first-seen order, splicing fragments that add nothing."""
        for selection in selections:
            directives = self._kept(selection.directives)
            if directives is None:
                continue
            if isinstance(selection, FieldNode):
                if root and selection.name.value in ("__typename", "__schema", "__type"):
                    continue
                response_key = (selection.alias or selection.name).value
                key = ("field", response_key, _print_directives(directives))
                entry = pending.setdefault(key, _Pending(selection, None, directives))
                if selection.selection_set is not None:
                    entry.children.append(tuple(selection.selection_set.selections))
                continue
            if isinstance(selection, FragmentSpreadNode):
                definition = self._fragments.get(selection.name.value)
                if definition is None:
                    raise PlanningError(f"unknown fragment {selection.name.value!r}")
                condition: str | None = definition.type_condition.name.value
                children = tuple(definition.selection_set.selections)
            else:
                assert isinstance(selection, InlineFragmentNode)
                condition = (
                    selection.type_condition.name.value if selection.type_condition else None
                )
                children = tuple(selection.selection_set.selections)
            if condition is not None and not self._overlaps(type_name, condition):
                continue
            if condition == type_name:
                condition = None
            if not directives and condition is None:
                self._collect(type_name, children, root, pending)
                continue
            key = ("fragment", condition or "", _print_directives(directives))
            pending.setdefault(key, _Pending(None, condition, directives)).children.append(children)

    def _field(
        self, type_name: str, node: FieldNode, children: list[tuple[SelectionNode, ...]]
    ) -> NField:
        directives = self._kept(node.directives) or ()
        name = node.name.value
        selections: tuple[NSelection, ...] = ()
        if children:
            parent = self._schema.get_type(type_name)
            field_def = parent.fields[name]  # type: ignore[union-attr]
            child_type = get_named_type(field_def.type).name
            # Everything below may be skipped (``@skip(if: true)``): keep the field valid.
            selections = self.normalize(child_type, children, root=False) or (
                NField(name="__typename"),
            )
        return NField(
            name=name,
            alias=node.alias.value if node.alias else None,
            arguments=_print_arguments(node.arguments),
            directives=_print_directives(directives),
            condition_atoms=_condition_atoms(directives),
            variables=frozenset(_argument_variables(node.arguments))
            | frozenset(_directive_variables(directives)),
            selections=selections,
        )

    def _kept(
        self, directives: tuple[DirectiveNode, ...] | None
    ) -> tuple[DirectiveNode, ...] | None:
        """``_kept_directives`` with every omitted argument that has a default spelled out:
        a subgraph's own definition of a composed directive may lack the default."""
        kept = _kept_directives(directives)
        if not kept:
            return kept
        return tuple(self._with_defaults(directive) for directive in kept)

    def _with_defaults(self, directive: DirectiveNode) -> DirectiveNode:
        definition = self._schema.get_directive(directive.name.value)
        if definition is None or definition.name in ("skip", "include"):
            return directive
        given = {argument.name.value for argument in directive.arguments or ()}
        added = []
        for name, argument in definition.args.items():
            node = argument.ast_node
            if name in given or node is None or node.default_value is None:
                continue
            added.append(ArgumentNode(name=NameNode(value=name), value=node.default_value))
        if not added:
            return directive
        return DirectiveNode(name=directive.name, arguments=(*(directive.arguments or ()), *added))

    def _overlaps(self, parent: str, condition: str) -> bool:
        if parent == condition:
            return True
        parent_type = self._schema.get_type(parent)
        condition_type = self._schema.get_type(condition)
        if parent_type is None or condition_type is None:
            return False
        return bool(set(self._possible(parent_type)) & set(self._possible(condition_type)))

    def _possible(self, named_type: object) -> list[str]:
        if is_abstract_type(named_type):
            return [t.name for t in self._schema.get_possible_types(named_type)]  # type: ignore[arg-type]
        return [named_type.name]  # type: ignore[attr-defined]


def _select_operation(document: DocumentNode, name: str | None) -> OperationDefinitionNode:
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if name is None:
        if len(operations) != 1:
            raise PlanningError("an operation name is required when the document has several")
        return operations[0]
    for operation in operations:
        if operation.name is not None and operation.name.value == name:
            return operation
    raise PlanningError(f"unknown operation named {name!r}")


def _kept_directives(
    directives: tuple[DirectiveNode, ...] | None,
) -> tuple[DirectiveNode, ...] | None:
    """Directives minus literal conditions; ``None`` when a literal condition excludes."""
    kept: list[DirectiveNode] = []
    for directive in directives or ():
        name = directive.name.value
        if name in ("skip", "include"):
            value = _if_argument(directive)
            if isinstance(value, BooleanValueNode):
                if value.value == (name == "skip"):
                    return None
                continue
        kept.append(directive)
    return tuple(kept)


def _if_argument(directive: DirectiveNode) -> ValueNode | None:
    for argument in directive.arguments or ():
        if argument.name.value == "if":
            return argument.value
    return None


def _condition_atoms(directives: Iterable[DirectiveNode]) -> frozenset[tuple[str, bool]]:
    """``(variable, run_when)`` for each variable-driven ``@include`` / ``@skip``."""
    atoms = set()
    for directive in directives:
        name = directive.name.value
        value = _if_argument(directive) if name in ("skip", "include") else None
        if isinstance(value, VariableNode):
            atoms.add((value.name.value, name == "include"))
    return frozenset(atoms)


def _print_arguments(arguments: tuple[ArgumentNode, ...] | None) -> str:
    if not arguments:
        return ""
    return "(" + ", ".join(print_ast(argument) for argument in arguments) + ")"


def _print_directives(directives: Iterable[DirectiveNode]) -> str:
    return " ".join(print_ast(directive) for directive in directives)


def _print_variable_definition(definition: VariableDefinitionNode) -> str:
    return print_ast(definition)


def _argument_variables(arguments: Iterable[ArgumentNode] | None) -> set[str]:
    found: set[str] = set()
    for argument in arguments or ():
        _value_variables(argument.value, found)
    return found


def _directive_variables(directives: Iterable[DirectiveNode]) -> set[str]:
    found: set[str] = set()
    for directive in directives:
        found.update(_argument_variables(directive.arguments))
    return found


def _value_variables(value: ValueNode, found: set[str]) -> None:
    if isinstance(value, VariableNode):
        found.add(value.name.value)
    elif isinstance(value, ListValueNode):
        for item in value.values:
            _value_variables(item, found)
    elif isinstance(value, ObjectValueNode):
        for object_field in value.fields:
            _value_variables(object_field.value, found)


def _signature(selections: tuple[NSelection, ...]) -> str:
    parts = []
    for selection in selections:
        if isinstance(selection, NField):
            alias = f"{selection.alias}:" if selection.alias else ""
            head = f"{alias}{selection.name}{selection.arguments}{selection.directives}"
        else:
            head = f"...{selection.type_condition or ''}{selection.directives}"
        parts.append(head + (_signature(selection.selections) if selection.selections else ""))
    return "{" + " ".join(parts) + "}"
