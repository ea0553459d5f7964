"""Rules on field sets: ``@key``, ``@requires`` and ``@provides`` must select existing fields."""

from __future__ import annotations

from gateway.compose.errors import CompositionIssue
from gateway.compose.fieldset import resolve_field_set
from gateway.compose.model import Subgraph, named_type


def _not_external(
    subgraph: Subgraph,
    coordinates: tuple[tuple[str, str], ...],
    parent: str | None,
    directive: str,
) -> list[str]:
    """Federation 2: entity fields a ``@requires`` (on ``parent``) or ``@provides`` selects must
    be ``@external`` in this subgraph (key fields and value-type fields excepted)."""
    if subgraph.is_federation_1:
        return []
    usage_keys = {
        coordinate
        for type_name, sub_type in subgraph.types.items()
        for key in sub_type.keys
        for coordinate in resolve_field_set(subgraph, type_name, key.fields).coordinates
    }
    problems = []
    for type_name, field_name in coordinates:
        sub_type = subgraph.types[type_name]
        if not sub_type.keys or (parent is not None and type_name != parent):
            continue
        if sub_type.fields[field_name].external or (type_name, field_name) in usage_keys:
            continue
        problems.append(
            f'field "{type_name}.{field_name}" should not be part of a {directive} since it is'
            " already resolved by this subgraph (it is not marked @external)"
        )
    return problems


def check_field_sets(subgraph: Subgraph, issues: list[CompositionIssue]) -> None:
    """KEY_INVALID_FIELDS / REQUIRES_INVALID_FIELDS / PROVIDES_INVALID_FIELDS (unknown fields,
    bad syntax, or entity fields not marked ``@external``), plus PROVIDES_ON_NON_OBJECT_FIELD
    when ``@provides`` sits on a field returning a leaf."""
    for type_name, sub_type in subgraph.types.items():
        for key in sub_type.keys:
            report = resolve_field_set(subgraph, type_name, key.fields)
            for problem in report.problems:
                issues.append(
                    CompositionIssue(
                        "KEY_INVALID_FIELDS",
                        f'[{subgraph.name}] On type "{type_name}", for @key(fields: "{key.fields}")'
                        f": {problem}",
                        subgraph=subgraph.name,
                        type_name=type_name,
                    )
                )
        for field_name, sub_field in sub_type.fields.items():
            coordinate = f"{type_name}.{field_name}"
            if sub_field.requires is not None:
                report = resolve_field_set(subgraph, type_name, sub_field.requires)
                problems = list(report.problems) or _not_external(
                    subgraph, report.coordinates, type_name, "@requires"
                )
                for problem in problems:
                    issues.append(
                        CompositionIssue(
                            "REQUIRES_INVALID_FIELDS",
                            f'[{subgraph.name}] On field "{coordinate}", for @requires(fields:'
                            f' "{sub_field.requires}"): {problem}',
                            subgraph=subgraph.name,
                            type_name=type_name,
                            field_name=field_name,
                        )
                    )
            if sub_field.provides is not None:
                target = named_type(sub_field.type)
                target_type = subgraph.types.get(target)
                if target_type is None or target_type.kind not in ("object", "interface", "union"):
                    issues.append(
                        CompositionIssue(
                            "PROVIDES_ON_NON_OBJECT_FIELD",
                            f'[{subgraph.name}] Field "{coordinate}" has @provides but returns'
                            f' "{sub_field.type}", which is not an object, interface or union',
                            subgraph=subgraph.name,
                            type_name=type_name,
                            field_name=field_name,
                        )
                    )
                    continue
                report = resolve_field_set(subgraph, target, sub_field.provides)
                problems = list(report.problems) or _not_external(
                    subgraph, report.coordinates, None, "@provides"
                )
                for problem in problems:
                    issues.append(
                        CompositionIssue(
                            "PROVIDES_INVALID_FIELDS",
                            f'[{subgraph.name}] On field "{coordinate}", for @provides(fields:'
                            f' "{sub_field.provides}"): {problem}',
                            subgraph=subgraph.name,
                            type_name=type_name,
                            field_name=field_name,
                        )
                    )
