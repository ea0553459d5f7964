"""Plan assembly: fetch groups and their dependencies -> a tree of plan nodes (4.4).

Each group is attached under the dependency that finishes last when all its other
dependencies are ancestors of that one (a tree: children run as soon as their parent is done);
otherwise the plan falls back to stages (a ``Sequence`` of ``Parallel`` levels). Queries run
root fetches in ``Parallel``; mutations run root groups in document order (``Sequence``).
"""

from __future__ import annotations

from .groups import Atom, FetchGroup
from .normalize import NormalizedOperation
from .operations import print_fetch_operation
from .plan import (
    Condition,
    Fetch,
    FieldSelection,
    Flatten,
    InlineFragmentSelection,
    Parallel,
    PlanNode,
    QueryPlan,
    RequiresSelection,
    Sequence,
)
from .selections import FieldEntry, SelectionBuilder

__all__ = ["assemble_plan"]


def assemble_plan(operation: NormalizedOperation, groups: list[FetchGroup]) -> QueryPlan:
    """The plan running every group after the groups it depends on."""
    if not groups:
        return QueryPlan()
    builder = _Builder(operation)
    if operation.kind != "mutation":
        return QueryPlan(builder.part(groups))
    slots: dict[int, list[FetchGroup]] = {}
    for group in groups:
        slots.setdefault(_slot(group), []).append(group)
    return QueryPlan(_sequence([builder.part(slots[slot]) for slot in sorted(slots)]))


def _slot(group: FetchGroup) -> int:
    """The mutation slot of the root group this group (transitively) hangs under."""
    while group.dependencies:
        group = group.dependencies[0]
    return group.mutation_slot or 0


def _tree_parents(groups: list[FetchGroup]) -> dict[int, FetchGroup] | None:
    parents: dict[int, FetchGroup] = {}
    for group in _topological(groups):
        if not group.dependencies:
            continue
        parent = None
        for candidate in group.dependencies:
            ancestors = _ancestors(candidate, parents)
            if all(d is candidate or d in ancestors for d in group.dependencies):
                parent = candidate
                break
        if parent is None:
            return None
        parents[group.index] = parent
    return parents


def _ancestors(group: FetchGroup, parents: dict[int, FetchGroup]) -> list[FetchGroup]:
    found = []
    current = parents.get(group.index)
    while current is not None:
        found.append(current)
        current = parents.get(current.index)
    return found


def _topological(groups: list[FetchGroup]) -> list[FetchGroup]:
    ordered: list[FetchGroup] = []
    placed: set[int] = set()
    remaining = list(groups)
    while remaining:
        ready = [g for g in remaining if all(d.index in placed for d in g.dependencies)]
        if not ready:
            raise AssertionError("fetch group dependencies form a cycle")
        for group in ready:
            ordered.append(group)
            placed.add(group.index)
        remaining = [g for g in remaining if g.index not in placed]
    return ordered


class _Builder:
    def __init__(self, operation: NormalizedOperation) -> None:
        self._operation = operation
        self._count = 0

    def part(self, groups: list[FetchGroup]) -> PlanNode:
        """Groups whose roots run in parallel: as a tree when possible, else in stages."""
        parents = _tree_parents(groups)
        if parents is None:
            return self.stages(groups)
        children: dict[int, list[FetchGroup]] = {g.index: [] for g in groups}
        for group in groups:
            parent = parents.get(group.index)
            if parent is not None:
                children[parent.index].append(group)
        roots = [g for g in groups if not g.dependencies]
        return _parallel([self.subtree(root, children, frozenset()) for root in roots])

    def subtree(
        self, group: FetchGroup, children: dict[int, list[FetchGroup]], outer: frozenset[Atom]
    ) -> PlanNode:
        conditions = group.conditions or frozenset()
        node = self.fetch_node(group)
        inside = outer | conditions
        kids = [self.subtree(child, children, inside) for child in children[group.index]]
        if kids:
            node = _sequence([node, _parallel(kids)])
        return _wrap_conditions(node, conditions - outer)

    def stages(self, groups: list[FetchGroup]) -> PlanNode:
        """A ``Sequence`` of ``Parallel`` stages by dependency depth."""
        levels: dict[int, int] = {}
        for group in _topological(groups):
            levels[group.index] = 1 + max((levels[d.index] for d in group.dependencies), default=-1)
        stages = []
        for level in sorted(set(levels.values())):
            members = [g for g in groups if levels[g.index] == level]
            stages.append(
                _parallel(
                    [
                        _wrap_conditions(self.fetch_node(g), g.conditions or frozenset())
                        for g in members
                    ]
                )
            )
        return _sequence(stages)

    def fetch_node(self, group: FetchGroup) -> Fetch | Flatten:
        operation = self._operation
        name = None
        if operation.name:
            name = f"{operation.name}__{group.subgraph}__{self._count}"
        self._count += 1
        kind = "mutation" if operation.kind == "mutation" and not group.is_entity else "query"
        printed = print_fetch_operation(group, kind, name, operation.variable_definitions)
        fetch = Fetch(
            service_name=group.subgraph,
            operation=printed.text,
            operation_kind=kind,  # type: ignore[arg-type]
            operation_name=name,
            variable_usages=printed.variable_usages,
            representations_variable=printed.representations_variable,
            requires=_requires(group.requires),
            input_rewrites=tuple(group.input_rewrites.values()),
            output_rewrites=tuple(group.output_rewrites.values()),
        )
        if group.is_entity:
            return Flatten(path=group.merge_path, node=fetch)
        return fetch


def _requires(builder: SelectionBuilder) -> tuple[RequiresSelection, ...]:
    selections: list[RequiresSelection] = []
    for entry in builder.entries.values():
        if isinstance(entry, FieldEntry):
            children = _requires(entry.children) if entry.children is not None else ()
            selections.append(FieldSelection(entry.response_key, children))
        else:
            selections.append(
                InlineFragmentSelection(entry.type_condition, _requires(entry.children))
            )
    return tuple(selections)


def _wrap_conditions(node: PlanNode, atoms: frozenset[Atom]) -> PlanNode:
    for variable, run_when in sorted(atoms, reverse=True):
        if run_when:
            node = Condition(variable, if_clause=node)
        else:
            node = Condition(variable, else_clause=node)
    return node


def _sequence(nodes: list[PlanNode]) -> PlanNode:
    flat: list[PlanNode] = []
    for node in nodes:
        flat.extend(node.nodes if isinstance(node, Sequence) else (node,))
    return flat[0] if len(flat) == 1 else Sequence(tuple(flat))


def _parallel(nodes: list[PlanNode]) -> PlanNode:
    flat: list[PlanNode] = []
    for node in nodes:
        flat.extend(node.nodes if isinstance(node, Parallel) else (node,))
    return flat[0] if len(flat) == 1 else Parallel(tuple(flat))
