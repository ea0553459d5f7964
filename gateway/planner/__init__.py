"""Query planning: (operation, operation name, supergraph) -> immutable plan. Pure, no I/O."""
