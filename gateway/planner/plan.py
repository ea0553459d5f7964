"""Query plan nodes: immutable, printable data shared by the planner and the executor.

The vocabulary is Apollo's (``Fetch``, ``Flatten``, ``Sequence``, ``Parallel``,
``Condition``) so a printed plan reads like the reference planners' output, and
``plan_to_json`` gives the ``kind``-tagged JSON shape of federation.md section 4.5.

Contract between planner and executor:

* ``Fetch.operation`` is the complete GraphQL document sent to ``service_name``.
  An entity fetch (``requires`` non-empty) declares ``$representations: [_Any!]!``
  and selects ``_entities(representations: $representations) { ... on T { ... } }``.
* ``Fetch.requires`` is the representation selection: inline fragments on the entity
  types, each holding ``__typename``, key fields and ``@requires`` inputs, written with
  the field names under which earlier fetches stored those values in the response tree.
* ``Fetch.representations_variable`` is ``representations`` unless the client's operation
  declares a variable of that name; the executor binds representations to it.
* ``Fetch.variable_usages`` names the client variables the operation declares; the
  executor sends only those (and only when the client provided them).
* ``Flatten.path`` holds response names and ``"@"`` (every item of a list).
* ``Condition.condition`` is a variable name: ``if_clause`` runs when it is true.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

import orjson

__all__ = [
    "Condition",
    "Fetch",
    "FetchRewrite",
    "FieldSelection",
    "Flatten",
    "InlineFragmentSelection",
    "KeyRenamer",
    "Parallel",
    "PlanNode",
    "QueryPlan",
    "RequiresSelection",
    "Sequence",
    "ValueSetter",
    "plan_to_json",
    "print_plan",
]


@dataclass(frozen=True, slots=True)
class FieldSelection:
    """A field of a representation, read from the response tree under ``name``."""

    name: str
    selections: tuple[RequiresSelection, ...] = ()


@dataclass(frozen=True, slots=True)
class InlineFragmentSelection:
    """``... on type_condition { selections }``; applies when ``__typename`` matches."""

    type_condition: str | None
    selections: tuple[RequiresSelection, ...]


RequiresSelection = FieldSelection | InlineFragmentSelection


@dataclass(frozen=True, slots=True)
class ValueSetter:
    """Sets the value at ``path`` (``"... on T"`` steps filter by type) to ``set_value_to``."""

    path: tuple[str, ...]
    set_value_to: Any


@dataclass(frozen=True, slots=True)
class KeyRenamer:
    """Renames the key at ``path`` to ``rename_key_to`` (undoes an internal alias)."""

    path: tuple[str, ...]
    rename_key_to: str


FetchRewrite = ValueSetter | KeyRenamer


@dataclass(frozen=True, slots=True)
class Fetch:
    service_name: str
    operation: str
    operation_kind: Literal["query", "mutation"] = "query"
    operation_name: str | None = None
    variable_usages: tuple[str, ...] = ()
    requires: tuple[RequiresSelection, ...] = ()
    input_rewrites: tuple[FetchRewrite, ...] = ()
    output_rewrites: tuple[FetchRewrite, ...] = ()
    id: int | None = None
    representations_variable: str = "representations"
    """The variable an entity fetch's operation binds representations to (renamed only when
    the client's operation declares its own ``$representations``)."""


@dataclass(frozen=True, slots=True)
class Flatten:
    path: tuple[str, ...]
    node: Fetch


@dataclass(frozen=True, slots=True)
class Sequence:
    nodes: tuple[PlanNode, ...]


@dataclass(frozen=True, slots=True)
class Parallel:
    nodes: tuple[PlanNode, ...]


@dataclass(frozen=True, slots=True)
class Condition:
    condition: str
    if_clause: PlanNode | None = None
    else_clause: PlanNode | None = None


PlanNode = Fetch | Flatten | Sequence | Parallel | Condition


@dataclass(frozen=True, slots=True)
class QueryPlan:
    node: PlanNode | None = None


def print_plan(plan: QueryPlan) -> str:
    """The plan as indented text in the style of the reference planners' printed plans."""
    lines = ["QueryPlan {"]
    if plan.node is not None:
        lines.extend(_print_node(plan.node, 1))
    lines.append("}")
    return "\n".join(lines)


def _print_node(node: PlanNode, depth: int) -> list[str]:
    pad = "  " * depth
    match node:
        case Fetch():
            head = f'{pad}Fetch(service: "{node.service_name}") {{'
            body = []
            if node.requires:
                body.append(f"{pad}  {{")
                body.extend(f"{pad}    {line}" for line in _print_requires(node.requires))
                body.append(f"{pad}  }} =>")
            body.extend(f"{pad}  input rewrite: {_print_rewrite(r)}" for r in node.input_rewrites)
            body.extend(f"{pad}  output rewrite: {_print_rewrite(r)}" for r in node.output_rewrites)
            body.extend(f"{pad}  {line}" for line in node.operation.splitlines())
            return [head, *body, f"{pad}}},"]
        case Flatten():
            path = ".".join(node.path)
            return [
                f'{pad}Flatten(path: "{path}") {{',
                *_print_node(node.node, depth + 1),
                f"{pad}}},",
            ]
        case Sequence() | Parallel():
            name = type(node).__name__
            children = [line for child in node.nodes for line in _print_node(child, depth + 1)]
            return [f"{pad}{name} {{", *children, f"{pad}}},"]
        case Condition(if_clause=None, else_clause=else_clause) if else_clause is not None:
            return [
                f"{pad}Skip(if: ${node.condition}) {{",
                *_print_node(else_clause, depth + 1),
                f"{pad}}},",
            ]
        case Condition():
            lines = [f"{pad}Include(if: ${node.condition}) {{"]
            if node.if_clause is not None:
                lines.extend(_print_node(node.if_clause, depth + 1))
            lines.append(f"{pad}}}")
            if node.else_clause is not None:
                lines[-1] += " Else {"
                lines.extend(_print_node(node.else_clause, depth + 1))
                lines.append(f"{pad}}}")
            lines[-1] += ","
            return lines


def _print_rewrite(rewrite: FetchRewrite) -> str:
    path = orjson.dumps(list(rewrite.path)).decode()
    match rewrite:
        case ValueSetter():
            return f"{path} = {orjson.dumps(rewrite.set_value_to).decode()}"
        case KeyRenamer():
            return f"{path} -> {orjson.dumps(rewrite.rename_key_to).decode()}"


def _print_requires(selections: tuple[RequiresSelection, ...]) -> list[str]:
    """One selection per line, nested selections indented (as reference plans print them)."""
    lines: list[str] = []
    for selection in selections:
        match selection:
            case FieldSelection(name=name, selections=()):
                lines.append(name)
                continue
            case FieldSelection(name=name, selections=children):
                head = name
            case InlineFragmentSelection(type_condition=condition, selections=children):
                head = f"... on {condition}" if condition else "..."
        lines.append(f"{head} {{")
        lines.extend(f"  {line}" for line in _print_requires(children))
        lines.append("}")
    return lines


def plan_to_json(plan: QueryPlan) -> dict[str, Any]:
    """The ``kind``-tagged JSON form of federation.md section 4.5."""
    result: dict[str, Any] = {"kind": "QueryPlan"}
    if plan.node is not None:
        result["node"] = _node_to_json(plan.node)
    return result


def _node_to_json(node: PlanNode) -> dict[str, Any]:
    match node:
        case Fetch():
            fetch: dict[str, Any] = {
                "kind": "Fetch",
                "serviceName": node.service_name,
                "operation": node.operation,
                "operationKind": node.operation_kind,
                "variableUsages": list(node.variable_usages),
            }
            if node.operation_name is not None:
                fetch["operationName"] = node.operation_name
            if node.requires:
                fetch["requires"] = [_requires_to_json(s) for s in node.requires]
            if node.input_rewrites:
                fetch["inputRewrites"] = [_rewrite_to_json(r) for r in node.input_rewrites]
            if node.output_rewrites:
                fetch["outputRewrites"] = [_rewrite_to_json(r) for r in node.output_rewrites]
            if node.id is not None:
                fetch["id"] = node.id
            if node.representations_variable != "representations":
                fetch["representationsVariable"] = node.representations_variable
            return fetch
        case Flatten():
            return {"kind": "Flatten", "path": list(node.path), "node": _node_to_json(node.node)}
        case Sequence() | Parallel():
            return {"kind": type(node).__name__, "nodes": [_node_to_json(n) for n in node.nodes]}
        case Condition():
            condition: dict[str, Any] = {"kind": "Condition", "condition": node.condition}
            if node.if_clause is not None:
                condition["ifClause"] = _node_to_json(node.if_clause)
            if node.else_clause is not None:
                condition["elseClause"] = _node_to_json(node.else_clause)
            return condition


def _requires_to_json(selection: RequiresSelection) -> dict[str, Any]:
    match selection:
        case FieldSelection():
            result: dict[str, Any] = {"kind": "Field", "name": selection.name}
            if selection.selections:
                result["selections"] = [_requires_to_json(s) for s in selection.selections]
            return result
        case InlineFragmentSelection():
            return {
                "kind": "InlineFragment",
                "typeCondition": selection.type_condition,
                "selections": [_requires_to_json(s) for s in selection.selections],
            }


def _rewrite_to_json(rewrite: FetchRewrite) -> dict[str, Any]:
    match rewrite:
        case ValueSetter():
            return {
                "kind": "ValueSetter",
                "path": list(rewrite.path),
                "setValueTo": rewrite.set_value_to,
            }
        case KeyRenamer():
            return {
                "kind": "KeyRenamer",
                "path": list(rewrite.path),
                "renameKeyTo": rewrite.rename_key_to,
            }
