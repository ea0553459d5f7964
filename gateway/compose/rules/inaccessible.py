"""Rule on ``@inaccessible``: the API schema must not reference a removed type."""

from __future__ import annotations

from gateway.compose.errors import CompositionIssue
from gateway.compose.model import named_type
from gateway.compose.supermodel import MergedSchema


def check_inaccessible_references(merged: MergedSchema, issues: list[CompositionIssue]) -> None:
    """REFERENCED_INACCESSIBLE: an accessible field or argument whose type is @inaccessible.
    (``@inaccessible`` does not cascade, so such a supergraph could not be served.)"""
    hidden = {name for name, t in merged.types.items() if t.meta.inaccessible}
    for type_name, merged_type in merged.types.items():
        if merged_type.meta.inaccessible:
            continue
        for field_name, field in merged_type.fields.items():
            if field.meta.inaccessible:
                continue
            references = [(named_type(field.type), f"{type_name}.{field_name}")]
            references += [
                (named_type(a.type), f"{type_name}.{field_name}({a.name}:)")
                for a in field.args.values()
                if not a.meta.inaccessible
            ]
            for target, coordinate in references:
                if target in hidden:
                    issues.append(
                        CompositionIssue(
                            "REFERENCED_INACCESSIBLE",
                            f'Type "{target}" is @inaccessible but is referenced by'
                            f' "{coordinate}", which is in the API schema',
                            type_name=type_name,
                            field_name=field_name,
                        )
                    )
