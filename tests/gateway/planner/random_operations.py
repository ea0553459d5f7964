"""Random valid operations over an API schema (fields, aliases, fragments on abstract types,
variable conditions), for property tests of the planner."""

from __future__ import annotations

import random

from graphql import (
    GraphQLEnumType,
    GraphQLField,
    GraphQLInputType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLScalarType,
    GraphQLSchema,
    Undefined,
    get_named_type,
    is_abstract_type,
    is_composite_type,
    is_non_null_type,
)

__all__ = ["random_operation"]


def random_operation(schema: GraphQLSchema, rng: random.Random, *, depth: int = 4) -> str:
    """A query over ``schema`` (declaring ``$flag: Boolean!`` when a condition uses it); may be
    invalid only through overlapping aliases, which callers filter out by validating."""
    assert schema.query_type is not None
    body = _selection(schema, schema.query_type, rng, depth, root=True)
    variables = "($flag: Boolean!)" if "$flag" in body else ""
    return f"query Random{variables} {body}"


def _selection(
    schema: GraphQLSchema, parent: object, rng: random.Random, depth: int, *, root: bool = False
) -> str:
    parts: list[str] = []
    if is_abstract_type(parent):
        possible = list(schema.get_possible_types(parent))  # type: ignore[arg-type]
        fields = getattr(parent, "fields", {})
        if fields and rng.random() < 0.7:
            parts.extend(_fields(schema, fields, rng, depth, 2))
        for object_type in rng.sample(possible, k=min(len(possible), rng.randint(1, 3))):
            inner = _fields(schema, object_type.fields, rng, depth, 3)
            parts.append(f"... on {object_type.name} {{ {' '.join(inner)} }}")
        if rng.random() < 0.5:
            parts.append("__typename")
    else:
        assert isinstance(parent, GraphQLObjectType)
        parts.extend(_fields(schema, parent.fields, rng, depth, 4))
        if not root and rng.random() < 0.2:
            parts.append("__typename")
        if rng.random() < 0.15:
            inner = _fields(schema, parent.fields, rng, depth, 2)
            directive = rng.choice(["@include(if: $flag)", "@skip(if: $flag)"])
            parts.append(f"... {directive} {{ {' '.join(inner)} }}")
    return "{ " + " ".join(parts or ["__typename"]) + " }"


def _fields(
    schema: GraphQLSchema,
    fields: dict[str, GraphQLField],
    rng: random.Random,
    depth: int,
    most: int,
) -> list[str]:
    names = [name for name, field in fields.items() if _arguments(field) is not None]
    chosen = rng.sample(names, k=min(len(names), rng.randint(1, most))) if names else []
    parts = []
    for name in chosen:
        field = fields[name]
        named = get_named_type(field.type)
        if is_composite_type(named) and depth <= 0:
            continue
        text = name + (_arguments(field) or "")
        if rng.random() < 0.1:
            text = f"{name}Alias{rng.randint(0, 9)}: {text}"
        if rng.random() < 0.1:
            text += rng.choice([" @include(if: $flag)", " @skip(if: $flag)"])
        if is_composite_type(named):
            text += " " + _selection(schema, named, rng, depth - 1)
        parts.append(text)
    return parts or ["__typename"]


def _arguments(field: GraphQLField) -> str | None:
    """Literal values for required arguments; ``None`` when one cannot be made up."""
    values = []
    for name, argument in field.args.items():
        if not is_non_null_type(argument.type) or argument.default_value is not Undefined:
            continue
        literal = _literal(argument.type)
        if literal is None:
            return None
        values.append(f"{name}: {literal}")
    return f"({', '.join(values)})" if values else ""


def _literal(type_: GraphQLInputType) -> str | None:
    if isinstance(type_, GraphQLNonNull):
        return _literal(type_.of_type)
    if isinstance(type_, GraphQLList):
        inner = _literal(type_.of_type)
        return None if inner is None else f"[{inner}]"
    if isinstance(type_, GraphQLEnumType):
        return next(iter(type_.values))
    if isinstance(type_, GraphQLScalarType):
        return {"Int": "1", "Float": "1.5", "Boolean": "true"}.get(type_.name, '"1"')
    return None
