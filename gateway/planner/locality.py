"""Who can resolve ``T.f`` from where we are (federation.md 4.2): local fields, provides,
entry points for jumps, field sets, and how much of a selection a subgraph can serve alone."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from graphql import GraphQLSchema, OperationDefinitionNode, is_abstract_type, is_leaf_type, parse

from gateway.supergraph import Key, Supergraph, ViewField, ViewType

from .normalize import NField, NFragment, NSelection, normalize_selection_set

__all__ = ["EntryPoint", "Locality", "Provided"]

Provided = tuple[NSelection, ...]
"""The ``@provides`` selection applying to the current object in the current subgraph."""


@dataclass(frozen=True, slots=True)
class EntryPoint:
    """Entering ``subgraph`` for objects of ``type_name`` there through ``key``.

    ``typename_rewrite`` is set when the representation's ``__typename`` must become the
    interface name (jumps into an ``@interfaceObject``).
    """

    subgraph: str
    type_name: str
    field: ViewField | None
    keys: tuple[Key, ...]
    typename_rewrite: str | None


class Locality:
    """Queries over the per-subgraph views under one set of enabled override labels."""

    def __init__(self, supergraph: Supergraph, labels: frozenset[str]) -> None:
        self.supergraph = supergraph
        self.schema: GraphQLSchema = supergraph.schema
        self.labels = labels
        self.order = tuple(supergraph.subgraphs)
        self._field_sets: dict[tuple[str, str], tuple[NSelection, ...]] = {}
        self._entry_points: dict[tuple[str, str | None], tuple[EntryPoint, ...]] = {}

    def view_type(self, subgraph: str, type_name: str) -> ViewType | None:
        return self.supergraph.views[subgraph].types.get(type_name)

    def field_set(self, type_name: str, text: str) -> tuple[NSelection, ...]:
        """A key/requires/provides field set, normalised against the supergraph."""
        cache_key = (type_name, text)
        found = self._field_sets.get(cache_key)
        if found is None:
            document = parse("{" + text + "}", no_location=True)
            operation = document.definitions[0]
            assert isinstance(operation, OperationDefinitionNode)
            selections = operation.selection_set.selections
            found = normalize_selection_set(self.schema, type_name, selections)
            self._field_sets[cache_key] = found
        return found

    def local_field(
        self, subgraph: str, type_name: str, name: str, provided: Provided | None
    ) -> ViewField | None:
        """The field when ``subgraph`` resolves it here: present, not external (unless
        provided on this path), not overridden away under the enabled labels."""
        view_type = self.view_type(subgraph, type_name)
        if view_type is None:
            return None
        view_field = view_type.fields.get(name)
        if view_field is None or view_field.used_overridden:
            return None
        label = view_field.override_label
        if label is not None and (label in self.labels) != (view_field.override_from is not None):
            return None
        if view_field.external:
            return view_field if self.provided_field(provided, type_name, name) else None
        return view_field

    def provided_field(self, provided: Provided | None, type_name: str, name: str) -> NField | None:
        """The provides entry for ``type_name.name`` on this path, if any."""
        for selection in provided or ():
            if isinstance(selection, NField):
                if selection.name == name:
                    return selection
            elif self.applies(type_name, selection.type_condition):
                found = self.provided_field(selection.selections, type_name, name)
                if found is not None:
                    return found
        return None

    def child_provided(
        self, view_field: ViewField, field: NField, provided: Provided | None, parent_type: str
    ) -> Provided | None:
        """What is provided below ``field``: its own ``@provides``, or the nested part of the
        parent's provides."""
        if view_field.provides:
            return self.field_set(view_field.named_type, view_field.provides)
        entry = self.provided_field(provided, parent_type, field.name)
        return entry.selections if entry is not None and entry.selections else None

    def applies(self, type_name: str, condition: str | None) -> bool:
        """Whether objects of ``type_name`` match ``... on condition`` (supergraph types)."""
        if condition is None or condition == type_name:
            return True
        condition_type = self.schema.get_type(condition)
        object_type = self.schema.get_type(type_name)
        if condition_type is None or object_type is None or not is_abstract_type(condition_type):
            return False
        if is_abstract_type(object_type):
            return False
        return self.schema.is_sub_type(condition_type, object_type)  # type: ignore[arg-type]

    def supergraph_possible(self, type_name: str) -> set[str]:
        named = self.schema.get_type(type_name)
        if named is None:
            return set()
        if is_abstract_type(named):
            return {t.name for t in self.schema.get_possible_types(named)}  # type: ignore[arg-type]
        return {type_name}

    def possible_in(self, subgraph: str, type_name: str) -> list[str]:
        """Object types ``type_name`` can be at runtime in ``subgraph``, in supergraph order."""
        view = self.supergraph.views[subgraph]
        view_type = view.types.get(type_name)
        if view_type is None:
            return []
        if view_type.kind == "object":
            return [type_name]
        return sorted(view.possible_types.get(type_name, ()))

    def response_shape(self, view_field: ViewField) -> str:
        """What GraphQL's "same response shape" rule compares: list and non-null wrappers,
        and the type itself only for leaves (objects of different types may share a key)."""
        named = view_field.named_type
        wrappers = view_field.type.replace(named, "")
        return f"{wrappers} {named}" if is_leaf_type(self.schema.get_type(named)) else wrappers

    def entry_points(self, type_name: str, field_name: str | None) -> tuple[EntryPoint, ...]:
        """Subgraphs that can be entered for ``type_name`` objects and resolve ``field_name``
        there (any field when ``None``), directly or through an ``@interfaceObject``."""
        key = (type_name, field_name)
        found = self._entry_points.get(key)
        if found is None:
            found = tuple(self._find_entry_points(type_name, field_name))
            self._entry_points[key] = found
        return found

    def _find_entry_points(self, type_name: str, field_name: str | None) -> list[EntryPoint]:
        points: list[EntryPoint] = []
        object_type = self.schema.get_type(type_name)
        interfaces = [i.name for i in getattr(object_type, "interfaces", ())]
        for subgraph in self.order:
            candidates = [type_name] if self.view_type(subgraph, type_name) else []
            candidates += [
                interface
                for interface in interfaces
                if (vt := self.view_type(subgraph, interface)) is not None
                and vt.is_interface_object
            ]
            for candidate in candidates:
                view_type = self.view_type(subgraph, candidate)
                assert view_type is not None
                keys = view_type.resolvable_keys
                if not keys:
                    continue
                view_field = None
                if field_name is not None:
                    view_field = self.local_field(subgraph, candidate, field_name, None)
                    if view_field is None:
                        continue
                rewrite = candidate if view_type.is_interface_object else None
                points.append(EntryPoint(subgraph, candidate, view_field, keys, rewrite))
                break
        return points

    def can_complete(
        self,
        subgraph: str,
        type_name: str,
        selections: Iterable[NSelection],
        provided: Provided | None,
    ) -> bool:
        """Whether the walk, standing in ``subgraph`` on ``type_name``, can serve
        ``selections``: every field is local here (and its sub-selection completes), or the
        object can be left through a key this subgraph has at hand towards a subgraph that
        resolves the field. Value types cannot be left at all."""
        view_type = self.view_type(subgraph, type_name)
        if view_type is None:
            return False
        abstract = view_type.kind in ("interface", "union")
        for selection in selections:
            if isinstance(selection, NFragment):
                condition = selection.type_condition or type_name
                if self.view_type(subgraph, condition) is None:
                    continue  # dropped or exploded into types this subgraph has
                if not self.can_complete(subgraph, condition, selection.selections, provided):
                    return False
                continue
            if selection.name == "__typename":
                if view_type.is_interface_object and not self._leavable(
                    subgraph, type_name, None, provided
                ):
                    return False
                continue
            if abstract:
                targets = self.possible_in(subgraph, type_name)
                if self._completes_field(subgraph, type_name, selection, provided) or all(
                    self.can_complete(subgraph, target, (selection,), provided)
                    for target in targets
                ):
                    continue
                return False
            if not self._completes_field(
                subgraph, type_name, selection, provided
            ) and not self._leavable(subgraph, type_name, selection.name, provided):
                return False
        return True

    def _completes_field(
        self, subgraph: str, type_name: str, field: NField, provided: Provided | None
    ) -> bool:
        view_field = self.local_field(subgraph, type_name, field.name, provided)
        if view_field is None:
            return False
        if view_field.requires and not self._leavable(subgraph, type_name, None, provided):
            return False
        return not field.selections or self.can_complete(
            subgraph,
            view_field.named_type,
            field.selections,
            self.child_provided(view_field, field, provided, type_name),
        )

    def _leavable(
        self,
        subgraph: str,
        type_name: str,
        field_name: str | None,
        provided: Provided | None,
        hops: int = 3,
    ) -> bool:
        """Whether some subgraph resolving ``field_name`` (any field when ``None``) can be
        entered from here with a key whose fields are at hand here or, within ``hops`` more
        jumps, obtainable from other subgraphs first (key chains, 4.3)."""
        for point in self.entry_points(type_name, field_name):
            if point.subgraph == subgraph and field_name is not None:
                continue  # the field is not local here, or it would not need leaving
            for key in point.keys:
                key_fields = self.field_set(point.type_name, key.fields)
                if all(
                    self.all_local(subgraph, type_name, (key_field,), provided)
                    or (
                        hops > 0
                        and isinstance(key_field, NField)
                        and self._leavable(subgraph, type_name, key_field.name, provided, hops - 1)
                    )
                    for key_field in key_fields
                ):
                    return True
        return False

    def partition(
        self,
        options: list[tuple[str, ViewField, Provided | None]],
        selections: tuple[NSelection, ...],
    ) -> dict[int, tuple[NSelection, ...]]:
        """Split a field's sub-selection between candidate subgraphs (``(subgraph, field
        there, provides)``): each selection (fragments field by field) goes to the first
        option that can serve it, or else to the one serving most of it; in option order."""
        parts: dict[int, list[NSelection]] = {}
        for selection in selections:
            if isinstance(selection, NFragment):
                for index, children in self.partition(options, selection.selections).items():
                    parts.setdefault(index, []).append(replace(selection, selections=children))
                continue
            single = (selection,)
            chosen = next(
                (
                    index
                    for index, (subgraph, view_field, provided) in enumerate(options)
                    if self.can_complete(subgraph, view_field.named_type, single, provided)
                ),
                None,
            )
            if chosen is None:
                chosen = max(
                    range(len(options)),
                    key=lambda index: self.coverage(
                        options[index][0], options[index][1].named_type, single, options[index][2]
                    ),
                )
            parts.setdefault(chosen, []).append(selection)
        return {index: tuple(parts[index]) for index in sorted(parts)}

    def coverage(
        self,
        subgraph: str,
        type_name: str,
        selections: Iterable[NSelection],
        provided: Provided | None,
    ) -> int:
        """How many fields of ``selections`` (recursively) ``subgraph`` resolves locally."""
        count = 0
        for selection in selections:
            if isinstance(selection, NFragment):
                condition = selection.type_condition or type_name
                if self.view_type(subgraph, condition) is not None:
                    count += self.coverage(subgraph, condition, selection.selections, provided)
                continue
            view_field = self.local_field(subgraph, type_name, selection.name, provided)
            if view_field is None:
                continue
            count += 1
            if selection.selections:
                count += self.coverage(
                    subgraph,
                    view_field.named_type,
                    selection.selections,
                    self.child_provided(view_field, selection, provided, type_name),
                )
        return count

    def all_local(
        self,
        subgraph: str,
        type_name: str,
        selections: Iterable[NSelection],
        provided: Provided | None,
    ) -> bool:
        """Whether every field of a field set is resolvable in ``subgraph`` right here."""
        for selection in selections:
            if isinstance(selection, NFragment):
                condition = selection.type_condition or type_name
                if self.view_type(subgraph, condition) is None:
                    return False
                if not self.all_local(subgraph, condition, selection.selections, provided):
                    return False
                continue
            if selection.name == "__typename":
                continue
            view_field = self.local_field(subgraph, type_name, selection.name, provided)
            if view_field is None or view_field.requires:
                return False
            if selection.selections and not self.all_local(
                subgraph,
                view_field.named_type,
                selection.selections,
                self.child_provided(view_field, selection, provided, type_name),
            ):
                return False
        return True
