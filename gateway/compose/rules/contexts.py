"""Rules on ``@context``/``@fromContext`` (federation 2.8) within one subgraph."""

from __future__ import annotations

from gateway.compose.errors import CompositionIssue
from gateway.compose.model import Subgraph


def check_contexts(subgraph: Subgraph, issues: list[CompositionIssue]) -> None:
    """CONTEXT_NAME_INVALID: a context name with an underscore (the supergraph prefixes names
    with ``<subgraph>__``). CONTEXT_NOT_SET: ``@fromContext`` naming a context no type of the
    subgraph sets."""
    contexts = {c for sub_type in subgraph.types.values() for c in sub_type.contexts}
    for type_name, sub_type in subgraph.types.items():
        for context in sub_type.contexts:
            if "_" in context:
                issues.append(
                    CompositionIssue(
                        "CONTEXT_NAME_INVALID",
                        f'[{subgraph.name}] Context name "{context}" on type "{type_name}" may'
                        " not contain an underscore",
                        subgraph=subgraph.name,
                        type_name=type_name,
                    )
                )
        for field_name, sub_field in sub_type.fields.items():
            for argument in sub_field.args.values():
                source = argument.from_context
                if source is not None and source.context not in contexts:
                    issues.append(
                        CompositionIssue(
                            "CONTEXT_NOT_SET",
                            f'[{subgraph.name}] Argument "{type_name}.{field_name}'
                            f'({argument.name}:)" takes its value from context'
                            f' "{source.context}", which no type of the subgraph sets',
                            subgraph=subgraph.name,
                            type_name=type_name,
                            field_name=field_name,
                        )
                    )
