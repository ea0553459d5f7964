"""The walk's position and shared bookkeeping, plus the selection helpers it uses."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from .groups import Atom, FetchGroup
from .locality import Provided
from .normalize import NField, NFragment, NSelection
from .selections import SelectionBuilder

__all__ = [
    "ABSTRACT",
    "Tracker",
    "WalkContext",
    "client_keys",
    "field_names",
    "merge_into",
    "refine",
    "rewrap",
    "shape_into",
    "wrap",
]

ABSTRACT = ("interface", "union")


@dataclass(frozen=True, slots=True)
class WalkContext:
    """Where the walk is: an object at ``path`` of ``type_name`` inside ``group``.

    ``base`` is the object's selection in the group (keys and ``__typename`` go there);
    ``target`` the same inside the ``wrappers`` (fragments carrying variable conditions).
    """

    group: FetchGroup
    type_name: str
    base: SelectionBuilder
    target: SelectionBuilder
    wrappers: tuple[NFragment, ...]
    path: tuple[str, ...]
    provided: Provided | None
    conditions: frozenset[Atom]
    client_keys: Mapping[str, tuple[str, str]]
    siblings: tuple[NSelection, ...] = ()
    """The client's selections on this object (to prefer jump targets serving more of them)."""


@dataclass(slots=True)
class Tracker:
    """State shared while planning one operation: which groups received fields while inputs
    were being planned (``collectors``), and a counter for internal aliases."""

    collectors: list[list[FetchGroup]] = field(default_factory=list)
    aliases: int = 0

    def touch(self, group: FetchGroup) -> None:
        """Record that ``group`` received a field (for every input collection under way)."""
        for collected in self.collectors:
            if group not in collected:
                collected.append(group)

    def alias(self, name: str) -> str:
        """A fresh internal alias for ``name``."""
        alias = f"{name}__alias_{self.aliases}"
        self.aliases += 1
        return alias


def wrap(ctx: WalkContext, fragment: NFragment) -> WalkContext:
    """Enter a fragment's variable conditions (type conditions are handled by the caller)."""
    if not fragment.directives:
        return ctx
    target = ctx.target.add_fragment(None, fragment.directives, fragment.variables)
    return replace(
        ctx,
        target=target,
        wrappers=(*ctx.wrappers, fragment),
        conditions=ctx.conditions | fragment.condition_atoms,
    )


def refine(ctx: WalkContext, type_name: str) -> WalkContext:
    base = ctx.base.add_fragment(type_name)
    return replace(ctx, type_name=type_name, base=base, target=rewrap(base, ctx.wrappers))


def rewrap(base: SelectionBuilder, wrappers: tuple[NFragment, ...]) -> SelectionBuilder:
    target = base
    for wrapper in wrappers:
        target = target.add_fragment(None, wrapper.directives, wrapper.variables)
    return target


def client_keys(selections: Iterable[NSelection]) -> dict[str, tuple[str, str]]:
    """Response key -> (field, arguments) the client uses at this object, across fragments."""
    keys: dict[str, tuple[str, str]] = {}
    for selection in selections:
        if isinstance(selection, NField):
            keys.setdefault(selection.response_key, (selection.name, selection.arguments))
        else:
            for key, value in client_keys(selection.selections).items():
                keys.setdefault(key, value)
    return keys


def field_names(selections: Iterable[NSelection]) -> set[str]:
    """Names of the fields selected directly on an object, through its fragments."""
    names: set[str] = set()
    for selection in selections:
        if isinstance(selection, NField):
            names.add(selection.name)
        else:
            names.update(field_names(selection.selections))
    return names


def shape_into(builder: SelectionBuilder, selections: Iterable[NSelection]) -> None:
    for selection in selections:
        if isinstance(selection, NFragment):
            shape_into(builder.add_fragment(selection.type_condition), selection.selections)
        else:
            entry = builder.add_field(selection.response_key, composite=bool(selection.selections))
            if entry.children is not None:
                shape_into(entry.children, selection.selections)


def merge_into(target: SelectionBuilder, source: SelectionBuilder) -> None:
    for entry in source.entries.values():
        if hasattr(entry, "type_condition"):
            merge_into(target.add_fragment(entry.type_condition), entry.children)  # type: ignore[union-attr]
        else:
            merged = target.add_field(entry.name, composite=entry.children is not None)  # type: ignore[union-attr]
            if entry.children is not None and merged.children is not None:
                merge_into(merged.children, entry.children)
