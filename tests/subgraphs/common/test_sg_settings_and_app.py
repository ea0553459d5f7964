"""Subgraph settings from a mapping, secrets hidden, and the served process: /health and
GraphQL over a real socket (`python -m subgraphs.<name>`)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from subgraphs.common.settings import Secret, SubgraphSettings

REPO = Path(__file__).resolve().parents[3]


def test_settings_defaults_and_overrides(tmp_path: Path) -> None:
    default = SubgraphSettings.from_mapping("loans", {})
    assert (default.port, default.bank, default.bank_url) == (4003, "C", "http://127.0.0.1:9003")
    assert default.audience == "bankgraph" and default.idp_issuer == "http://127.0.0.1:9000"
    custom = SubgraphSettings.from_mapping(
        "funds",
        {"BANKGRAPH_FUNDS_PORT": "5004", "BANKGRAPH_BANK_D_URL": "http://d.test/",
         "BANKGRAPH_IDP_URL": "http://idp.test", "BANKGRAPH_CREDENTIALS_DIR": str(tmp_path)},
    )  # fmt: skip
    assert (custom.port, custom.bank_url, custom.jwks_url) == (
        5004, "http://d.test", "http://idp.test/jwks.json"
    )  # fmt: skip
    assert custom.credentials_dir == tmp_path


@pytest.mark.parametrize(
    ("name", "env"),
    [
        ("nope", {}),
        ("loans", {"BANKGRAPH_LOANS_PORT": "x"}),
        ("loans", {"BANKGRAPH_LOANS_PORT": "0"}),
        ("loans", {"BANKGRAPH_BANK_TIMEOUT": "-1"}),
    ],
)
def test_bad_settings_are_refused(name: str, env: dict[str, str]) -> None:
    with pytest.raises(ValueError):
        SubgraphSettings.from_mapping(name, env)


def test_secrets_never_show() -> None:
    secret = Secret("hunter2")
    assert "hunter2" not in repr(secret) and "hunter2" not in str(secret)
    assert secret.reveal() == "hunter2"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_subgraph_process_serves_health_and_graphql(tmp_path: Path) -> None:
    (tmp_path / "bank_b_client.json").write_text('{"client_id": "c", "client_secret": "s"}')
    port = free_port()
    env = os.environ | {
        "BANKGRAPH_PAYMENTS_PORT": str(port),
        "BANKGRAPH_CREDENTIALS_DIR": str(tmp_path),
        "BANKGRAPH_IDP_URL": f"http://127.0.0.1:{free_port()}",  # nothing there
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "subgraphs.payments"], cwd=REPO, env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        base = f"http://127.0.0.1:{port}"
        health = None
        for _ in range(200):
            try:
                health = httpx.get(f"{base}/health", timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        assert health is not None, "the subgraph process never answered /health"
        assert health.json() == {"status": "ok", "subgraph": "payments"}
        sdl = httpx.post(f"{base}/graphql", json={"query": "{ _service { sdl } }"}).json()
        assert "@link" in sdl["data"]["_service"]["sdl"]
        # No verified identity (the IdP is unreachable): no customer data.
        refused = httpx.post(
            f"{base}/graphql",
            json={"query": '{ payment(id: "x") { id } }'},
            headers={"Authorization": "Bearer a.b.c"},
        ).json()
        assert refused["data"]["payment"] is None
        assert "not authenticated" in refused["errors"][0]["message"]
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_missing_credentials_exit_with_a_reason(tmp_path: Path) -> None:
    env = os.environ | {"BANKGRAPH_CREDENTIALS_DIR": str(tmp_path / "nowhere")}
    done = subprocess.run(
        [sys.executable, "-m", "subgraphs.loans"], cwd=REPO, env=env, capture_output=True,
        timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 2
    assert b"bank credentials not found" in done.stderr
