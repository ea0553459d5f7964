"""Where each subgraph uses its fields: in keys, ``@requires``, ``@provides``; and which named
types appear in input and output positions (enum merge strategy)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from gateway.compose.fieldset import resolve_field_set
from gateway.compose.model import Subgraph, named_type

Coordinate = tuple[str, str]


@dataclass(slots=True)
class FieldUsage:
    """Per subgraph name: coordinates selected by keys, requires and provides."""

    key: dict[str, set[Coordinate]] = field(default_factory=dict)
    required: dict[str, set[Coordinate]] = field(default_factory=dict)
    provided: dict[str, set[Coordinate]] = field(default_factory=dict)
    input_types: set[str] = field(default_factory=set)
    output_types: set[str] = field(default_factory=set)

    @classmethod
    def collect(cls, subgraphs: Sequence[Subgraph]) -> FieldUsage:
        usage = cls()
        for subgraph in subgraphs:
            key = usage.key.setdefault(subgraph.name, set())
            required = usage.required.setdefault(subgraph.name, set())
            provided = usage.provided.setdefault(subgraph.name, set())
            for type_name, sub_type in subgraph.types.items():
                for k in sub_type.keys:
                    key.update(resolve_field_set(subgraph, type_name, k.fields).coordinates)
                for sub_field in sub_type.fields.values():
                    target = named_type(sub_field.type)
                    if sub_type.kind == "input":
                        usage.input_types.add(target)
                    else:
                        usage.output_types.add(target)
                    usage.input_types.update(named_type(a.type) for a in sub_field.args.values())
                    if sub_field.requires:
                        report = resolve_field_set(subgraph, type_name, sub_field.requires)
                        required.update(report.coordinates)
                    if sub_field.provides:
                        report = resolve_field_set(subgraph, target, sub_field.provides)
                        provided.update(report.coordinates)
        return usage

    def is_key(self, graph: str, type_name: str, field_name: str) -> bool:
        return (type_name, field_name) in self.key.get(graph, ())

    def is_required(self, graph: str, type_name: str, field_name: str) -> bool:
        return (type_name, field_name) in self.required.get(graph, ())

    def is_provided(self, graph: str, type_name: str, field_name: str) -> bool:
        return (type_name, field_name) in self.provided.get(graph, ())
