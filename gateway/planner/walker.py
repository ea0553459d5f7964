"""Path finding: walk the normalised operation and place every field in a fetch group.

For each field the walker asks who can resolve it from where it is (4.2): stay in the current
subgraph when it resolves the field (and can serve the sub-selection), else jump through a key
of another subgraph (4.3, ``entrance.py``), fetching ``@requires`` inputs first (4.8),
honouring ``@provides`` on its path (4.9), interface objects (4.10) and per-subgraph abstract
types (4.7).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace

from gateway.supergraph import ViewField

from .context import ABSTRACT, Tracker, WalkContext, client_keys, refine, rewrap, wrap
from .entrance import Entrance
from .errors import PlanningError
from .groups import Atom, GroupRegistry
from .locality import EntryPoint, Locality, Provided
from .normalize import NField, NFragment, NSelection
from .plan import KeyRenamer

__all__ = ["Walker"]


class Walker:
    """Places the selections of one operation into the groups of a ``GroupRegistry``."""

    def __init__(self, locality: Locality, groups: GroupRegistry) -> None:
        self._loc = locality
        self._groups = groups
        self._tracker = Tracker()
        self._entrance = Entrance(locality, groups, self._tracker, self._walk)
        self._mutation_slot = -1
        self._mutation_subgraph: str | None = None

    def walk_root(
        self, root_type: str, selections: tuple[NSelection, ...], *, mutation: bool
    ) -> None:
        """Place the root fields (document order for mutations)."""
        keys = client_keys(selections)
        self._walk_root(root_type, selections, (), frozenset(), keys, mutation)

    def _walk_root(
        self,
        root_type: str,
        selections: tuple[NSelection, ...],
        wrappers: tuple[NFragment, ...],
        atoms: frozenset[Atom],
        keys: Mapping[str, tuple[str, str]],
        mutation: bool,
    ) -> None:
        for selection in selections:
            if isinstance(selection, NFragment):
                self._walk_root(
                    root_type,
                    selection.selections,
                    (*wrappers, selection),
                    atoms | selection.condition_atoms,
                    keys,
                    mutation,
                )
                continue
            for subgraph, view_field, part in self._root_parts(root_type, selection, mutation):
                slot = self._slot(subgraph) if mutation else None
                group = self._groups.root(subgraph, atoms | selection.condition_atoms, slot)
                base = group.selection
                ctx = WalkContext(
                    group, root_type, base, rewrap(base, wrappers), wrappers, (), None, atoms, keys
                )
                self._add_field(ctx, part, view_field)

    def _slot(self, subgraph: str) -> int:
        if subgraph != self._mutation_subgraph:
            self._mutation_slot += 1
            self._mutation_subgraph = subgraph
        return self._mutation_slot

    def _root_parts(
        self, root_type: str, field: NField, mutation: bool
    ) -> list[tuple[str, ViewField, NField]]:
        """Where a root field is fetched: the best subgraph, or, when no candidate serves the
        whole sub-selection (a shareable root field), each part from the first that can."""
        options = self._root_options(root_type, field, mutation)
        (incomplete, *_), subgraph, view_field = options[0]
        if not incomplete or len(options) == 1 or mutation:
            return [(subgraph, view_field, field)]
        targets = [(candidate, view, None) for _, candidate, view in options]
        return [
            (options[index][1], options[index][2], replace(field, selections=selections))
            for index, selections in self._loc.partition(targets, field.selections).items()
        ]

    def _root_options(
        self, root_type: str, field: NField, mutation: bool
    ) -> list[tuple[tuple[int, ...], str, ViewField]]:
        """The subgraphs resolving a root field, best first."""
        loc = self._loc
        options = []
        for index, subgraph in enumerate(loc.order):
            view_field = loc.local_field(subgraph, root_type, field.name, None)
            if view_field is None:
                continue
            complete = not field.selections or loc.can_complete(
                subgraph,
                view_field.named_type,
                field.selections,
                loc.child_provided(view_field, field, None, root_type),
            )
            if mutation:
                reuse = subgraph == self._mutation_subgraph
            else:
                reuse = self._groups.has_root(subgraph, None)
            coverage, missing = 0, False
            if field.selections:
                provided = loc.child_provided(view_field, field, None, root_type)
                child_type = view_field.named_type
                coverage = loc.coverage(subgraph, child_type, field.selections, provided)
                missing = not loc.all_local(subgraph, child_type, field.selections, provided)
            rank = (not complete, missing, not reuse, -coverage, index)
            options.append((rank, subgraph, view_field))
        if not options:
            raise PlanningError(f"no subgraph resolves {root_type}.{field.name}")
        return sorted(options, key=lambda option: option[0])

    # -- selections ---------------------------------------------------------------------------

    def _walk(self, ctx: WalkContext, selections: Iterable[NSelection]) -> None:
        view_type = self._loc.view_type(ctx.group.subgraph, ctx.type_name)
        if view_type is None:
            raise PlanningError(f"subgraph {ctx.group.subgraph!r} has no type {ctx.type_name}")
        if view_type.kind in ABSTRACT:
            self._walk_abstract(ctx, selections)
        else:
            self._walk_object(ctx, selections)

    def _walk_object(self, ctx: WalkContext, selections: Iterable[NSelection]) -> None:
        loc = self._loc
        view_type = loc.view_type(ctx.group.subgraph, ctx.type_name)
        assert view_type is not None
        for selection in selections:
            if isinstance(selection, NField):
                self._handle_field(ctx, selection)
            elif loc.applies(ctx.type_name, selection.type_condition):
                self._walk_object(wrap(ctx, selection), selection.selections)
            elif view_type.is_interface_object and loc.supergraph_possible(
                ctx.type_name
            ) & loc.supergraph_possible(selection.type_condition or ctx.type_name):
                self._jump_to_owner(ctx, (selection,))

    def _walk_abstract(self, ctx: WalkContext, selections: Iterable[NSelection]) -> None:
        loc = self._loc
        subgraph = ctx.group.subgraph
        possible = loc.possible_in(subgraph, ctx.type_name)
        for selection in selections:
            if isinstance(selection, NField):
                self._abstract_field(ctx, selection, possible)
                continue
            condition = selection.type_condition
            if condition is None:
                self._walk_abstract(wrap(ctx, selection), selection.selections)
                continue
            targets = [t for t in possible if t in loc.supergraph_possible(condition)]
            if not targets:
                continue
            inner = loc.view_type(subgraph, condition)
            # An abstract condition is kept only when this subgraph agrees on its members;
            # otherwise each possible type gets its own fragment (4.7).
            if (
                inner is not None
                and inner.kind in ABSTRACT
                and set(targets) <= set(loc.possible_in(subgraph, condition))
            ):
                self._walk_abstract(wrap(refine(ctx, condition), selection), selection.selections)
            elif inner is not None and inner.kind not in ABSTRACT:
                self._walk_object(wrap(refine(ctx, condition), selection), selection.selections)
            else:
                for target in targets:
                    self._walk_object(wrap(refine(ctx, target), selection), selection.selections)

    def _abstract_field(self, ctx: WalkContext, field: NField, possible: list[str]) -> None:
        if field.name == "__typename":
            self._add_leaf(ctx, field)
            return
        view_field = self._stays_abstract(ctx, field, possible)
        if view_field is not None:
            self._add_field(ctx, field, view_field)
            return
        point = self._interface_object_point(ctx, field)
        if point is not None:
            self._walk(
                self._entrance.enter(ctx, point, field.condition_atoms, placing=(field,)), (field,)
            )
            return
        if not possible:
            # No implementation here and no interface object reachable through a resolvable
            # key: nothing can resolve the field (the reference planners refuse too).
            raise PlanningError(
                f"cannot plan {ctx.type_name}.{field.name}: {ctx.group.subgraph!r} has no "
                "implementation and no subgraph resolving it can be entered"
            )
        for target in possible:
            self._walk_object(refine(ctx, target), (field,))

    def _stays_abstract(
        self, ctx: WalkContext, field: NField, possible: list[str]
    ) -> ViewField | None:
        """The interface field when every possible type here resolves it locally (4.7)."""
        loc = self._loc
        subgraph = ctx.group.subgraph
        view_field = loc.local_field(subgraph, ctx.type_name, field.name, ctx.provided)
        if view_field is None or view_field.requires:
            return None
        for target in possible:
            own = loc.local_field(subgraph, target, field.name, ctx.provided)
            if own is None or own.requires:
                return None
        if field.selections and not loc.can_complete(
            subgraph,
            view_field.named_type,
            field.selections,
            loc.child_provided(view_field, field, ctx.provided, ctx.type_name),
        ):
            return None
        return view_field

    def _interface_object_point(self, ctx: WalkContext, field: NField) -> EntryPoint | None:
        """An ``@interfaceObject`` serving an interface field, entered at the interface."""
        loc = self._loc
        for point in loc.entry_points(ctx.type_name, field.name):
            if point.subgraph == ctx.group.subgraph or point.typename_rewrite is None:
                continue
            if point.field is not None and point.field.requires:
                continue
            if any(self._entrance.key_is_local(ctx, point, key) for key in point.keys):
                return point
        return None

    def _handle_field(self, ctx: WalkContext, field: NField) -> None:
        loc = self._loc
        subgraph = ctx.group.subgraph
        view_type = loc.view_type(subgraph, ctx.type_name)
        assert view_type is not None
        if field.name == "__typename":
            if view_type.is_interface_object:
                self._jump_to_owner(ctx, (field,))
            else:
                self._add_leaf(ctx, field)
            return
        local = loc.local_field(subgraph, ctx.type_name, field.name, ctx.provided)
        if local is not None and (
            not field.selections
            or loc.can_complete(
                subgraph,
                local.named_type,
                field.selections,
                loc.child_provided(local, field, ctx.provided, ctx.type_name),
            )
        ):
            self._place_local(ctx, field, local)
            return
        points = sorted(
            (p for p in loc.entry_points(ctx.type_name, field.name) if p.subgraph != subgraph),
            key=lambda p: self._entrance.rank(ctx, p, field),
        )
        options = len(points) + (local is not None)
        if field.selections and options > 1 and self._entrance.rank(ctx, points[0], field)[0]:
            # No single subgraph serves the whole sub-selection (a shareable field whose
            # type's fields are spread out): fetch the field from several, each with its part.
            self._split(ctx, field, local, points)
            return
        if not points:
            if local is not None:
                self._place_local(ctx, field, local)
                return
            raise PlanningError(
                f"cannot plan {ctx.type_name}.{field.name}: no subgraph resolving it can be "
                f"entered from {subgraph!r}"
            )
        self._jump(ctx, field, points[0])

    def _place_local(self, ctx: WalkContext, field: NField, view_field: ViewField) -> None:
        """Place a field the current subgraph resolves (via an entity fetch back into the
        same subgraph when it ``@requires`` inputs)."""
        if not view_field.requires:
            self._add_field(ctx, field, view_field)
            return
        subgraph = ctx.group.subgraph
        view_type = self._loc.view_type(subgraph, ctx.type_name)
        assert view_type is not None
        rewrite = ctx.type_name if view_type.is_interface_object else None
        point = EntryPoint(subgraph, ctx.type_name, view_field, view_type.resolvable_keys, rewrite)
        if not point.keys:
            raise PlanningError(
                f"{ctx.type_name}.{field.name} @requires inputs but {subgraph!r} "
                f"has no resolvable key for {ctx.type_name}"
            )
        self._place_with_requires(ctx, field, point)

    def _split(
        self,
        ctx: WalkContext,
        field: NField,
        local: ViewField | None,
        points: list[EntryPoint],
    ) -> None:
        """Fetch ``field`` from several subgraphs, each sub-selection from the first option
        (here first, then by rank) that can serve it; the copies merge in the response."""
        loc = self._loc
        options: list[tuple[str, EntryPoint | None, ViewField, Provided | None]] = []
        if local is not None:
            provided = loc.child_provided(local, field, ctx.provided, ctx.type_name)
            options.append((ctx.group.subgraph, None, local, provided))
        options.extend(
            (p.subgraph, p, p.field, loc.child_provided(p.field, field, None, p.type_name))
            for p in points
            if p.field is not None
        )
        targets = [
            (subgraph, view_field, provided) for subgraph, _, view_field, provided in options
        ]
        for index, selections in loc.partition(targets, field.selections).items():
            _, point, view_field, _ = options[index]
            part = replace(field, selections=selections)
            if point is None:
                self._place_local(ctx, part, view_field)
            else:
                self._jump(ctx, part, point)

    # -- jumps --------------------------------------------------------------------------------

    def _jump(self, ctx: WalkContext, field: NField, point: EntryPoint) -> None:
        """Resolve ``field`` in ``point``'s subgraph, entered from here through a key."""
        assert point.field is not None
        if point.field.requires:
            self._place_with_requires(ctx, field, point)
            return
        inner = self._entrance.enter(ctx, point, field.condition_atoms, placing=(field,))
        if self._entrance.aliases_conflicts(ctx, point) and (
            inner.base.conflicts((field,)) or inner.target.conflicts((field,))
        ):
            # Sibling fragments on other types already select this key differently in the
            # interface object's fetch: alias it, renamed back only for this source type.
            alias = self._tracker.alias(field.response_key)
            rename = ("... on " + ctx.type_name, alias)
            inner.group.output_rewrites[("rename", rename)] = KeyRenamer(rename, field.response_key)
            field = replace(field, alias=alias)
        self._walk(inner, (field,))

    def _jump_to_owner(self, ctx: WalkContext, selections: tuple[NSelection, ...]) -> None:
        """From an interface object to the subgraph owning the interface (concrete types)."""
        loc = self._loc
        points = [
            p
            for p in loc.entry_points(ctx.type_name, None)
            if p.subgraph != ctx.group.subgraph
            and (vt := loc.view_type(p.subgraph, p.type_name)) is not None
            and vt.kind == "interface"
        ]
        if not points:
            raise PlanningError(
                f"no subgraph owning interface {ctx.type_name} can be entered to find the "
                "concrete type"
            )
        point = min(points, key=lambda p: self._entrance.rank(ctx, p, None))
        self._walk_abstract(
            self._entrance.enter(ctx, point, frozenset(), placing=selections), selections
        )

    def _place_with_requires(self, ctx: WalkContext, field: NField, point: EntryPoint) -> None:
        """Fetch the ``@requires`` inputs from here, then an entity fetch with them (4.8)."""
        assert point.field is not None and point.field.requires is not None
        required = self._loc.field_set(point.type_name, point.field.requires)
        inner = self._entrance.enter(
            ctx, point, field.condition_atoms, required=required, placing=(field,)
        )
        self._add_field(inner, field, point.field)

    def _add_leaf(self, ctx: WalkContext, field: NField) -> None:
        ctx.target.add_field(
            field.name,
            alias=field.alias,
            arguments=field.arguments,
            directives=field.directives,
            variables=field.variables,
        )
        self._tracker.touch(ctx.group)

    def _add_field(self, ctx: WalkContext, field: NField, view_field: ViewField) -> None:
        """Add a field resolvable in the current group and walk its sub-selection there."""
        if view_field.context_arguments:
            raise PlanningError(
                f"{ctx.type_name}.{field.name} takes @fromContext arguments, which this "
                "gateway does not support yet"
            )
        entry = ctx.target.add_field(
            field.name,
            alias=self._shape_alias(ctx, field, view_field),
            arguments=field.arguments,
            directives=field.directives,
            variables=field.variables,
            composite=bool(field.selections),
        )
        self._tracker.touch(ctx.group)
        if entry.children is None:
            return
        loc = self._loc
        child_type = view_field.named_type
        view_type = loc.view_type(ctx.group.subgraph, child_type)
        if view_type is None:
            raise PlanningError(f"subgraph {ctx.group.subgraph!r} has no type {child_type}")
        children = entry.children
        if view_type.kind in ABSTRACT:
            children.add_field("__typename")
        child = WalkContext(
            group=ctx.group,
            type_name=child_type,
            base=children,
            target=children,
            wrappers=(),
            path=(*ctx.path, field.response_key, *("@",) * view_field.type.count("[")),
            provided=loc.child_provided(view_field, field, ctx.provided, ctx.type_name),
            conditions=ctx.conditions | field.condition_atoms,
            client_keys=client_keys(field.selections),
            siblings=field.selections,
        )
        self._walk(child, field.selections)
        if children.is_empty():
            children.add_field("__typename")

    def _shape_alias(self, ctx: WalkContext, field: NField, view_field: ViewField) -> str | None:
        """The alias to send ``field`` under. Sibling fragments may select one response key
        with response shapes that differ in this subgraph (``ID!`` vs ``ID``), which the
        subgraph would reject: the later one travels under an internal alias renamed back on
        receipt."""
        shapes = ctx.group.shapes.setdefault(ctx.path, {})
        key = field.response_key
        shape = self._loc.response_shape(view_field)
        if shapes.setdefault(key, shape) == shape:
            return field.alias
        alias = self._tracker.alias(key)
        relative = [step for step in ctx.path[len(ctx.group.merge_path) :] if step != "@"]
        path = (*relative, f"... on {ctx.type_name}", alias)
        ctx.group.output_rewrites[("rename", path)] = KeyRenamer(path, key)
        return alias
