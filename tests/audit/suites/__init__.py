"""One module per reproduced audit suite, each exposing ``build() -> AuditSuite``."""

from __future__ import annotations

from importlib import import_module

from ..suite import AuditSuite

__all__ = ["SUITE_NAMES", "load_suite"]

SUITE_NAMES: tuple[str, ...] = (
    "requires-with-fragments",
    "requires-requires",
    "nested-requires",
    "requires-interface",
    "simple-requires-provides",
    "requires-with-argument",
    "provides-on-interface",
    "provides-on-union",
    "nested-provides",
    "complex-entity-call",
    "keys-mashup",
    "null-keys",
    "mutations",
    "shared-root",
    "union-intersection",
    "abstract-types",
    "interface-object-with-requires",
    "simple-interface-object",
    "non-resolvable-interface-object",
    "include-skip",
    "typename",
    "simple-override",
    "override-type-interface",
    "override-with-requires",
    "unavailable-override",
    "enum-intersection",
    "input-object-intersection",
    "child-type-mismatch",
    "circular-reference-interface",
    "corrupted-supergraph-node-id",
    "parent-entity-call",
    "simple-entity-call",
    "simple-inaccessible",
    "fed1-external-extends",
    "fed2-external-extends",
    "fed1-external-extension",
    "fed2-external-extension",
    "fed1-external-extends-resolvable",
    "node",
    "requires-circular",
    "requires-with-argument-conflict",
    "mysterious-external",
    "provides-only-requested-fields",
    "union-interface-distributed",
    "parent-entity-call-complex",
    "interface-object-indirect-extension",
    "partial-union",
    "partial-union-complex",
    "executable-directive-definition-default-arguments",
    "authenticated-and-scopes",
)


def load_suite(name: str) -> AuditSuite:
    """A fresh ``AuditSuite`` (fresh mutable data) for the audit suite called ``name``."""
    if name not in SUITE_NAMES:
        raise KeyError(f"unknown audit suite {name!r}")
    module = import_module(f"{__name__}.{name.replace('-', '_')}")
    return module.build()
