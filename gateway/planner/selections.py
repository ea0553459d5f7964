"""Selection builders: the mutable selection set of one future subgraph fetch, and its printing.

Entries are keyed so that adding the same field (response key, arguments, directives) or the
same fragment (type condition, directives) twice merges them, in first-added order.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from .normalize import NFragment, NSelection

__all__ = ["FieldEntry", "FragmentEntry", "SelectionBuilder"]


@dataclass(slots=True)
class FieldEntry:
    name: str
    alias: str | None
    arguments: str
    directives: str
    variables: frozenset[str]
    children: SelectionBuilder | None = None

    @property
    def response_key(self) -> str:
        return self.alias or self.name


@dataclass(slots=True)
class FragmentEntry:
    type_condition: str | None
    directives: str
    variables: frozenset[str]
    children: SelectionBuilder = field(default_factory=lambda: SelectionBuilder())


@dataclass(slots=True)
class SelectionBuilder:
    """An ordered, merging selection set under construction."""

    entries: dict[tuple[str, ...], FieldEntry | FragmentEntry] = field(default_factory=dict)

    def add_field(
        self,
        name: str,
        *,
        alias: str | None = None,
        arguments: str = "",
        directives: str = "",
        variables: frozenset[str] = frozenset(),
        composite: bool = False,
    ) -> FieldEntry:
        """The entry for this field, created on first use; ``children`` set when composite."""
        key = ("f", alias or name, name, arguments, directives)
        entry = self.entries.get(key)
        if entry is None:
            entry = FieldEntry(name, alias, arguments, directives, variables)
            self.entries[key] = entry
        assert isinstance(entry, FieldEntry)
        if composite and entry.children is None:
            entry.children = SelectionBuilder()
        return entry

    def add_fragment(
        self,
        type_condition: str | None,
        directives: str = "",
        variables: frozenset[str] = frozenset(),
    ) -> SelectionBuilder:
        """The children of ``... on type_condition @directives``, created on first use."""
        key = ("i", type_condition or "", directives)
        entry = self.entries.get(key)
        if entry is None:
            entry = FragmentEntry(type_condition, directives, variables)
            self.entries[key] = entry
        assert isinstance(entry, FragmentEntry)
        return entry.children

    def without_conditions(self, atoms: frozenset[tuple[str, bool]]) -> SelectionBuilder:
        """A copy without the ``@include`` / ``@skip`` directives that ``atoms`` (variable,
        run_when) already guarantee because the fetch only runs under them; fragments left
        with neither type condition nor directive are spliced into their parent."""
        if not atoms:
            return self
        redundant = tuple(
            f"@include(if: ${variable})" if run_when else f"@skip(if: ${variable})"
            for variable, run_when in atoms
        )
        copy = SelectionBuilder()
        _copy_without(copy, self, redundant, frozenset(variable for variable, _ in atoms))
        return copy

    def fragment(self, type_condition: str | None, directives: str = "") -> SelectionBuilder:
        """The children of an existing fragment, or an empty detached set (adds nothing)."""
        entry = self.entries.get(("i", type_condition or "", directives))
        return entry.children if isinstance(entry, FragmentEntry) else SelectionBuilder()

    def conflicts(self, selections: Iterable[NSelection]) -> bool:
        """Whether adding ``selections`` here would select a response key already used for
        another field or other arguments (which one GraphQL selection set cannot hold)."""
        for selection in selections:
            if isinstance(selection, NFragment):
                inner = self.fragment(selection.type_condition, selection.directives)
                if inner.conflicts(selection.selections):
                    return True
                continue
            for entry in self.entries.values():
                if (
                    not isinstance(entry, FieldEntry)
                    or entry.response_key != selection.response_key
                ):
                    continue
                if (entry.name, entry.arguments) != (selection.name, selection.arguments):
                    return True
                if entry.children is not None and entry.children.conflicts(selection.selections):
                    return True
        return False

    def is_empty(self) -> bool:
        """No field would be printed (fragments holding no field do not count)."""
        return not any(_printable(entry) for entry in self.entries.values())

    def variables(self) -> set[str]:
        """The variables of every printed selection (recursively)."""
        found: set[str] = set()
        for entry in self.entries.values():
            if not _printable(entry):
                continue
            found.update(entry.variables)
            if entry.children is not None:
                found.update(entry.children.variables())
        return found

    def print_lines(self, indent: int) -> list[str]:
        """The selections, one per line, ``indent`` levels of two spaces deep."""
        pad = "  " * indent
        lines: list[str] = []
        for entry in self.entries.values():
            if isinstance(entry, FieldEntry):
                alias = f"{entry.alias}: " if entry.alias else ""
                directives = f" {entry.directives}" if entry.directives else ""
                head = f"{pad}{alias}{entry.name}{entry.arguments}{directives}"
            else:
                on = f" on {entry.type_condition}" if entry.type_condition else ""
                directives = f" {entry.directives}" if entry.directives else ""
                head = f"{pad}...{on}{directives}"
            children = entry.children
            if children is None or children.is_empty():
                if isinstance(entry, FieldEntry):
                    lines.append(head)
                continue
            lines.append(head + " {")
            lines.extend(children.print_lines(indent + 1))
            lines.append(pad + "}")
        return lines


def _printable(entry: FieldEntry | FragmentEntry) -> bool:
    return isinstance(entry, FieldEntry) or not entry.children.is_empty()


def _copy_without(
    target: SelectionBuilder,
    source: SelectionBuilder,
    redundant: tuple[str, ...],
    condition_variables: frozenset[str],
) -> None:
    for entry in source.entries.values():
        directives = entry.directives
        for directive in redundant:
            directives = directives.replace(directive, "")
        directives = " ".join(directives.split())
        arguments = entry.arguments if isinstance(entry, FieldEntry) else ""
        variables = frozenset(
            variable
            for variable in entry.variables
            if variable not in condition_variables
            or re.search(rf"\${variable}(?![_0-9A-Za-z])", f"{arguments} {directives}")
        )
        if isinstance(entry, FieldEntry):
            copied = target.add_field(
                entry.name,
                alias=entry.alias,
                arguments=entry.arguments,
                directives=directives,
                variables=variables,
                composite=entry.children is not None,
            )
            if entry.children is not None and copied.children is not None:
                _copy_without(copied.children, entry.children, redundant, condition_variables)
        elif directives or entry.type_condition is not None:
            children = target.add_fragment(entry.type_condition, directives, variables)
            _copy_without(children, entry.children, redundant, condition_variables)
        else:
            _copy_without(target, entry.children, redundant, condition_variables)
