"""`make run` as a user meets it: everything up with one command, the home screen for every
demo customer, a clean Ctrl-C, and clear refusals instead of hangs."""

from __future__ import annotations

import socket
import subprocess
import time
from pathlib import Path

import pytest
from system.stack_process import HOME_QUERY, REPO, free_offset, run_command, running_stack

from bankgraph.stack import port_in_use

pytestmark = pytest.mark.timeout(400)

# GraphiQL's example tabs (examples/), run as alice, and the result each must give.
EXAMPLE_RESULTS = {
    "2-pay-someone": "Payment",
    "3-apply-for-loan": "LoanApplication",
    "4-buy-fund": "FundOrder",
}


def _assert_home(body: dict[str, object], customer: str) -> dict[str, object]:
    assert "errors" not in body, (customer, body.get("errors"))
    me = body["data"]["me"]  # type: ignore[index]
    assert me["name"] and me["accounts"], (customer, me)
    for account in me["accounts"]:
        assert account["balance"]["available"]["currency"]
    assert me["netWorth"], (customer, me)
    return me


def test_whole_system_serves_every_customer_and_stops_cleanly(tmp_path: Path) -> None:
    with running_stack(tmp_path / "var") as stack:
        children = stack.child_pids()
        assert len(children) == 6, children  # sandbox, four subgraphs, gateway
        assert "GraphiQL at http://127.0.0.1:" in "\n".join(stack.output)
        homes = {c: _assert_home(stack.query(c, HOME_QUERY), c) for c in ("alice", "bo", "chen")}
        heavy = _assert_home(stack.query("heavy", HOME_QUERY, timeout=120), "heavy")
        examples = {name: stack.run_example("alice", name) for name in EXAMPLE_RESULTS}
        topology = stack.topology
        ledger = topology.sandbox_state_dir / "ledger.db"
    assert stack.process.returncode == 0
    for name, typename in EXAMPLE_RESULTS.items():
        assert "errors" not in examples[name], (name, examples[name])
        [result] = examples[name]["data"].values()
        assert result["__typename"] == typename, (name, result)
    assert homes["bo"]["loans"], "bo has a micro-loan"
    assert homes["chen"]["fundHoldings"], "chen is an investor"
    assert len(heavy["accounts"]) >= 50 and len(heavy["loans"]) >= 50
    assert len(heavy["fundHoldings"]) >= 50
    deadline = time.monotonic() + 10
    while any(Path(f"/proc/{pid}").exists() for pid in children) and time.monotonic() < deadline:
        time.sleep(0.1)
    leftover = [pid for pid in children if Path(f"/proc/{pid}").exists()]
    assert leftover == [], f"processes left behind: {leftover}"
    ports = [topology.gateway_port, topology.sandbox_port("idp"), topology.subgraph_port("funds")]
    assert not any(port_in_use("127.0.0.1", port) for port in ports)
    assert ledger.stat().st_size > 0, "the ledger survives the stop"


def test_port_in_use_is_refused_at_once_with_a_clear_message(tmp_path: Path) -> None:
    offset, gateway_port = free_offset()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", gateway_port))
        taken.listen()
        done = subprocess.run(
            run_command(tmp_path / "var", offset, gateway_port),
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert done.returncode == 1
    assert f"port {gateway_port} on 127.0.0.1 is already in use (needed by gateway)" in done.stderr
    assert not (tmp_path / "var" / "logs").exists(), "nothing was started"


def test_a_component_that_fails_to_start_stops_everything(tmp_path: Path) -> None:
    state = tmp_path / "var"
    # The sandbox keeps its credentials in a directory; a file in its place makes it fail.
    (state / "sandbox").mkdir(parents=True)
    (state / "sandbox" / "credentials").write_text("not a directory")
    offset, gateway_port = free_offset()
    done = subprocess.run(
        run_command(state, offset, gateway_port),
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1
    assert "sandbox exited with code" in done.stderr
    assert "last lines of" in done.stderr
    assert not port_in_use("127.0.0.1", gateway_port)
