"""Path finding: walk the normalised operation and place every field in a fetch group.

For each field the walker asks who can resolve it from where it is (4.2): stay in the current
subgraph when it resolves the field (and can serve the sub-selection), else jump through a key
of another subgraph (4.3), fetching ``@requires`` inputs first (4.8), honouring ``@provides``
on its path (4.9), interface objects (4.10) and per-subgraph abstract types (4.7).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from gateway.supergraph import Key, ViewField

from .errors import PlanningError
from .groups import Atom, FetchGroup, GroupRegistry
from .locality import EntryPoint, Locality, Provided
from .normalize import NField, NFragment, NSelection
from .plan import KeyRenamer, ValueSetter
from .selections import SelectionBuilder

__all__ = ["Walker"]

_ABSTRACT = ("interface", "union")


@dataclass(frozen=True, slots=True)
class _Ctx:
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


class Walker:
    """Places the selections of one operation into the groups of a ``GroupRegistry``."""

    def __init__(self, locality: Locality, groups: GroupRegistry) -> None:
        self._loc = locality
        self._groups = groups
        self._collectors: list[list[FetchGroup]] = []
        self._entering: set[tuple[str, str, tuple[str, ...]]] = set()
        self._aliases = 0
        self._mutation_slot = -1
        self._mutation_subgraph: str | None = None

    # -- root -------------------------------------------------------------------------------

    def walk_root(
        self, root_type: str, selections: tuple[NSelection, ...], *, mutation: bool
    ) -> None:
        """Place the root fields (document order for mutations)."""
        keys = _client_keys(selections)
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
            subgraph, view_field = self._choose_root(root_type, selection, mutation)
            slot = self._slot(subgraph) if mutation else None
            group = self._groups.root(subgraph, atoms | selection.condition_atoms, slot)
            base = group.selection
            ctx = _Ctx(
                group, root_type, base, _rewrap(base, wrappers), wrappers, (), None, atoms, keys
            )
            self._add_field(ctx, selection, view_field)

    def _slot(self, subgraph: str) -> int:
        if subgraph != self._mutation_subgraph:
            self._mutation_slot += 1
            self._mutation_subgraph = subgraph
        return self._mutation_slot

    def _choose_root(self, root_type: str, field: NField, mutation: bool) -> tuple[str, ViewField]:
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
        _, subgraph, view_field = min(options, key=lambda option: option[0])
        return subgraph, view_field

    # -- selections ---------------------------------------------------------------------------

    def _walk(self, ctx: _Ctx, selections: Iterable[NSelection]) -> None:
        view_type = self._loc.view_type(ctx.group.subgraph, ctx.type_name)
        if view_type is None:
            raise PlanningError(f"subgraph {ctx.group.subgraph!r} has no type {ctx.type_name}")
        if view_type.kind in _ABSTRACT:
            self._walk_abstract(ctx, selections)
        else:
            self._walk_object(ctx, selections)

    def _walk_object(self, ctx: _Ctx, selections: Iterable[NSelection]) -> None:
        loc = self._loc
        view_type = loc.view_type(ctx.group.subgraph, ctx.type_name)
        assert view_type is not None
        for selection in selections:
            if isinstance(selection, NField):
                self._handle_field(ctx, selection)
            elif loc.applies(ctx.type_name, selection.type_condition):
                self._walk_object(_wrap(ctx, selection), selection.selections)
            elif view_type.is_interface_object and loc.supergraph_possible(
                ctx.type_name
            ) & loc.supergraph_possible(selection.type_condition or ctx.type_name):
                self._jump_to_owner(ctx, (selection,))

    def _walk_abstract(self, ctx: _Ctx, selections: Iterable[NSelection]) -> None:
        loc = self._loc
        subgraph = ctx.group.subgraph
        possible = loc.possible_in(subgraph, ctx.type_name)
        for selection in selections:
            if isinstance(selection, NField):
                self._abstract_field(ctx, selection, possible)
                continue
            condition = selection.type_condition
            if condition is None:
                self._walk_abstract(_wrap(ctx, selection), selection.selections)
                continue
            targets = [t for t in possible if t in loc.supergraph_possible(condition)]
            if not targets:
                continue
            inner = loc.view_type(subgraph, condition)
            if inner is not None and inner.kind in _ABSTRACT:
                self._walk_abstract(_wrap(_refine(ctx, condition), selection), selection.selections)
            elif inner is not None:
                self._walk_object(_wrap(_refine(ctx, condition), selection), selection.selections)
            else:
                for target in targets:
                    self._walk_object(_wrap(_refine(ctx, target), selection), selection.selections)

    def _abstract_field(self, ctx: _Ctx, field: NField, possible: list[str]) -> None:
        if field.name == "__typename":
            self._add_leaf(ctx, field)
            return
        view_field = self._stays_abstract(ctx, field, possible)
        if view_field is not None:
            self._add_field(ctx, field, view_field)
            return
        point = self._interface_object_point(ctx, field)
        if point is not None:
            self._walk(self._enter(ctx, point, field.condition_atoms), (field,))
            return
        for target in possible:
            self._walk_object(_refine(ctx, target), (field,))

    def _stays_abstract(self, ctx: _Ctx, field: NField, possible: list[str]) -> ViewField | None:
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

    def _interface_object_point(self, ctx: _Ctx, field: NField) -> EntryPoint | None:
        """An ``@interfaceObject`` serving an interface field, entered at the interface."""
        loc = self._loc
        for point in loc.entry_points(ctx.type_name, field.name):
            if point.subgraph == ctx.group.subgraph or point.typename_rewrite is None:
                continue
            if point.field is not None and point.field.requires:
                continue
            if any(self._key_is_local(ctx, point, key) for key in point.keys):
                return point
        return None

    def _handle_field(self, ctx: _Ctx, field: NField) -> None:
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
        view_field = loc.local_field(subgraph, ctx.type_name, field.name, ctx.provided)
        if view_field is not None and (
            not field.selections
            or loc.can_complete(
                subgraph,
                view_field.named_type,
                field.selections,
                loc.child_provided(view_field, field, ctx.provided, ctx.type_name),
            )
        ):
            if view_field.requires:
                point = EntryPoint(
                    subgraph, ctx.type_name, view_field, view_type.resolvable_keys, None
                )
                if not point.keys:
                    raise PlanningError(
                        f"{ctx.type_name}.{field.name} @requires inputs but {subgraph!r} "
                        f"has no resolvable key for {ctx.type_name}"
                    )
                self._place_with_requires(ctx, field, point)
            else:
                self._add_field(ctx, field, view_field)
            return
        self._jump(ctx, field)

    # -- jumps --------------------------------------------------------------------------------

    def _jump(self, ctx: _Ctx, field: NField) -> None:
        loc = self._loc
        points = [
            p
            for p in loc.entry_points(ctx.type_name, field.name)
            if p.subgraph != ctx.group.subgraph
        ]
        if not points:
            raise PlanningError(
                f"cannot plan {ctx.type_name}.{field.name}: no subgraph resolving it can be "
                f"entered from {ctx.group.subgraph!r}"
            )
        point = min(points, key=lambda p: self._rank(ctx, p, field))
        assert point.field is not None
        if point.field.requires:
            self._place_with_requires(ctx, field, point)
        else:
            self._walk(self._enter(ctx, point, field.condition_atoms), (field,))

    def _rank(self, ctx: _Ctx, point: EntryPoint, field: NField | None) -> tuple[int, ...]:
        loc = self._loc
        complete, coverage = True, 0
        if field is not None and point.field is not None and field.selections:
            child_type = point.field.named_type
            complete = loc.can_complete(point.subgraph, child_type, field.selections, None)
            coverage = loc.coverage(point.subgraph, child_type, field.selections, None)
        local_key = any(self._key_is_local(ctx, point, key) for key in point.keys)
        existing = self._groups.find_entity(point.subgraph, ctx.path, []) is not None
        return (
            not complete,
            not local_key,
            not existing,
            -self._sibling_coverage(ctx, point),
            -coverage,
            loc.order.index(point.subgraph),
        )

    def _sibling_coverage(self, ctx: _Ctx, point: EntryPoint) -> int:
        """How many of the object's fields not resolvable here ``point`` would serve."""
        loc = self._loc
        here = ctx.group.subgraph
        return sum(
            1
            for name in _field_names(ctx.siblings)
            if loc.local_field(point.subgraph, point.type_name, name, None) is not None
            and loc.local_field(here, ctx.type_name, name, ctx.provided) is None
        )

    def _jump_to_owner(self, ctx: _Ctx, selections: tuple[NSelection, ...]) -> None:
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
        point = min(points, key=lambda p: self._rank(ctx, p, None))
        self._walk_abstract(self._enter(ctx, point, frozenset()), selections)

    def _place_with_requires(self, ctx: _Ctx, field: NField, point: EntryPoint) -> None:
        """Fetch the ``@requires`` inputs from here, then an entity fetch with them (4.8)."""
        assert point.field is not None and point.field.requires is not None
        required = self._loc.field_set(point.type_name, point.field.requires)
        inner = self._enter(ctx, point, field.condition_atoms, required=required)
        self._add_field(inner, field, point.field)

    def _enter(
        self,
        ctx: _Ctx,
        point: EntryPoint,
        atoms: frozenset[Atom],
        *,
        required: tuple[NSelection, ...] = (),
    ) -> _Ctx:
        """Make (or reuse) the entity group for ``point`` at this object; its inputs (key and
        required fields) are planned from ``ctx`` first."""
        guard = (point.subgraph, point.type_name, ctx.path)
        if guard in self._entering:
            raise PlanningError(
                f"cyclic key requirements entering {point.subgraph!r} for {point.type_name}"
            )
        self._entering.add(guard)
        collected: list[FetchGroup] = []
        self._collectors.append(collected)
        representation = SelectionBuilder()
        renames: list[tuple[str, str]] = []
        try:
            ctx.base.add_field("__typename")
            self._touch(ctx.group)
            key = self._choose_key(ctx, point)
            self._place_inputs(
                ctx, self._loc.field_set(point.type_name, key.fields), representation, renames
            )
            if required:
                self._place_inputs(ctx, required, representation, renames)
        finally:
            self._collectors.pop()
            self._entering.discard(guard)
        conditions = ctx.conditions | atoms
        argument_inputs = {
            (ctx.type_name, selection.name): selection.arguments
            for selection in required
            if isinstance(selection, NField) and selection.arguments
        }
        existing = self._groups.find_entity(point.subgraph, ctx.path, collected)
        # One representation cannot carry one field with two argument sets (4.8).
        fresh = existing is not None and any(
            existing.argument_inputs.get(key, arguments) != arguments
            for key, arguments in argument_inputs.items()
        )
        group = self._groups.entity(point.subgraph, ctx.path, collected, conditions, fresh=fresh)
        group.argument_inputs.update(argument_inputs)
        self._record_representation(group, ctx.type_name, point, representation, renames)
        base = group.selection.add_fragment(point.type_name)
        view_type = self._loc.view_type(point.subgraph, point.type_name)
        if view_type is not None and view_type.kind in _ABSTRACT:
            base.add_field("__typename")
        self._touch(group)
        return _Ctx(
            group,
            point.type_name,
            base,
            _rewrap(base, ctx.wrappers),
            ctx.wrappers,
            ctx.path,
            None,
            conditions,
            ctx.client_keys,
            ctx.siblings,
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
        _merge_into(fragment, representation)
        on = f"... on {source_type}"
        for alias, name in renames:
            group.input_rewrites[("rename", source_type, alias)] = KeyRenamer((on, alias), name)
        rewrite = point.typename_rewrite
        if rewrite is not None:
            group.input_rewrites[("typename", source_type)] = ValueSetter(
                (on, "__typename"), rewrite
            )

    def _choose_key(self, ctx: _Ctx, point: EntryPoint) -> Key:
        local = [key for key in point.keys if self._key_is_local(ctx, point, key)]
        candidates = local or list(point.keys)
        return min(candidates, key=lambda key: len(key.fields.split()))

    def _key_is_local(self, ctx: _Ctx, point: EntryPoint, key: Key) -> bool:
        selections = self._loc.field_set(point.type_name, key.fields)
        return self._loc.all_local(ctx.group.subgraph, ctx.type_name, selections, ctx.provided)

    def _place_inputs(
        self,
        ctx: _Ctx,
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
                self._walk(inner, (selection,))
                _shape_into(
                    representation.add_fragment(selection.type_condition), selection.selections
                )
                continue
            alias = None
            clash = ctx.client_keys.get(selection.name)
            if selection.arguments or (clash is not None and clash != (selection.name, "")):
                alias = f"{selection.name}__alias_{self._aliases}"
                self._aliases += 1
                renames.append((alias, selection.name))
            placed = replace(selection, alias=alias) if alias else selection
            self._walk(inner, (placed,))
            entry = representation.add_field(
                placed.response_key, composite=bool(selection.selections)
            )
            if entry.children is not None:
                _shape_into(entry.children, selection.selections)

    # -- adding fields ------------------------------------------------------------------------

    def _add_leaf(self, ctx: _Ctx, field: NField) -> None:
        ctx.target.add_field(
            field.name,
            alias=field.alias,
            arguments=field.arguments,
            directives=field.directives,
            variables=field.variables,
        )
        self._touch(ctx.group)

    def _add_field(self, ctx: _Ctx, field: NField, view_field: ViewField) -> None:
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
        self._touch(ctx.group)
        if entry.children is None:
            return
        loc = self._loc
        child_type = view_field.named_type
        view_type = loc.view_type(ctx.group.subgraph, child_type)
        if view_type is None:
            raise PlanningError(f"subgraph {ctx.group.subgraph!r} has no type {child_type}")
        children = entry.children
        if view_type.kind in _ABSTRACT:
            children.add_field("__typename")
        child = _Ctx(
            group=ctx.group,
            type_name=child_type,
            base=children,
            target=children,
            wrappers=(),
            path=(*ctx.path, field.response_key, *("@",) * view_field.type.count("[")),
            provided=loc.child_provided(view_field, field, ctx.provided, ctx.type_name),
            conditions=ctx.conditions | field.condition_atoms,
            client_keys=_client_keys(field.selections),
            siblings=field.selections,
        )
        self._walk(child, field.selections)
        if children.is_empty():
            children.add_field("__typename")

    def _shape_alias(self, ctx: _Ctx, field: NField, view_field: ViewField) -> str | None:
        """The alias to send ``field`` under. Sibling fragments may select one response key
        with types that differ in this subgraph (``ID!`` vs ``ID``), which the subgraph would
        reject: the later one travels under an internal alias renamed back on receipt."""
        shapes = ctx.group.shapes.setdefault(ctx.path, {})
        key = field.response_key
        known = shapes.setdefault(key, view_field.type)
        if known == view_field.type:
            return field.alias
        alias = f"{key}__alias_{self._aliases}"
        self._aliases += 1
        relative = [step for step in ctx.path[len(ctx.group.merge_path) :] if step != "@"]
        path = (*relative, f"... on {ctx.type_name}", alias)
        ctx.group.output_rewrites[("rename", path)] = KeyRenamer(path, key)
        return alias

    def _touch(self, group: FetchGroup) -> None:
        for collected in self._collectors:
            if group not in collected:
                collected.append(group)


def _wrap(ctx: _Ctx, fragment: NFragment) -> _Ctx:
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


def _refine(ctx: _Ctx, type_name: str) -> _Ctx:
    base = ctx.base.add_fragment(type_name)
    return replace(ctx, type_name=type_name, base=base, target=_rewrap(base, ctx.wrappers))


def _rewrap(base: SelectionBuilder, wrappers: tuple[NFragment, ...]) -> SelectionBuilder:
    target = base
    for wrapper in wrappers:
        target = target.add_fragment(None, wrapper.directives, wrapper.variables)
    return target


def _client_keys(selections: Iterable[NSelection]) -> dict[str, tuple[str, str]]:
    """Response key -> (field, arguments) the client uses at this object, across fragments."""
    keys: dict[str, tuple[str, str]] = {}
    for selection in selections:
        if isinstance(selection, NField):
            keys.setdefault(selection.response_key, (selection.name, selection.arguments))
        else:
            for key, value in _client_keys(selection.selections).items():
                keys.setdefault(key, value)
    return keys


def _field_names(selections: Iterable[NSelection]) -> set[str]:
    """Names of the fields selected directly on an object, through its fragments."""
    names: set[str] = set()
    for selection in selections:
        if isinstance(selection, NField):
            names.add(selection.name)
        else:
            names.update(_field_names(selection.selections))
    return names


def _shape_into(builder: SelectionBuilder, selections: Iterable[NSelection]) -> None:
    for selection in selections:
        if isinstance(selection, NFragment):
            _shape_into(builder.add_fragment(selection.type_condition), selection.selections)
        else:
            entry = builder.add_field(selection.response_key, composite=bool(selection.selections))
            if entry.children is not None:
                _shape_into(entry.children, selection.selections)


def _merge_into(target: SelectionBuilder, source: SelectionBuilder) -> None:
    for entry in source.entries.values():
        if hasattr(entry, "type_condition"):
            _merge_into(target.add_fragment(entry.type_condition), entry.children)  # type: ignore[union-attr]
        else:
            merged = target.add_field(entry.name, composite=entry.children is not None)  # type: ignore[union-attr]
            if entry.children is not None and merged.children is not None:
                _merge_into(merged.children, entry.children)
