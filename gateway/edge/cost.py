"""Demand control: an operation's estimated cost from ``@cost`` and ``@listSize`` (2.9).

The estimate follows the reference router's static model (federation.md section 2):

- a field costs its ``@cost(weight:)`` (on the field, else on its return type), by default 1
  for object/interface/union results and 0 for scalars and enums, plus its sub-selection;
- a list field multiplies that by its size: the largest slicing argument given
  (``@listSize(slicingArguments:)``, literal or variable), else ``assumedSize``, else the
  configured default; with ``sizedFields`` the size multiplies those child fields instead;
- fragments add their selections (an upper bound over type branches); a mutation starts at 10.

Each fragment is costed once per list-size context, so fragment bombs cost no more time than
their text; the numbers themselves may grow huge and are then refused. Pure.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNamedType,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    OperationType,
    SelectionSetNode,
    VariableNode,
    get_named_type,
    is_composite_type,
)

__all__ = ["COST_CODE", "CostRules", "ListSize", "cost_rules_from_directives", "estimate_cost"]

COST_CODE = "COST_ESTIMATED_TOO_EXPENSIVE"
_MUTATION_BASE = 10


@dataclass(frozen=True, slots=True)
class ListSize:
    """``@listSize`` arguments."""

    assumed_size: int | None = None
    slicing_arguments: tuple[str, ...] = ()
    sized_fields: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class CostRules:
    """``@cost`` weights and ``@listSize`` by coordinate (``"Type"`` or ``"Type.field"``)."""

    weights: Mapping[str, int] = field(default_factory=dict)
    list_sizes: Mapping[str, ListSize] = field(default_factory=dict)


def cost_rules_from_directives(
    directives: Mapping[tuple[str, str | None], tuple[Any, ...]],
) -> CostRules:
    """`CostRules` from supergraph directive applications (``.name``, ``.arguments``)."""
    weights: dict[str, int] = {}
    list_sizes: dict[str, ListSize] = {}
    for (type_name, field_name), applications in directives.items():
        coordinate = type_name if field_name is None else f"{type_name}.{field_name}"
        for application in applications:
            arguments = application.arguments
            if application.name == "cost" and isinstance(arguments.get("weight"), int):
                weights[coordinate] = arguments["weight"]
            elif application.name == "listSize":
                list_sizes[coordinate] = ListSize(
                    assumed_size=arguments.get("assumedSize"),
                    slicing_arguments=tuple(arguments.get("slicingArguments") or ()),
                    sized_fields=tuple(arguments.get("sizedFields") or ()),
                )
    return CostRules(weights, list_sizes)


def estimate_cost(
    document: DocumentNode,
    operation: OperationDefinitionNode,
    schema: GraphQLSchema,
    rules: CostRules,
    variables: Mapping[str, Any],
    *,
    default_list_size: int,
) -> int:
    """The estimated cost of ``operation`` (valid against ``schema``; coerced ``variables``)."""
    fragments = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
    estimator = _Estimator(schema, rules, variables, fragments, default_list_size)
    root = schema.get_root_type(operation.operation)
    assert root is not None
    base = _MUTATION_BASE if operation.operation is OperationType.MUTATION else 0
    return base + estimator.selection_set(operation.selection_set, root, None)


class _Estimator:
    def __init__(
        self,
        schema: GraphQLSchema,
        rules: CostRules,
        variables: Mapping[str, Any],
        fragments: Mapping[str, FragmentDefinitionNode],
        default_list_size: int,
    ) -> None:
        self.schema = schema
        self.rules = rules
        self.variables = variables
        self.fragments = fragments
        self.default_list_size = default_list_size
        self._memo: dict[tuple[str, tuple[str, int] | None], int] = {}
        self._in_progress: set[str] = set()

    def selection_set(
        self,
        selection_set: SelectionSetNode,
        parent: GraphQLNamedType,
        sized: tuple[tuple[str, ...], int] | None,
    ) -> int:
        """Cost of a selection set; ``sized`` = (field names, size) from a parent's
        ``sizedFields``."""
        total = 0
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                total += self.field(selection, parent, sized)
            elif isinstance(selection, InlineFragmentNode):
                condition = (
                    self.schema.get_type(selection.type_condition.name.value)
                    if selection.type_condition
                    else parent
                )
                assert condition is not None
                total += self.selection_set(selection.selection_set, condition, sized)
            else:
                assert isinstance(selection, FragmentSpreadNode)
                total += self.fragment(selection.name.value, sized)
        return total

    def fragment(self, name: str, sized: tuple[tuple[str, ...], int] | None) -> int:
        memo_key = (name, (",".join(sized[0]), sized[1]) if sized else None)
        if memo_key in self._memo:
            return self._memo[memo_key]
        definition = self.fragments.get(name)
        if definition is None or name in self._in_progress:
            return 0
        condition = self.schema.get_type(definition.type_condition.name.value)
        assert condition is not None
        self._in_progress.add(name)
        cost = self.selection_set(definition.selection_set, condition, sized)
        self._in_progress.discard(name)
        self._memo[memo_key] = cost
        return cost

    def field(
        self,
        node: FieldNode,
        parent: GraphQLNamedType,
        sized: tuple[tuple[str, ...], int] | None,
    ) -> int:
        name = node.name.value
        if name.startswith("__") or not isinstance(
            parent, GraphQLObjectType | GraphQLInterfaceType
        ):
            return 0
        field_def = parent.fields[name]
        named = get_named_type(field_def.type)
        coordinate = f"{parent.name}.{name}"
        weight = self.rules.weights.get(coordinate)
        if weight is None:
            weight = self.rules.weights.get(named.name, 1 if is_composite_type(named) else 0)
        list_size = self.rules.list_sizes.get(coordinate)
        size = self.size(node, list_size)
        child_sized = None
        if list_size is not None and list_size.sized_fields:
            child_sized = (list_size.sized_fields, size)
            size = 1
        inner = (
            self.selection_set(node.selection_set, named, child_sized) if node.selection_set else 0
        )
        multiplier = size if _is_list(field_def.type) else 1
        if sized is not None and name in sized[0]:
            multiplier = sized[1]  # the parent's slicing argument sizes this field
        return multiplier * (weight + inner)

    def size(self, node: FieldNode, list_size: ListSize | None) -> int:
        if list_size is None:
            return self.default_list_size
        given = [
            value
            for argument in node.arguments or ()
            if argument.name.value in list_size.slicing_arguments
            and (value := self.argument_int(argument.value)) is not None
        ]
        if given:
            return max(given)
        if list_size.assumed_size is not None:
            return list_size.assumed_size
        return self.default_list_size

    def argument_int(self, value: Any) -> int | None:
        if isinstance(value, IntValueNode):
            return int(value.value)
        if isinstance(value, VariableNode):
            resolved = self.variables.get(value.name.value)
            return resolved if isinstance(resolved, int) else None
        return None


def _is_list(type_: GraphQLOutputType) -> bool:
    if isinstance(type_, GraphQLNonNull):
        type_ = type_.of_type
    return isinstance(type_, GraphQLList)
