"""Rule on type references: every type a subgraph mentions must exist in that subgraph."""

from __future__ import annotations

from collections.abc import Iterator

from gateway.compose.errors import CompositionIssue
from gateway.compose.model import Subgraph, SubType, named_type

BUILTIN_SCALARS = frozenset({"String", "Int", "Float", "Boolean", "ID"})


def _references(sub_type: SubType) -> Iterator[tuple[str, str | None, str]]:
    """(referenced type, field name or None, how it is referenced)."""
    for interface in sub_type.interfaces:
        yield interface, None, "implements"
    for member in sub_type.members:
        yield member, None, "union member"
    for field in sub_type.fields.values():
        yield named_type(field.type), field.name, "field type"
        for argument in field.args.values():
            yield named_type(argument.type), field.name, f"argument {argument.name}"


def check_known_types(subgraph: Subgraph, issues: list[CompositionIssue]) -> None:
    """UNKNOWN_TYPE: a field, argument, interface or union member names a type the subgraph
    does not define."""
    for type_name, sub_type in subgraph.types.items():
        for referenced, field_name, role in _references(sub_type):
            if referenced in subgraph.types or referenced in BUILTIN_SCALARS:
                continue
            where = f"{type_name}.{field_name}" if field_name else type_name
            issues.append(
                CompositionIssue(
                    "UNKNOWN_TYPE",
                    f'[{subgraph.name}] Unknown type "{referenced}" ({role} of "{where}")',
                    subgraph=subgraph.name,
                    type_name=type_name,
                    field_name=field_name,
                )
            )
