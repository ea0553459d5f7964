"""Entering a subgraph for an entity: choosing the key, planning the key and ``@requires``
inputs from where the walk is, and making (or reusing) the entity fetch group (4.3, 4.6, 4.8)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace

from gateway.supergraph import Key

from .context import ABSTRACT, Tracker, WalkContext, field_names, merge_into, rewrap, shape_into
from .errors import PlanningError
from .groups import Atom, FetchGroup, GroupRegistry
from .locality import EntryPoint, Locality
from .normalize import NField, NFragment, NSelection
from .plan import KeyRenamer, ValueSetter
from .selections import SelectionBuilder

__all__ = ["Entrance"]

Place = Callable[[WalkContext, Iterable[NSelection]], None]
"""The walker's placement of selections at a context (used for key and required fields)."""


class Entrance:
    """Makes the entity fetch groups that jumps enter."""

    def __init__(
        self, locality: Locality, groups: GroupRegistry, tracker: Tracker, place: Place
    ) -> None:
        self._loc = locality
        self._groups = groups
        self._tracker = tracker
        self._place = place
        self._entering: set[tuple[str, str, tuple[str, ...], str | None]] = set()

    def rank(self, ctx: WalkContext, point: EntryPoint, field: NField | None) -> tuple[int, ...]:
        """Sort key of a jump target (lower wins): serves the whole sub-selection, key already
        available here, merges into an existing fetch, serves more sibling fields, serves more
        of the sub-selection, supergraph order."""
        loc = self._loc
        complete, coverage = True, 0
        if field is not None and point.field is not None and field.selections:
            child_type = point.field.named_type
            provided = loc.child_provided(point.field, field, None, point.type_name)
            complete = loc.can_complete(point.subgraph, child_type, field.selections, provided)
            coverage = loc.coverage(point.subgraph, child_type, field.selections, provided)
        local_key = any(self.key_is_local(ctx, point, key) for key in point.keys)
        existing = self._groups.find_entity(point.subgraph, ctx.path, []) is not None
        return (
            not complete,
            not local_key,
            not existing,
            -self._sibling_coverage(ctx, point),
            -coverage,
            loc.order.index(point.subgraph),
        )

    def _sibling_coverage(self, ctx: WalkContext, point: EntryPoint) -> int:
        """How many of the object's fields not resolvable here ``point`` would serve."""
        loc = self._loc
        here = ctx.group.subgraph
        return sum(
            1
            for name in field_names(ctx.siblings)
            if loc.local_field(point.subgraph, point.type_name, name, None) is not None
            and loc.local_field(here, ctx.type_name, name, ctx.provided) is None
        )

    def enter(
        self,
        ctx: WalkContext,
        point: EntryPoint,
        atoms: frozenset[Atom],
        *,
        required: tuple[NSelection, ...] = (),
        placing: tuple[NSelection, ...] = (),
    ) -> WalkContext:
        """Make (or reuse) the entity group for ``point`` at this object; its inputs (key and
        required fields) are planned from ``ctx`` first. A group whose selection would
        conflict with ``placing`` (the selections about to go in) is not reused."""
        # Key inputs that need the very entity fetch they feed would recurse forever. A fetch
        # with @requires inputs is a different fetch from one its inputs may need in the same
        # subgraph (S -> other -> S, or S -> S for a required field with arguments).
        requiring = point.field.name if required and point.field is not None else None
        guard = (point.subgraph, point.type_name, ctx.path, requiring)
        if guard in self._entering:
            raise PlanningError(
                f"cyclic key requirements entering {point.subgraph!r} for {point.type_name}"
            )
        self._entering.add(guard)
        collected: list[FetchGroup] = []
        self._tracker.collectors.append(collected)
        representation = SelectionBuilder()
        renames: list[tuple[str, str]] = []
        try:
            ctx.base.add_field("__typename")
            self._tracker.touch(ctx.group)
            key = self._choose_key(ctx, point)
            self._place_inputs(
                ctx, self._loc.field_set(point.type_name, key.fields), representation, renames
            )
            if required:
                self._place_inputs(ctx, required, representation, renames)
        finally:
            self._tracker.collectors.pop()
            self._entering.discard(guard)
        conditions = ctx.conditions | atoms
        argument_inputs = {
            (ctx.type_name, selection.name): selection.arguments
            for selection in required
            if isinstance(selection, NField) and selection.arguments
        }
        existing = self._groups.find_entity(point.subgraph, ctx.path, collected)
        # One representation cannot carry one field with two argument sets (4.8), and one
        # type condition cannot select one response key twice differently (sibling fragments
        # on different types rebased onto one interface object) unless the caller aliases
        # the field per source type (`aliases_conflicts`).
        fresh = existing is not None and (
            any(
                existing.argument_inputs.get(key, arguments) != arguments
                for key, arguments in argument_inputs.items()
            )
            or (
                not (required == () and self.aliases_conflicts(ctx, point))
                and existing.selection.fragment(point.type_name).conflicts(placing)
            )
        )
        group = self._groups.entity(point.subgraph, ctx.path, collected, conditions, fresh=fresh)
        group.argument_inputs.update(argument_inputs)
        self._record_representation(group, ctx.type_name, point, representation, renames)
        base = group.selection.add_fragment(point.type_name)
        view_type = self._loc.view_type(point.subgraph, point.type_name)
        if view_type is not None and view_type.kind in ABSTRACT:
            base.add_field("__typename")
        self._tracker.touch(group)
        return WalkContext(
            group,
            point.type_name,
            base,
            rewrap(base, ctx.wrappers),
            ctx.wrappers,
            ctx.path,
            None,
            conditions,
            ctx.client_keys,
            ctx.siblings,
        )

    def aliases_conflicts(self, ctx: WalkContext, point: EntryPoint) -> bool:
        """Whether a field entering ``point`` from here that conflicts with the entity fetch's
        selection travels under an internal alias renamed back for this concrete source type
        (the executor reads an interface object's answer as the target's concrete type)."""
        view_type = self._loc.view_type(ctx.group.subgraph, ctx.type_name)
        return (
            point.typename_rewrite is not None
            and view_type is not None
            and view_type.kind == "object"
            and not view_type.is_interface_object
        )

    def _record_representation(
        self,
        group: FetchGroup,
        source_type: str,
        point: EntryPoint,
        representation: SelectionBuilder,
        renames: list[tuple[str, str]],
    ) -> None:
        fragment = group.requires.add_fragment(source_type)
        fragment.add_field("__typename")
        merge_into(fragment, representation)
        on = f"... on {source_type}"
        for alias, name in renames:
            group.input_rewrites[("rename", source_type, alias)] = KeyRenamer((on, alias), name)
        rewrite = point.typename_rewrite
        if rewrite is not None:
            group.input_rewrites[("typename", source_type)] = ValueSetter(
                (on, "__typename"), rewrite
            )

    def _choose_key(self, ctx: WalkContext, point: EntryPoint) -> Key:
        local = [key for key in point.keys if self.key_is_local(ctx, point, key)]
        candidates = local or list(point.keys)
        return min(candidates, key=lambda key: len(key.fields.split()))

    def key_is_local(self, ctx: WalkContext, point: EntryPoint, key: Key) -> bool:
        selections = self._loc.field_set(point.type_name, key.fields)
        return self._loc.all_local(ctx.group.subgraph, ctx.type_name, selections, ctx.provided)

    def _place_inputs(
        self,
        ctx: WalkContext,
        selections: tuple[NSelection, ...],
        representation: SelectionBuilder,
        renames: list[tuple[str, str]],
    ) -> None:
        """Plan key / required fields at this object (outside any condition) and record how
        the representation reads them; fields with arguments or clashing with a client
        response key travel under an internal alias and are renamed back."""
        inner = replace(ctx, target=ctx.base, wrappers=())
        for selection in selections:
            if isinstance(selection, NFragment):
                self._place(inner, (selection,))
                shape_into(
                    representation.add_fragment(selection.type_condition), selection.selections
                )
                continue
            alias = None
            clash = ctx.client_keys.get(selection.name)
            if selection.arguments or (clash is not None and clash != (selection.name, "")):
                alias = self._tracker.alias(selection.name)
                renames.append((alias, selection.name))
            placed = replace(selection, alias=alias) if alias else selection
            self._place(inner, (placed,))
            entry = representation.add_field(
                placed.response_key, composite=bool(selection.selections)
            )
            if entry.children is not None:
                shape_into(entry.children, selection.selections)

    # -- adding fields ------------------------------------------------------------------------
