"""The whole bank graph on loopback: the sandbox world (`python -m sandbox serve`, its own
process), the four subgraphs (uvicorn, in this process, their bank calls recorded) and a
gateway process (ours, or Hive Gateway) serving schema/supergraph.graphql."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import orjson
import pytest
from fixtures.federation.gateways import HIVE_GATEWAY, GatewayProcess
from fixtures.federation.serving import LoopbackServers, free_port

REPO = Path(__file__).resolve().parents[2]
SUBGRAPH_PORTS = {"accounts": 4001, "payments": 4002, "loans": 4003, "funds": 4004}
BANK_OF = {"accounts": "A", "payments": "B", "loans": "C", "funds": "D"}
# Hive Gateway forwards no client header unless told to: pass the end user's bearer token on.
HIVE_CONFIG = """
export const gatewayConfig = {
  propagateHeaders: {
    fromClientToSubgraphs({ request }) {
      return { authorization: request.headers.get('authorization') ?? '' };
    },
  },
};
"""


class RecordingTransport(httpx.AsyncBaseTransport):
    """Real HTTP to the bank, recording "BANK METHOD path" of every call."""

    def __init__(self, bank: str, log: list[str]) -> None:
        self.inner = httpx.AsyncHTTPTransport()
        self.bank = bank
        self.log = log

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.log.append(f"{self.bank} {request.method} {request.url.path}")
        return await self.inner.handle_async_request(request)


@dataclass
class BankGraph:
    """A running deployment: mint tokens, count bank calls, query through a gateway."""

    issuer: str
    state_dir: Path
    bank_log: list[str]
    supergraph_file: Path
    _provider: Any

    def token(self, customer: str) -> str:
        return self._provider.issue_token(customer)


def _wait_for(url: str, process: subprocess.Popen[bytes], log: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"sandbox exited:\n{log.read_text()[-3000:]}")
        try:
            if httpx.get(url, timeout=2).status_code < 500:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"sandbox not up after {timeout}s:\n{log.read_text()[-3000:]}")


@pytest.fixture(scope="module")
def bankgraph(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BankGraph]:
    from sandbox.credentials import ensure_credentials
    from sandbox.idp import IdpSettings
    from sandbox.idp.provider import IdentityProvider
    from subgraphs.accounts.app import create_app as accounts_app
    from subgraphs.common.settings import SubgraphSettings
    from subgraphs.funds.app import create_app as funds_app
    from subgraphs.loans.app import create_app as loans_app
    from subgraphs.payments.app import create_app as payments_app

    state = tmp_path_factory.mktemp("bankgraph")
    ports = {name: free_port() for name in ("idp", "bank_a", "bank_b", "bank_c", "bank_d")}
    argv = [sys.executable, "-m", "sandbox", "serve", "--state-dir", str(state),
            "--ledger", ":memory:", "--seed", "7"]  # fmt: skip
    for name, port in ports.items():
        argv += [f"--{name.replace('_', '-')}-port", str(port)]
    log_path = state / "sandbox.log"
    with open(log_path, "wb") as log_file:
        sandbox = subprocess.Popen(argv, cwd=REPO, stdout=log_file, stderr=subprocess.STDOUT)
    try:
        issuer = f"http://127.0.0.1:{ports['idp']}"
        _wait_for(f"{issuer}/.well-known/openid-configuration", sandbox, log_path)
        credentials = ensure_credentials(state)
        provider = IdentityProvider(
            IdpSettings(issuer, credentials.idp), lambda c: c.title(), lambda: datetime.now(UTC)
        )
        env = {
            "BANKGRAPH_IDP_URL": issuer,
            "BANKGRAPH_CREDENTIALS_DIR": str(state / "credentials"),
            **{
                f"BANKGRAPH_BANK_{bank[-1].upper()}_URL": f"http://127.0.0.1:{port}"
                for bank, port in ports.items()
                if bank.startswith("bank_")
            },
        }
        bank_log: list[str] = []
        factories = {"accounts": accounts_app, "payments": payments_app,
                     "loans": loans_app, "funds": funds_app}  # fmt: skip
        apps = {
            name: factory(
                SubgraphSettings.from_mapping(name, env),
                bank_transport=RecordingTransport(BANK_OF[name], bank_log),
            )
            for name, factory in factories.items()
        }
        with LoopbackServers(apps) as urls:
            supergraph = (REPO / "schema" / "supergraph.graphql").read_text()
            for name, port in SUBGRAPH_PORTS.items():
                supergraph = supergraph.replace(f"http://127.0.0.1:{port}/graphql", urls[name])
            supergraph_file = state / "supergraph.graphql"
            supergraph_file.write_text(supergraph)
            yield BankGraph(issuer, state, bank_log, supergraph_file, provider)
    finally:
        sandbox.terminate()
        try:
            sandbox.wait(timeout=10)
        except subprocess.TimeoutExpired:
            sandbox.kill()


class Gateway:
    """A gateway process plus an authenticated POST helper."""

    def __init__(self, process: GatewayProcess) -> None:
        self.process = process
        self.http = httpx.Client(timeout=60)

    def query(self, document: str, variables: dict[str, Any] | None = None,
              token: str | None = None) -> dict[str, Any]:  # fmt: skip
        headers = {"content-type": "application/json", "accept": "application/json"}
        if token:
            headers["authorization"] = f"Bearer {token}"
        body = orjson.dumps({"query": document, "variables": variables or {}})
        response = self.http.post(self.process.graphql_url, content=body, headers=headers)
        return orjson.loads(response.content)


def _gateway_env() -> dict[str, str]:
    return {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("HIVE_", "APOLLO_", "OTEL_", "OPENTELEMETRY"))
    }


@pytest.fixture(scope="module")
def our_gateway(bankgraph: BankGraph) -> Iterator[Gateway]:
    port = free_port()
    argv = [sys.executable, "-m", "gateway", "serve", "--supergraph",
            str(bankgraph.supergraph_file), "--host", "127.0.0.1", "--port", str(port)]  # fmt: skip
    env = _gateway_env() | {
        "BANKGRAPH_GATEWAY_JWKS_URL": f"{bankgraph.issuer}/jwks.json",
        "BANKGRAPH_GATEWAY_JWT_ISSUER": bankgraph.issuer,
        "BANKGRAPH_GATEWAY_JWT_AUDIENCES": "bankgraph",
    }
    with GatewayProcess(argv, port=port, health_path="/health", env=env) as process:
        yield Gateway(process)


@pytest.fixture(scope="module")
def hive(bankgraph: BankGraph) -> Iterator[Gateway]:
    if not HIVE_GATEWAY.exists():
        pytest.skip("tools/node/node_modules absent (make test installs Hive Gateway)")
    config = bankgraph.state_dir / "gateway.mjs"
    config.write_text(HIVE_CONFIG)
    port = free_port()
    env = _gateway_env() | {"NODE_ENV": "production"}
    argv = [str(HIVE_GATEWAY), "--config-path", str(config), "supergraph",
            str(bankgraph.supergraph_file), "--host", "127.0.0.1", "--port", str(port),
            "--no-masked-errors", "--disable-websockets"]  # fmt: skip
    with GatewayProcess(argv, port=port, health_path="/healthcheck", env=env) as process:
        yield Gateway(process)
