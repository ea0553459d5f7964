"""`python -m sandbox` / `bankgraph-sandbox`: run the sandbox world, or print a demo token.

    bankgraph-sandbox [serve] [--host H] [--idp-port N] [--bank-a-port N] ... [--state-dir DIR]
                      [--ledger PATH] [--seed N]
    bankgraph-sandbox token CUSTOMER [--scope "openid accounts"] [--ttl 900] [--alg ES256]
                            [--state-dir DIR]

Options override the `BANKGRAPH_SANDBOX_*` environment (see `sandbox.settings`). On first
start the credentials are generated under `<state dir>/credentials` and an empty ledger is
seeded. Every server binds its socket before any app is built, so port 0 works and the
printed URLs are the real ones.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import signal
import socket
import sys
from collections.abc import Iterator, Mapping, Sequence

import uvicorn

from sandbox.credentials import ensure_credentials
from sandbox.idp import DEFAULT_SCOPE, IdentityProvider, IdpSettings
from sandbox.idp.provider import SIGNING_ALGORITHMS
from sandbox.ledger import Ledger, UnknownCustomer
from sandbox.seed import seed_world
from sandbox.settings import COMPONENTS, PREFIX, Component, SandboxSettings
from sandbox.world import build_world


def main(argv: Sequence[str] | None = None) -> int:
    """CLI entry point; returns the process exit status."""
    words = list(sys.argv[1:] if argv is None else argv)
    if not words or words[0] not in {"serve", "token", "-h", "--help"}:
        words.insert(0, "serve")  # the bare command serves
    args = _parser().parse_args(words)
    settings = SandboxSettings.from_mapping(_overrides(os.environ, args))
    if args.command == "token":
        return _print_token(settings, args.customer, args.scope, args.ttl, args.alg)
    asyncio.run(serve(settings, dict(os.environ)))
    return 0


async def serve(settings: SandboxSettings, mapping: Mapping[str, str]) -> None:
    """Run the IdP and every available bank until SIGINT/SIGTERM."""
    credentials = ensure_credentials(settings.state_dir)
    ledger = Ledger.open(settings.ledger_path)
    summary = seed_world(ledger, seed=settings.seed)
    sockets = {name: _bind(settings.host, settings.ports[name]) for name in COMPONENTS}
    urls = {
        name: f"http://{settings.host}:{sock.getsockname()[1]}" for name, sock in sockets.items()
    }
    world = build_world(mapping, ledger=ledger, credentials=credentials, urls=urls)
    servers = {
        # Longer idle keep-alive than the adapters' pools, so none reuses a closing connection.
        name: _Server(
            uvicorn.Config(app, log_level="warning", lifespan="on", timeout_keep_alive=75)
        )
        for name, app in world.apps.items()
    }
    # handlers first: a signal right after the ready lines must stop us cleanly
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, _stop, servers.values())
    print(f"sandbox ledger {settings.ledger_path} (seed {summary.seed}, as of {summary.as_of})")
    for name in COMPONENTS:
        where = urls[name] if name in servers else "not available (package missing)"
        print(f"{name:7} {where}", flush=True)
    print(f"credentials in {settings.state_dir / 'credentials'}", flush=True)
    try:
        await asyncio.gather(*(srv.serve(sockets=[sockets[n]]) for n, srv in servers.items()))
    finally:
        for sock in sockets.values():
            sock.close()
        ledger.close()


class _Server(uvicorn.Server):
    """A uvicorn server that leaves signal handling to `serve` (one handler for all)."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield


def _stop(servers: object) -> None:
    for server in servers:  # type: ignore[attr-defined]
        server.should_exit = True


def _bind(host: str, port: int) -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(128)
    sock.setblocking(False)
    return sock


def _print_token(
    settings: SandboxSettings, customer: str, scope: str, ttl: int | None, alg: str
) -> int:
    credentials = ensure_credentials(settings.state_dir)
    issuer = f"http://{settings.host}:{settings.ports['idp']}"
    with Ledger.open(settings.ledger_path) as ledger:
        seed_world(ledger, seed=settings.seed)
        provider = IdentityProvider(
            IdpSettings(issuer, credentials.idp), lambda c: ledger.customer(c).name, ledger.now
        )
        try:
            print(provider.issue_token(customer, scope=scope, ttl_seconds=ttl, alg=alg))
        except UnknownCustomer:
            print(f"unknown customer {customer!r}", file=sys.stderr)
            return 2
        except ValueError as exc:
            print(str(exc), file=sys.stderr)
            return 2
    return 0


def _overrides(environ: Mapping[str, str], args: argparse.Namespace) -> dict[str, str]:
    mapping = dict(environ)
    pairs = {"HOST": args.host, "STATE_DIR": args.state_dir, "LEDGER_PATH": args.ledger,
             "SEED": args.seed}  # fmt: skip
    for name in COMPONENTS:
        pairs[f"{name.upper()}_PORT"] = getattr(args, f"{name}_port")
    mapping.update({PREFIX + key: str(value) for key, value in pairs.items() if value is not None})
    return mapping


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="bankgraph-sandbox", description=__doc__.splitlines()[0])
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--host")
    common.add_argument("--state-dir")
    common.add_argument("--ledger", help="ledger SQLite file, or :memory:")
    common.add_argument("--seed", type=int)
    component: Component
    for component in COMPONENTS:
        common.add_argument(
            f"--{component.replace('_', '-')}-port", type=int, dest=f"{component}_port"
        )
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("serve", parents=[common], help="run the IdP and the banks (default)")
    token = commands.add_parser("token", parents=[common], help="print a customer JWT")
    token.add_argument("customer")
    token.add_argument("--scope", default=DEFAULT_SCOPE)
    token.add_argument("--ttl", type=int, help="lifetime in seconds (default 900)")
    token.add_argument(
        "--alg", choices=SIGNING_ALGORITHMS, default="RS256", help="signature (default RS256)"
    )
    return parser


if __name__ == "__main__":
    raise SystemExit(main())
