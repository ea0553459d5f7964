"""Response shaping: the internal tree -> exactly the client's selection (federation.md 5.5).

`shape_response` walks the client's operation against the API schema over the tree the plan
produced and builds a fresh output in query order. Only selected response names appear (plan
helper fields vanish), fragments apply by runtime type, ``__typename`` is answered from the
type (root types locally), leaf values are validated, missing values become ``null`` and a
``null`` in a non-null position propagates to the nearest nullable ancestor (``data`` itself
when it reaches a root field).

Error policy (no duplicates): shaping errors go into ``errors``, in the graphql-js wording
(``Cannot return null for non-nullable field T.f.``, ``Invalid value found for field T.f.``),
but a shaping error is emitted only when no error already recorded — from a subgraph, the
transport, authorization or an earlier shaping error — has a path equal to, an ancestor of or
a descendant of its path. So a failed fetch is reported once, by the error that explains it,
and a propagated ``null`` is reported once, where it started. Errors without a path cover
nothing. Invalid values never reveal what the subgraph sent.

Values the API schema hides are not errors: an enum value it does not list (``@inaccessible``
or unknown to it) and an object whose ``__typename`` names no type of it (an
``@inaccessible`` type) become ``null`` silently, as with the reference routers and the
federation audit (they keep such value-completion problems out of ``errors``); a ``null``
this puts in a non-null position still propagates with its ``Cannot return null`` error. A
malformed value (wrong JSON type, ``Int`` out of range) and an object whose concrete type is
unknown (``__typename`` missing or the interface's own name, where the selection needs the
concrete type) stay errors: those are failures, not hidden data.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from graphql import (
    BooleanValueNode,
    DirectiveNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLEnumType,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLScalarType,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    VariableNode,
    is_abstract_type,
    is_object_type,
)

from .errors import GraphQLErrorDict, ResponsePath
from .leaves import valid_leaf_value

__all__ = ["UNAUTHORIZED", "shape_response"]

UNAUTHORIZED = "UNAUTHORIZED_FIELD_OR_TYPE"
_INTROSPECTION_ROOT_FIELDS = frozenset({"__schema", "__type"})
# Built-in scalars whose stored value is output unchanged when it has exactly this Python type
# (bool is not int here: type() is exact); see gateway.executor.leaves for the full rules.
_EXACT_LEAF_TYPES: dict[str, type] = {"String": str, "ID": str, "Boolean": bool, "Int": int}
_INT_MIN, _INT_MAX = -(2**31), 2**31 - 1


class _Propagate:
    """Marker: a null reached a non-null position and must propagate to the parent."""


_PROPAGATE = _Propagate()

_ShapeType = GraphQLObjectType | GraphQLInterfaceType
"""What an object is shaped as: its object type, or an interface when only that is known."""


@dataclass(slots=True)
class _Collected:
    """The field nodes selecting one response key; ``authorized`` unless all were removed."""

    nodes: list[FieldNode] = dataclasses.field(default_factory=list)
    authorized: bool = False


@dataclass(frozen=True, slots=True)
class _Field:
    """One response key of a selection set for one runtime type, resolved once per shaping.

    ``return_type`` is ``None`` for ``__typename`` and root introspection fields (answered
    without completion); ``description`` is ``Type.field`` for messages.
    """

    key: str
    name: str
    description: str
    return_type: GraphQLOutputType | None
    selection_sets: tuple[SelectionSetNode, ...]
    authorized: bool
    exact_leaf: type | None = None
    """For ``String``/``ID``/``Boolean``/``Int`` leaves (nullable or not): the Python type of
    a stored value that is valid as it is (``Int``: when within 32 bits), so the common case
    skips `_Shaper.complete`."""


def shape_response(
    api_schema: GraphQLSchema,
    operation: OperationDefinitionNode,
    fragments: Mapping[str, FragmentDefinitionNode],
    variables: Mapping[str, Any],
    data: Mapping[str, Any],
    errors: Sequence[GraphQLErrorDict],
    *,
    unauthorized: Collection[int] = frozenset(),
) -> tuple[dict[str, Any] | None, list[GraphQLErrorDict]]:
    """Shape ``data`` to ``operation``; returns the client ``data`` and all errors.

    ``variables`` are the coerced request variables (``@skip``/``@include``). Root
    ``__schema``/``__type`` values are taken from ``data`` as they are (the engine stores the
    introspection result there). ``unauthorized`` holds the ``id()`` s of selection nodes
    (fields, inline fragments, fragment spreads) of ``operation``/``fragments`` that
    authorization removed: a response key selected only through them becomes ``null`` with an
    ``UNAUTHORIZED_FIELD_OR_TYPE`` error at each concrete path where it applied, even in a
    non-null position (the ``null`` does not propagate to the parent). The returned
    errors are ``errors`` followed by shaping errors (policy in the module docstring). Pure.
    """
    shaper = _Shaper(api_schema, fragments, variables, unauthorized, list(errors))
    root_type = api_schema.get_root_type(operation.operation)
    if root_type is None:
        raise ValueError(f"the API schema has no {operation.operation.value} type")
    shaped = shaper.shape_object(root_type, (operation.selection_set,), data, ())
    return (None if shaped is _PROPAGATE else shaped), shaper.errors  # type: ignore[return-value]


class _Shaper:
    def __init__(
        self,
        schema: GraphQLSchema,
        fragments: Mapping[str, FragmentDefinitionNode],
        variables: Mapping[str, Any],
        unauthorized: Collection[int],
        errors: list[GraphQLErrorDict],
    ) -> None:
        self.schema = schema
        self.fragments = fragments
        self.variables = variables
        self.unauthorized = unauthorized
        self.errors = errors
        self._error_paths: set[ResponsePath] = set()
        self._error_prefixes: set[ResponsePath] = set()
        for error in errors:
            path = error.get("path")
            if isinstance(path, list):
                self._cover(tuple(path))
        self._collected: dict[
            tuple[str, int], tuple[tuple[SelectionSetNode, ...], tuple[_Field, ...]]
        ] = {}
        self._root_types = {
            root.name
            for root in (schema.query_type, schema.mutation_type, schema.subscription_type)
            if root is not None
        }

    # -- errors -------------------------------------------------------------------------

    def _cover(self, path: ResponsePath) -> None:
        self._error_paths.add(path)
        for end in range(len(path) + 1):
            self._error_prefixes.add(path[:end])

    def _covered(self, path: ResponsePath) -> bool:
        if path in self._error_prefixes:
            return True
        return any(path[:end] in self._error_paths for end in range(len(path)))

    def add_error(self, message: str, path: ResponsePath, code: str | None = None) -> None:
        """Record a shaping error unless an existing error already explains ``path``."""
        if self._covered(path):
            return
        error: GraphQLErrorDict = {"message": message, "path": list(path)}
        if code is not None:
            error["extensions"] = {"code": code}
        self.errors.append(error)
        self._cover(path)

    # -- objects ------------------------------------------------------------------------

    def shape_object(
        self,
        object_type: _ShapeType,
        selection_sets: tuple[SelectionSetNode, ...],
        value: Mapping[str, Any],
        path: ResponsePath,
    ) -> dict[str, Any] | _Propagate:
        """ExecuteSelectionSet over a stored object."""
        out: dict[str, Any] = {}
        propagate = False
        for field in self.collect_fields(object_type, selection_sets):
            key = field.key
            if field.return_type is None:
                out[key] = object_type.name if field.name == "__typename" else value.get(key)
                continue
            exact = field.exact_leaf
            if exact is not None and field.authorized:
                raw = value.get(key)
                if type(raw) is exact and (exact is not int or _INT_MIN <= raw <= _INT_MAX):
                    out[key] = raw
                    continue
            field_path = (*path, key)
            if not field.authorized:
                # A removed field is null even when non-null, without propagating (as the
                # reference routers and the federation audit): the rest of the object stays.
                self.add_error("Unauthorized field or type", field_path, UNAUTHORIZED)
                out[key] = None
                continue
            raw = value.get(key)
            completed = self.complete(field.return_type, field, raw, field_path)
            if completed is _PROPAGATE:
                propagate = True
            else:
                out[key] = completed
        return _PROPAGATE if propagate else out

    def collect_fields(
        self, object_type: _ShapeType, selection_sets: tuple[SelectionSetNode, ...]
    ) -> tuple[_Field, ...]:
        """CollectFields (spec 6.3.2) for one runtime type, memoised per selection sets."""
        # Keyed by the identity of the tuple: callers pass the tuples held by memoised
        # `_Field` s (or the root's), and the entry keeps its tuple alive, so ids stay unique.
        memo_key = (object_type.name, id(selection_sets))
        entry = self._collected.get(memo_key)
        if entry is None:
            collected: dict[str, _Collected] = {}
            for selection_set in selection_sets:
                self._collect(object_type, selection_set, collected, set(), authorized=True)
            fields = tuple(self._field(object_type, key, entry) for key, entry in collected.items())
            entry = self._collected[memo_key] = (selection_sets, fields)
        return entry[1]

    def _field(self, object_type: _ShapeType, key: str, collected: _Collected) -> _Field:
        name = collected.nodes[0].name.value
        answered_here = name == "__typename" or (
            name in _INTROSPECTION_ROOT_FIELDS and object_type.name in self._root_types
        )
        return_type = None if answered_here else object_type.fields[name].type
        leaf = return_type.of_type if isinstance(return_type, GraphQLNonNull) else return_type
        return _Field(
            key=key,
            name=name,
            description=f"{object_type.name}.{name}",
            return_type=return_type,
            selection_sets=tuple(n.selection_set for n in collected.nodes if n.selection_set),
            authorized=collected.authorized,
            exact_leaf=(
                _EXACT_LEAF_TYPES.get(leaf.name) if isinstance(leaf, GraphQLScalarType) else None
            ),
        )

    def _collect(
        self,
        object_type: _ShapeType,
        selection_set: SelectionSetNode,
        out: dict[str, _Collected],
        visited: set[str],
        *,
        authorized: bool,
    ) -> None:
        for selection in selection_set.selections:
            if not self._should_include(selection):
                continue
            allowed = authorized and id(selection) not in self.unauthorized
            if isinstance(selection, FieldNode):
                key = selection.alias.value if selection.alias else selection.name.value
                entry = out.setdefault(key, _Collected())
                entry.nodes.append(selection)
                entry.authorized = entry.authorized or allowed
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                if condition is None or self._applies(condition.name.value, object_type):
                    inner = selection.selection_set
                    self._collect(object_type, inner, out, visited, authorized=allowed)
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                fragment = self.fragments.get(name)
                if name in visited or fragment is None:
                    continue
                visited.add(name)
                if self._applies(fragment.type_condition.name.value, object_type):
                    inner = fragment.selection_set
                    self._collect(object_type, inner, out, visited, authorized=allowed)

    def _should_include(self, node: Any) -> bool:
        """``@skip``/``@include`` (spec 6.3.2) with literal or variable ``if`` arguments."""
        for directive in node.directives or ():
            name = directive.name.value
            if name in ("skip", "include"):
                condition = self._condition_value(directive)
                if (name == "skip") == condition:
                    return False
        return True

    def _condition_value(self, directive: DirectiveNode) -> bool:
        for argument in directive.arguments or ():
            if argument.name.value != "if":
                continue
            value = argument.value
            if isinstance(value, BooleanValueNode):
                return value.value
            if isinstance(value, VariableNode):
                return self.variables.get(value.name.value) is True
        return False

    def _applies(self, condition: str, object_type: _ShapeType) -> bool:
        condition_type = self.schema.get_type(condition)
        if condition_type is object_type:
            return True
        if condition_type is None or not is_abstract_type(condition_type):
            return False
        return self.schema.is_sub_type(condition_type, object_type)  # type: ignore[arg-type]

    # -- values -------------------------------------------------------------------------

    def complete(
        self, return_type: GraphQLOutputType, field: _Field, value: Any, path: ResponsePath
    ) -> Any:
        """CompleteValue over stored JSON; returns the output value or ``_PROPAGATE``."""
        if isinstance(return_type, GraphQLNonNull):
            completed = self.complete(return_type.of_type, field, value, path)
            if completed is None:
                message = f"Cannot return null for non-nullable field {field.description}."
                self.add_error(message, path)
                return _PROPAGATE
            return completed
        if value is None:
            return None
        if type(return_type) is GraphQLObjectType and type(value) is dict:
            shaped = self.shape_object(return_type, field.selection_sets, value, path)
            return None if shaped is _PROPAGATE else shaped
        if isinstance(return_type, GraphQLList):
            return self._complete_list(return_type, field, value, path)
        if isinstance(return_type, GraphQLScalarType | GraphQLEnumType):
            valid = valid_leaf_value(return_type, value)
            hidden = isinstance(return_type, GraphQLEnumType) and isinstance(value, str)
            if valid is None and not hidden:
                self.add_error(f"Invalid value found for field {field.description}.", path)
            return valid
        return self._complete_object(return_type, field, value, path)

    def _complete_list(
        self, return_type: GraphQLList, field: _Field, value: Any, path: ResponsePath
    ) -> list[Any] | None:
        if not isinstance(value, list):
            self.add_error(f"Invalid value found for field {field.description}.", path)
            return None
        items = []
        failed = False
        for index, item in enumerate(value):
            completed = self.complete(return_type.of_type, field, item, (*path, index))
            failed = failed or completed is _PROPAGATE
            items.append(completed)
        return None if failed else items

    def _complete_object(
        self, return_type: Any, field: _Field, value: Any, path: ResponsePath
    ) -> dict[str, Any] | None:
        if not isinstance(value, dict):
            self.add_error(f"Invalid value found for field {field.description}.", path)
            return None
        selection_sets = field.selection_sets
        runtime_type = (
            return_type
            if type(return_type) is GraphQLObjectType
            else self._runtime_type(return_type, value, selection_sets)
        )
        if runtime_type is None:
            typename = value.get("__typename")
            if not isinstance(typename, str) or self.schema.get_type(typename) is not None:
                message = f"Invalid __typename found for object at field {field.description}."
                self.add_error(message, path)
            return None
        shaped = self.shape_object(runtime_type, selection_sets, value, path)
        return None if shaped is _PROPAGATE else shaped  # type: ignore[return-value]

    def _runtime_type(
        self, return_type: Any, value: dict[str, Any], selection_sets: tuple[SelectionSetNode, ...]
    ) -> _ShapeType | None:
        """The type to shape a stored object as.

        The field's object type; for abstract fields the stored ``__typename`` when it names
        an API-schema object type of that abstract type. An object known only as the
        interface itself (``__typename`` missing or the interface name, as an
        ``@interfaceObject`` subgraph answers) is shaped as the interface when the selection
        never needs the concrete type (no ``__typename``, no fragment on another type);
        otherwise it is invalid.
        """
        if is_object_type(return_type):
            return return_type
        typename = value.get("__typename")
        candidate = self.schema.get_type(typename) if isinstance(typename, str) else None
        if isinstance(candidate, GraphQLObjectType) and self.schema.is_sub_type(
            return_type, candidate
        ):
            return candidate
        if (
            isinstance(return_type, GraphQLInterfaceType)
            and typename in (None, return_type.name)
            and not any(self._needs_concrete_type(s, return_type.name) for s in selection_sets)
        ):
            return return_type
        return None

    def _needs_concrete_type(self, selection_set: SelectionSetNode, interface: str) -> bool:
        for selection in selection_set.selections:
            if not self._should_include(selection):
                continue  # an excluded __typename or fragment asks for nothing
            if isinstance(selection, FieldNode):
                if selection.name.value == "__typename":
                    return True
                continue
            if isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                inner = selection.selection_set
            else:
                fragment = self.fragments.get(selection.name.value)  # type: ignore[attr-defined]
                if fragment is None:
                    continue
                condition, inner = fragment.type_condition, fragment.selection_set
            if condition is not None and condition.name.value != interface:
                return True
            if self._needs_concrete_type(inner, interface):
                return True
        return False
