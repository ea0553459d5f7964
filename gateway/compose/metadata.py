"""Merging directive-derived metadata of one element across subgraphs."""

from __future__ import annotations

from collections.abc import Iterable

from graphql import print_ast

from gateway.compose.model import Metadata


def merge_requirements(a: list[list[str]], b: list[list[str]]) -> list[list[str]]:
    """AND of two OR-of-AND requirement lists (``@requiresScopes``/``@policy``), minimised.

    Each alternative of the result is the union of one alternative of ``a`` and one of ``b``;
    alternatives that contain another alternative are dropped; the result is sorted.
    """
    if not a or not b:
        return [list(group) for group in (a or b)]
    candidates = {tuple(sorted(set(x) | set(y))) for x in a for y in b}
    ordered = sorted(candidates, key=lambda group: (len(group), ",".join(group)))
    kept: list[tuple[str, ...]] = []
    for candidate in ordered:
        if not any(set(existing) <= set(candidate) for existing in kept):
            kept.append(candidate)
    return [list(group) for group in kept]


def merge_metadata(metas: Iterable[Metadata]) -> Metadata:
    """Fold metadata in subgraph order: first description and deprecation win, flags OR, tags
    union, requirements AND, cost max, kept directives deduplicated by their printed form."""
    merged = Metadata()
    seen_kept: set[str] = set()
    for meta in metas:
        if merged.description is None and meta.description:
            merged.description = meta.description
        merged.inaccessible = merged.inaccessible or meta.inaccessible
        merged.authenticated = merged.authenticated or meta.authenticated
        merged.tags.extend(tag for tag in meta.tags if tag not in merged.tags)
        if meta.scopes:
            merged.scopes = merge_requirements(merged.scopes, meta.scopes)
        if meta.policies:
            merged.policies = merge_requirements(merged.policies, meta.policies)
        if meta.cost is not None:
            merged.cost = meta.cost if merged.cost is None else max(merged.cost, meta.cost)
        if merged.list_size is None:
            merged.list_size = meta.list_size
        if merged.deprecated is None:
            merged.deprecated = meta.deprecated
        for directive in meta.kept:
            key = print_ast(directive)
            if key not in seen_kept:
                seen_kept.add(key)
                merged.kept.append(directive)
    return merged
