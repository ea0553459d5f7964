"""Where each part of the local bank graph runs and how the parts find each other.

One place decides the ports and wiring that docs/sandbox-world.md fixes as defaults (shifted by
``port_offset`` so a second stack, e.g. a test's, can run beside the first) and turns them into
components for the supervisor: the sandbox world, the four subgraphs, the gateway.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bankgraph.stack import Component

__all__ = [
    "DEMO_CUSTOMERS",
    "EXAMPLES",
    "SANDBOX_PORTS",
    "SUBGRAPH_PORTS",
    "Topology",
    "gateway_component",
    "sandbox_component",
    "subgraph_components",
]

SANDBOX_PORTS = {"idp": 9000, "bank_a": 9001, "bank_b": 9002, "bank_c": 9003, "bank_d": 9004}
SUBGRAPH_PORTS = {"accounts": 4001, "payments": 4002, "loans": 4003, "funds": 4004}
DEMO_CUSTOMERS = ("alice", "bo", "chen", "heavy")
_BANK_OF = {"accounts": "A", "payments": "B", "loans": "C", "funds": "D"}

_ROOT = Path(__file__).resolve().parent.parent
SUPERGRAPH = _ROOT / "schema" / "supergraph.graphql"
GATEWAY_CONFIG = _ROOT / "config" / "gateway.dev.yaml"
EXAMPLES = _ROOT / "examples"


@dataclass(frozen=True, slots=True)
class Topology:
    host: str
    gateway_port: int
    state_dir: Path
    port_offset: int = 0

    def url(self, port: int) -> str:
        return f"http://{self.host}:{port}"

    def sandbox_port(self, name: str) -> int:
        return SANDBOX_PORTS[name] + self.port_offset

    def subgraph_port(self, name: str) -> int:
        return SUBGRAPH_PORTS[name] + self.port_offset

    @property
    def idp_url(self) -> str:
        return self.url(self.sandbox_port("idp"))

    @property
    def graphiql_url(self) -> str:
        return f"{self.url(self.gateway_port)}/graphql"

    @property
    def sandbox_state_dir(self) -> Path:
        return self.state_dir / "sandbox"

    def token_command(self, python: str, customer: str) -> list[str]:
        """Prints a demo customer's bearer token signed by this stack's identity provider."""
        return [
            python,
            "-m",
            "sandbox",
            "token",
            customer,
            "--state-dir",
            str(self.sandbox_state_dir),
            "--host",
            self.host,
            "--idp-port",
            str(self.sandbox_port("idp")),
        ]

    def ready_line(self) -> str:
        return (
            f"bankgraph ready: GraphiQL at {self.graphiql_url} (signed in as alice) | "
            f"other customers' tokens: .venv/bin/bankgraph-sandbox token "
            f"{{{','.join(DEMO_CUSTOMERS)}}} --state-dir {self.sandbox_state_dir} | "
            f"Ctrl-C stops everything"
        )


def sandbox_component(topology: Topology, python: str) -> Component:
    env = {
        "BANKGRAPH_SANDBOX_HOST": topology.host,
        "BANKGRAPH_SANDBOX_STATE_DIR": str(topology.sandbox_state_dir),
    }
    for name in SANDBOX_PORTS:
        env[f"BANKGRAPH_SANDBOX_{name.upper()}_PORT"] = str(topology.sandbox_port(name))
    banks = [name for name in SANDBOX_PORTS if name != "idp"]
    return Component(
        name="sandbox",
        argv=[python, "-m", "sandbox", "serve"],
        health_urls=[f"{topology.idp_url}/.well-known/openid-configuration"]
        + [f"tcp://{topology.host}:{topology.sandbox_port(name)}" for name in banks],
        ports=[topology.sandbox_port(name) for name in SANDBOX_PORTS],
        env=env,
    )


def subgraph_components(topology: Topology, python: str) -> list[Component]:
    return [_subgraph(topology, python, name) for name in SUBGRAPH_PORTS]


def _subgraph(topology: Topology, python: str, name: str) -> Component:
    port = topology.subgraph_port(name)
    bank = _BANK_OF[name]
    env = {
        f"BANKGRAPH_{name.upper()}_HOST": topology.host,
        f"BANKGRAPH_{name.upper()}_PORT": str(port),
        f"BANKGRAPH_BANK_{bank}_URL": topology.url(topology.sandbox_port(f"bank_{bank.lower()}")),
        "BANKGRAPH_IDP_URL": topology.idp_url,
        "BANKGRAPH_CREDENTIALS_DIR": str(topology.sandbox_state_dir / "credentials"),
    }
    return Component(
        name=name,
        argv=[python, "-m", f"subgraphs.{name}"],
        health_urls=[f"{topology.url(port)}/health"],
        ports=[port],
        env=env,
    )


def gateway_component(
    topology: Topology, python: str, graphiql_token: str | None = None
) -> Component:
    """The gateway on ``schema/supergraph.graphql``, wired to this stack's IdP and subgraphs.

    ``graphiql_token`` pre-fills GraphiQL's Authorization header (development only).
    """
    urls = ",".join(
        f"{name}={topology.url(topology.subgraph_port(name))}/graphql" for name in SUBGRAPH_PORTS
    )
    env = {
        "BANKGRAPH_GATEWAY_JWKS_URL": f"{topology.idp_url}/jwks.json",
        "BANKGRAPH_GATEWAY_JWT_ISSUER": topology.idp_url,
        "BANKGRAPH_GATEWAY_SUBGRAPH_URLS": urls,
        "BANKGRAPH_GATEWAY_GRAPHIQL_EXAMPLES_DIR": str(EXAMPLES),
    }
    if graphiql_token:
        env["BANKGRAPH_GATEWAY_GRAPHIQL_HEADERS"] = f"Authorization=Bearer {graphiql_token}"
    argv: Sequence[str] = [
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
    ]
    return Component(
        name="gateway",
        argv=argv,
        health_urls=[f"{topology.url(topology.gateway_port)}/health"],
        ports=[topology.gateway_port],
        env=env,
    )
