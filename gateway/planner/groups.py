"""Fetch groups: each one future subgraph request, built up while walking the operation.

A group is a root group (root fields of one subgraph) or an entity group (``_entities`` at a
merge path). Groups depend on the groups that fetch their inputs; reusing a group for more
fields at the same (subgraph, merge path) is what merges them into one request, and is refused
when it would create a dependency cycle.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .plan import FetchRewrite
from .selections import SelectionBuilder

__all__ = ["Atom", "FetchGroup", "GroupRegistry"]

Atom = tuple[str, bool]
"""A variable condition: ``(variable, run_when)``; ``@include(if: $v)`` is ``("v", True)``."""


@dataclass(eq=False, slots=True)
class FetchGroup:
    index: int
    subgraph: str
    merge_path: tuple[str, ...]
    is_entity: bool
    selection: SelectionBuilder = field(default_factory=SelectionBuilder)
    requires: SelectionBuilder = field(default_factory=SelectionBuilder)
    input_rewrites: dict[tuple[object, ...], FetchRewrite] = field(default_factory=dict)
    output_rewrites: dict[tuple[object, ...], FetchRewrite] = field(default_factory=dict)
    dependencies: list[FetchGroup] = field(default_factory=list)
    conditions: frozenset[Atom] | None = None
    mutation_slot: int | None = None
    argument_inputs: dict[tuple[str, str], str] = field(default_factory=dict)
    """Representation fields read with arguments: (type, field) -> printed arguments."""
    shapes: dict[tuple[str, ...], dict[str, str]] = field(default_factory=dict)
    """Per object path: response key -> the subgraph type already selected under it."""

    def add_conditions(self, atoms: frozenset[Atom]) -> None:
        """The group runs under the conditions common to everything it fetches."""
        self.conditions = atoms if self.conditions is None else self.conditions & atoms

    def add_dependencies(self, groups: list[FetchGroup]) -> None:
        for group in groups:
            if group is not self and group not in self.dependencies:
                self.dependencies.append(group)


class GroupRegistry:
    """All groups of one plan, in creation order."""

    def __init__(self) -> None:
        self.groups: list[FetchGroup] = []
        self._roots: dict[tuple[str, int | None], FetchGroup] = {}

    def root(self, subgraph: str, atoms: frozenset[Atom], mutation_slot: int | None) -> FetchGroup:
        """The root group of ``subgraph`` (per mutation slot for mutations)."""
        key = (subgraph, mutation_slot)
        group = self._roots.get(key)
        if group is None:
            group = self._new(subgraph, (), is_entity=False)
            group.mutation_slot = mutation_slot
            self._roots[key] = group
        group.add_conditions(atoms)
        return group

    def has_root(self, subgraph: str, mutation_slot: int | None) -> bool:
        return (subgraph, mutation_slot) in self._roots

    def entity(
        self,
        subgraph: str,
        merge_path: tuple[str, ...],
        dependencies: list[FetchGroup],
        atoms: frozenset[Atom],
        *,
        fresh: bool = False,
    ) -> FetchGroup:
        """A reusable entity group at (subgraph, merge path) that may depend on
        ``dependencies`` without a cycle, or a new one."""
        group = None if fresh else self.find_entity(subgraph, merge_path, dependencies)
        if group is None:
            group = self._new(subgraph, merge_path, is_entity=True)
        group.add_dependencies(dependencies)
        group.add_conditions(atoms)
        return group

    def find_entity(
        self, subgraph: str, merge_path: tuple[str, ...], dependencies: list[FetchGroup]
    ) -> FetchGroup | None:
        for group in self.groups:
            if (
                group.is_entity
                and group.subgraph == subgraph
                and group.merge_path == merge_path
                and not any(depends_on(d, group) for d in dependencies)
            ):
                return group
        return None

    def _new(self, subgraph: str, merge_path: tuple[str, ...], *, is_entity: bool) -> FetchGroup:
        group = FetchGroup(len(self.groups), subgraph, merge_path, is_entity)
        self.groups.append(group)
        return group


def depends_on(group: FetchGroup, other: FetchGroup) -> bool:
    """Whether ``group`` is ``other`` or (transitively) needs it first."""
    stack = [group]
    seen: set[int] = set()
    while stack:
        current = stack.pop()
        if current is other:
            return True
        if current.index in seen:
            continue
        seen.add(current.index)
        stack.extend(current.dependencies)
    return False
