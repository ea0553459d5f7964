"""Query plan interpretation: one function per plan node kind (federation.md 5.1).

The executor keeps one mutable response tree and one error list per request. ``Sequence``
runs its children in order, ``Parallel`` concurrently (a task group); merges happen on the
event loop after each fetch completes, so no locking is needed. The executor interprets the
plan and never plans: it only walks paths, builds representations, sends fetches and merges.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from copy import deepcopy
from dataclasses import dataclass, field, replace
from typing import Any

import httpx
from graphql import GraphQLSchema, is_abstract_type

from ..planner.plan import Condition, Fetch, Flatten, Parallel, PlanNode, QueryPlan, Sequence
from .errors import (
    GraphQLErrorDict,
    ResponsePath,
    error_path,
    http_error,
    malformed_response,
    relay_subgraph_error,
)
from .fetch import SubgraphResponse, send_operation
from .merge import merge_into_targets
from .paths import Target, find_targets
from .representations import apply_rewrites, build_representations

__all__ = ["ExecutionResult", "Subgraphs", "execute_plan"]

_ENTITIES = "_entities"


@dataclass(frozen=True, slots=True)
class Subgraphs:
    """Where and how fetches go: the pooled client, subgraph name -> URL, optional timeout."""

    client: httpx.AsyncClient
    urls: Mapping[str, str]
    timeout: float | None = None


@dataclass(slots=True)
class ExecutionResult:
    """The internal response tree (plan helper fields included) and errors in arrival order."""

    data: dict[str, Any] = field(default_factory=dict)
    errors: list[GraphQLErrorDict] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _Request:
    schema: GraphQLSchema
    subgraphs: Subgraphs
    variables: Mapping[str, Any]
    coerced_variables: Mapping[str, Any]
    headers: Mapping[str, str]
    result: ExecutionResult


async def execute_plan(
    plan: QueryPlan,
    *,
    schema: GraphQLSchema,
    subgraphs: Subgraphs,
    variables: Mapping[str, Any],
    coerced_variables: Mapping[str, Any] | None = None,
    headers: Mapping[str, str] | None = None,
) -> ExecutionResult:
    """Run ``plan`` and return the merged tree with every fetch error, re-pathed.

    ``schema`` is the supergraph schema (type conditions, nullability of key fields);
    ``variables`` are the client-provided values forwarded to fetches (only those each fetch
    uses, omitted when the client omitted them); ``coerced_variables`` (defaults applied)
    decide ``Condition`` nodes; ``headers`` are propagated to every subgraph request. Never
    raises for subgraph or network failures: they become errors in the result.
    """
    request = _Request(
        schema=schema,
        subgraphs=subgraphs,
        variables=variables,
        coerced_variables=variables if coerced_variables is None else coerced_variables,
        headers=headers or {},
        result=ExecutionResult(),
    )
    if plan.node is not None:
        await _execute_node(request, plan.node)
    return request.result


async def _execute_node(request: _Request, node: PlanNode) -> None:
    match node:
        case Sequence():
            for child in node.nodes:
                await _execute_node(request, child)
        case Parallel():
            # Each branch collects its errors apart, so the response lists them in plan
            # order whatever order the fetches complete in; the data tree is shared.
            branches = [
                replace(request, result=ExecutionResult(request.result.data)) for _ in node.nodes
            ]
            async with asyncio.TaskGroup() as group:
                for branch, child in zip(branches, node.nodes, strict=True):
                    group.create_task(_execute_node(branch, child))
            for branch in branches:
                request.result.errors.extend(branch.result.errors)
        case Condition():
            branch = node.if_clause if _truthy(request, node.condition) else node.else_clause
            if branch is not None:
                await _execute_node(request, branch)
        case Flatten():
            await _execute_flatten(request, node)
        case Fetch():
            await _execute_fetch(request, node, [Target(request.result.data, ())])


def _truthy(request: _Request, variable: str) -> bool:
    return request.coerced_variables.get(variable) is True


async def _execute_flatten(request: _Request, node: Flatten) -> None:
    targets = find_targets(request.schema, request.result.data, node.path)
    if not targets:
        return
    if node.node.requires:
        await _execute_entity_fetch(request, node.node, targets, _static_prefix(node.path))
    else:
        await _execute_fetch(request, node.node, targets)


async def _execute_fetch(request: _Request, fetch: Fetch, targets: list[Target]) -> None:
    """A fetch without representations: sent once, its data merged into every target and
    its error paths prefixed with each target's path (the root: no prefix)."""
    response = await _send(request, fetch, {})
    errors = request.result.errors
    if response.failure is not None:
        errors.extend(_with_path(response.failure, t.path or None) for t in targets)
    for error in response.errors:
        relative = error_path(error)
        paths = [None if relative is None else (*t.path, *relative) for t in targets]
        errors.extend(relay_subgraph_error(fetch.service_name, error, paths))
    if response.data is not None:
        apply_rewrites(request.schema, response.data, fetch.output_rewrites)
        merge_into_targets([target.value for target in targets], response.data)


async def _execute_entity_fetch(
    request: _Request, fetch: Fetch, targets: list[Target], fallback_path: ResponsePath
) -> None:
    representations = build_representations(
        request.schema, targets, fetch.requires, fetch.input_rewrites
    )
    if not representations.values:
        return
    variables = {fetch.representations_variable: representations.values}
    response = await _send(request, fetch, variables)
    errors = request.result.errors
    fallback = fallback_path or None
    if response.failure is not None:
        errors.append(_with_path(response.failure, fallback))
    entities = _entities(response, len(representations.values))
    if response.data is not None and entities is None:
        reason = f"_entities is not a list of {len(representations.values)} objects or nulls"
        errors.append(_with_path(malformed_response(fetch.service_name, reason), fallback))
    for error in response.errors:
        paths = _entity_error_paths(error, representations.targets, fallback)
        errors.extend(relay_subgraph_error(fetch.service_name, error, paths))
    for entity, produced_by in zip(entities or (), representations.targets, strict=False):
        if entity is None:
            continue
        if fetch.output_rewrites and _abstract_answer(request.schema, entity):
            _merge_per_target_type(request.schema, fetch, entity, produced_by)
            continue
        apply_rewrites(request.schema, entity, fetch.output_rewrites)
        _drop_abstract_typename(request.schema, entity)
        merge_into_targets([target.value for target in produced_by], entity)


def _abstract_answer(schema: GraphQLSchema, entity: dict[str, Any]) -> bool:
    typename = entity.get("__typename")
    return typename is None or is_abstract_type(schema.get_type(typename))


def _merge_per_target_type(
    schema: GraphQLSchema, fetch: Fetch, entity: dict[str, Any], produced_by: list[Target]
) -> None:
    """An ``@interfaceObject`` answer names no concrete type, but output rewrites may be for
    one (``... on Book``: a field the plan aliased because sibling fragments on other types
    select it with other arguments): apply them as the concrete type of the targets each
    copy merges into."""
    _drop_abstract_typename(schema, entity)
    by_type: dict[Any, list[dict[str, Any]]] = {}
    for target in produced_by:
        by_type.setdefault(target.value.get("__typename"), []).append(target.value)
    last = len(by_type) - 1
    for position, (typename, values) in enumerate(by_type.items()):
        copy = entity if position == last else deepcopy(entity)
        if isinstance(typename, str):
            copy["__typename"] = typename
        apply_rewrites(schema, copy, fetch.output_rewrites)
        copy.pop("__typename", None)
        merge_into_targets(values, copy)


def _drop_abstract_typename(schema: GraphQLSchema, entity: dict[str, Any]) -> None:
    """An ``@interfaceObject`` subgraph answers the interface name as ``__typename``; it
    must not overwrite the concrete type the target already holds (federation.md 4.10)."""
    typename = entity.get("__typename")
    if isinstance(typename, str) and is_abstract_type(schema.get_type(typename)):
        del entity["__typename"]


def _entities(response: SubgraphResponse, expected: int) -> list[dict[str, Any] | None] | None:
    """The ``_entities`` list when it has exactly one object or null per representation."""
    if response.data is None:
        return None
    entities = response.data.get(_ENTITIES)
    if not isinstance(entities, list) or len(entities) != expected:
        return None
    if not all(entity is None or isinstance(entity, dict) for entity in entities):
        return None
    return entities


def _entity_error_paths(
    error: dict[str, Any], targets: list[list[Target]], fallback: ResponsePath | None
) -> list[ResponsePath | None]:
    """``["_entities", i, *rest]`` becomes ``<path of each target of i> + rest``."""
    path = error_path(error)
    if path is None or len(path) < 2 or path[0] != _ENTITIES:
        return [fallback]
    index = path[1]
    if not isinstance(index, int) or not 0 <= index < len(targets):
        return [fallback]
    rest = tuple(path[2:])
    return [(*target.path, *rest) for target in targets[index]]


async def _send(request: _Request, fetch: Fetch, extra: dict[str, Any]) -> SubgraphResponse:
    variables = {
        name: request.variables[name] for name in fetch.variable_usages if name in request.variables
    }
    variables.update(extra)
    body: dict[str, Any] = {"query": fetch.operation, "variables": variables}
    if fetch.operation_name is not None:
        body["operationName"] = fetch.operation_name
    url = request.subgraphs.urls.get(fetch.service_name)
    if url is None:
        reason = "no URL is configured for this subgraph"
        return SubgraphResponse(failure=http_error(fetch.service_name, reason))
    return await send_operation(
        request.subgraphs.client,
        service=fetch.service_name,
        url=url,
        body=body,
        headers=request.headers,
        timeout=request.subgraphs.timeout,
    )


def _static_prefix(path: tuple[str, ...]) -> ResponsePath:
    """The Flatten path up to its first list step (so one failure is reported once)."""
    prefix: list[str] = []
    for step in path:
        if step.startswith("@") or step.startswith("... on "):
            break
        prefix.append(step)
    return tuple(prefix)


def _with_path(error: GraphQLErrorDict, path: ResponsePath | None) -> GraphQLErrorDict:
    if path is None:
        return error
    return {"message": error["message"], "path": list(path), "extensions": error["extensions"]}
