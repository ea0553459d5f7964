"""Audit suites through our gateway's engine, in process: each suite's subgraphs are ASGI apps
mounted on an ``httpx.AsyncClient`` at their placeholder URLs (the checked-in supergraphs keep
those URLs), so no port is opened. Subgraph apps and the loaded supergraph are built once per
suite per test module; each case gets a fresh engine."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from fixtures.federation.fixture import placeholder_url
from fixtures.federation.subgraph import SubgraphApp

from gateway.edge.auth import ANONYMOUS, Identity
from gateway.edge.authorizer import DirectiveAuthorizer
from gateway.engine import Engine, EngineOptions, GraphQLRequest, RequestContext
from gateway.supergraph import Supergraph, load_supergraph

from .suite import AuditCase, AuditSuite
from .suites import load_suite

RunAuditCase = Callable[[str, str, AuditCase], Awaitable[dict[str, Any]]]


@dataclass(frozen=True)
class LoadedSuite:
    suite: AuditSuite
    apps: dict[str, SubgraphApp]
    supergraph: Supergraph

    def reset(self) -> None:
        for app in self.apps.values():
            app.reset()
        if self.suite.reset is not None:
            self.suite.reset()

    def client(self) -> httpx.AsyncClient:
        mounts = {
            placeholder_url(name).removesuffix("/graphql"): httpx.ASGITransport(app)
            for name, app in self.apps.items()
        }
        return httpx.AsyncClient(mounts=mounts, timeout=10.0)


@pytest.fixture(scope="module")
def loaded_suites() -> Callable[[str, str], LoadedSuite]:
    """``get(name, composer)``: the suite's apps and the supergraph ``composer`` built,
    loaded on first use in the module."""
    loaded: dict[tuple[str, str], LoadedSuite] = {}

    def get(name: str, composer: str) -> LoadedSuite:
        if (name, composer) not in loaded:
            suite = load_suite(name)
            loaded[name, composer] = LoadedSuite(
                suite,
                {spec.name: SubgraphApp(spec) for spec in suite.subgraphs},
                load_supergraph(suite.supergraph_sdl(composer)),
            )
        return loaded[name, composer]

    return get


@pytest.fixture
def run_audit_case(loaded_suites: Callable[[str, str], LoadedSuite]) -> RunAuditCase:
    """``await run_audit_case(suite_name, composer, case)``: the response body from a fresh
    engine (with the edge's directive authorizer, the caller given by ``case.scopes``)."""

    async def run(name: str, composer: str, case: AuditCase) -> dict[str, Any]:
        loaded = loaded_suites(name, composer)
        loaded.reset()
        identity = ANONYMOUS
        if case.scopes is not None:
            identity = Identity(subject="12345", scopes=case.scopes, token="audit-token")
        context = RequestContext(identity=identity, scopes=identity.scopes, request_id="audit")
        options = EngineOptions(authorizer=DirectiveAuthorizer())
        async with loaded.client() as client:
            engine = Engine(loaded.supergraph, client, options)
            request = GraphQLRequest(case.query, None, case.variables)
            return await engine.run(request, context)

    return run
