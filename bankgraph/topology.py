"""Where each part of the local bank graph runs and how the parts find each other.

One place decides the ports and wiring that docs/sandbox-world.md fixes as defaults, and turns
them into supervisor waves: the sandbox world first, then the subgraphs, then the gateway.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bankgraph.stack import Component

__all__ = ["SANDBOX_PORTS", "SUBGRAPH_PORTS", "Topology", "build_waves"]

SANDBOX_PORTS = {"idp": 9000, "bank_a": 9001, "bank_b": 9002, "bank_c": 9003, "bank_d": 9004}
SUBGRAPH_PORTS = {"accounts": 4001, "payments": 4002, "loans": 4003, "funds": 4004}
_BANK_OF = {"accounts": "A", "payments": "B", "loans": "C", "funds": "D"}

_ROOT = Path(__file__).resolve().parent.parent
SUPERGRAPH = _ROOT / "schema" / "supergraph.graphql"
GATEWAY_CONFIG = _ROOT / "config" / "gateway.dev.yaml"


@dataclass(frozen=True, slots=True)
class Topology:
    host: str
    gateway_port: int
    state_dir: Path

    def url(self, port: int) -> str:
        return f"http://{self.host}:{port}"

    @property
    def graphiql_url(self) -> str:
        return f"{self.url(self.gateway_port)}/graphql"

    @property
    def sandbox_state_dir(self) -> Path:
        return self.state_dir / "sandbox"

    def ready_line(self) -> str:
        return (
            f"bankgraph ready: GraphiQL at {self.graphiql_url} | demo token: "
            f".venv/bin/bankgraph-sandbox token alice (customers: alice bo chen heavy) | "
            f"Ctrl-C stops everything"
        )


def build_waves(topology: Topology, python: str) -> list[list[Component]]:
    """The components in start order; each wave must be healthy before the next starts."""
    return [
        [_sandbox(topology, python)],
        [_subgraph(topology, python, name) for name in SUBGRAPH_PORTS],
        [_gateway(topology, python)],
    ]


def _sandbox_env(topology: Topology) -> dict[str, str]:
    env = {
        "BANKGRAPH_SANDBOX_HOST": topology.host,
        "BANKGRAPH_SANDBOX_STATE_DIR": str(topology.sandbox_state_dir),
    }
    for name, port in SANDBOX_PORTS.items():
        env[f"BANKGRAPH_SANDBOX_{name.upper()}_PORT"] = str(port)
    return env


def _sandbox(topology: Topology, python: str) -> Component:
    idp = topology.url(SANDBOX_PORTS["idp"])
    return Component(
        name="sandbox",
        argv=[python, "-m", "sandbox", "serve"],
        health_urls=[f"{idp}/.well-known/openid-configuration"]
        + [f"tcp://{topology.host}:{port}" for port in list(SANDBOX_PORTS.values())[1:]],
        ports=list(SANDBOX_PORTS.values()),
        env=_sandbox_env(topology),
    )


def _subgraph(topology: Topology, python: str, name: str) -> Component:
    port = SUBGRAPH_PORTS[name]
    bank = _BANK_OF[name]
    env = {
        f"BANKGRAPH_{name.upper()}_HOST": topology.host,
        f"BANKGRAPH_{name.upper()}_PORT": str(port),
        f"BANKGRAPH_BANK_{bank}_URL": topology.url(SANDBOX_PORTS[f"bank_{bank.lower()}"]),
        "BANKGRAPH_IDP_URL": topology.url(SANDBOX_PORTS["idp"]),
        "BANKGRAPH_CREDENTIALS_DIR": str(topology.sandbox_state_dir / "credentials"),
    }
    return Component(
        name=name,
        argv=[python, "-m", f"subgraphs.{name}"],
        health_urls=[f"{topology.url(port)}/health"],
        ports=[port],
        env=env,
    )


def _gateway(topology: Topology, python: str) -> Component:
    return Component(
        name="gateway",
        argv=[
            python,
            "-m",
            "gateway",
            "serve",
            "--supergraph",
            str(SUPERGRAPH),
            "--config",
            str(GATEWAY_CONFIG),
            "--host",
            topology.host,
            "--port",
            str(topology.gateway_port),
        ],
        health_urls=[f"{topology.url(topology.gateway_port)}/health"],
        ports=[topology.gateway_port],
    )
