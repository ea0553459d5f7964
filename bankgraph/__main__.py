"""``python -m bankgraph run``: sandbox world, four subgraphs and the gateway, supervised."""

from __future__ import annotations

import argparse
import signal
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from types import FrameType

from bankgraph.stack import StackError, Supervisor
from bankgraph.topology import (
    Topology,
    gateway_component,
    sandbox_component,
    subgraph_components,
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bankgraph", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="start everything and wait for Ctrl-C")
    run.add_argument("--host", default="127.0.0.1")
    run.add_argument("--gateway-port", type=int, default=4000)
    run.add_argument("--state-dir", type=Path, default=Path("var"))
    run.add_argument("--startup-timeout", type=float, default=90.0)
    run.add_argument(
        "--port-offset",
        type=int,
        default=0,
        help="add N to every default port of the sandbox and subgraphs (a second stack)",
    )
    return parser


def run(args: argparse.Namespace) -> int:
    topology = Topology(
        host=args.host,
        gateway_port=args.gateway_port,
        state_dir=args.state_dir,
        port_offset=args.port_offset,
    )
    python = sys.executable
    sandbox = sandbox_component(topology, python)
    subgraphs = subgraph_components(topology, python)
    supervisor = Supervisor(
        args.host, args.state_dir / "logs", startup_timeout=args.startup_timeout
    )
    signal.signal(signal.SIGINT, _request_stop)
    signal.signal(signal.SIGTERM, _request_stop)
    try:
        supervisor.check_ports([[sandbox], subgraphs, [gateway_component(topology, python)]])
        print(f"bankgraph: starting (logs in {args.state_dir / 'logs'}) ...", flush=True)
        supervisor.start([[sandbox]])
        token = _demo_token(topology, python)
        supervisor.start([subgraphs, [gateway_component(topology, python, token)]])
        print(topology.ready_line(), flush=True)
        supervisor.watch()
        return 0
    except _StopRequested:
        return 0
    except StackError as error:
        print(f"bankgraph: {error}", file=sys.stderr, flush=True)
        return 1
    finally:
        # Signals during the shutdown itself must not cut it short and leave children behind.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        supervisor.stop()
        print("bankgraph: stopped", flush=True)


def _demo_token(topology: Topology, python: str) -> str:
    """A long-lived token of the first demo customer, for GraphiQL in development mode."""
    command = [*topology.token_command(python, "alice"), "--ttl", str(12 * 3600)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
    if done.returncode != 0:
        raise StackError(f"could not mint a demo token: {done.stderr.strip()}")
    return done.stdout.strip().splitlines()[-1]


class _StopRequested(Exception):
    """Ctrl-C or SIGTERM: unwinds start-up or watching, whichever is under way."""


def _request_stop(signum: int, frame: FrameType | None) -> None:
    raise _StopRequested


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
