"""Rules on ``@external``: every external field must be used, and defined somewhere for real."""

from __future__ import annotations

from collections.abc import Sequence

from gateway.compose.errors import CompositionIssue
from gateway.compose.model import ROOT_TYPES, Subgraph
from gateway.compose.usage import FieldUsage


def _interface_fields(subgraph: Subgraph, type_name: str) -> set[str]:
    names: set[str] = set()
    for interface in subgraph.types[type_name].interfaces:
        interface_type = subgraph.types.get(interface)
        if interface_type is not None:
            names.update(interface_type.fields)
    return names


def check_external_unused(
    subgraphs: Sequence[Subgraph], usage: FieldUsage, issues: list[CompositionIssue]
) -> None:
    """EXTERNAL_UNUSED: a Federation 2 ``@external`` field that no key, ``@requires``,
    ``@provides`` or implemented interface of its subgraph uses. (Federation 1 subgraphs drop
    such fields silently, as the reference composers do.)"""
    for subgraph in subgraphs:
        if subgraph.is_federation_1:
            continue
        for type_name, sub_type in subgraph.types.items():
            if sub_type.kind != "object":
                continue
            interface_fields = _interface_fields(subgraph, type_name)
            for field_name, sub_field in sub_type.fields.items():
                if not sub_field.external or field_name in interface_fields:
                    continue
                if (
                    usage.is_key(subgraph.name, type_name, field_name)
                    or usage.is_required(subgraph.name, type_name, field_name)
                    or usage.is_provided(subgraph.name, type_name, field_name)
                ):
                    continue
                issues.append(
                    CompositionIssue(
                        "EXTERNAL_UNUSED",
                        f'[{subgraph.name}] Field "{type_name}.{field_name}" is marked @external'
                        " but is not used by any @key, @requires or @provides of that subgraph,"
                        " nor by an interface it implements",
                        subgraph=subgraph.name,
                        type_name=type_name,
                        field_name=field_name,
                    )
                )


def check_external_missing_on_base(
    subgraphs: Sequence[Subgraph], usage: FieldUsage, issues: list[CompositionIssue]
) -> None:
    """EXTERNAL_MISSING_ON_BASE: an ``@external`` field that no subgraph defines without
    ``@external`` (nobody can resolve it). Root fields are left to ROOT_FIELD_UNRESOLVABLE."""
    resolvable: set[tuple[str, str]] = set()
    for subgraph in subgraphs:
        for type_name, sub_type in subgraph.types.items():
            for field_name, sub_field in sub_type.fields.items():
                fake = (
                    sub_field.external
                    and sub_type.extension
                    and usage.is_key(subgraph.name, type_name, field_name)
                )
                if not sub_field.external or fake:
                    resolvable.add((type_name, field_name))
    for subgraph in subgraphs:
        for type_name, sub_type in subgraph.types.items():
            if type_name in ROOT_TYPES:
                continue
            for field_name, sub_field in sub_type.fields.items():
                if sub_field.external and (type_name, field_name) not in resolvable:
                    issues.append(
                        CompositionIssue(
                            "EXTERNAL_MISSING_ON_BASE",
                            f'[{subgraph.name}] Field "{type_name}.{field_name}" is marked'
                            " @external but is not defined (without @external) in any other"
                            " subgraph",
                            subgraph=subgraph.name,
                            type_name=type_name,
                            field_name=field_name,
                        )
                    )
