"""`python -m sandbox`: real servers on free loopback ports, the `token` command, restart."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import httpx
import orjson
from joserfc import jwt
from joserfc.jwk import KeySet

PORTS = [
    "--idp-port",
    "0",
    "--bank-a-port",
    "0",
    "--bank-b-port",
    "0",
    "--bank-c-port",
    "0",
    "--bank-d-port",
    "0",
]


def start(state_dir: Path) -> tuple[subprocess.Popen[str], dict[str, str]]:
    process = subprocess.Popen(
        [sys.executable, "-m", "sandbox", "serve", "--state-dir", str(state_dir), *PORTS],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    urls: dict[str, str] = {}
    assert process.stdout is not None
    for line in process.stdout:
        name, _, where = line.strip().partition(" ")
        if where.strip().startswith("http://"):
            urls[name] = where.strip()
        if line.startswith("credentials in"):
            return process, urls
    raise AssertionError(f"sandbox exited early with {process.wait()}")


def stop(process: subprocess.Popen[str]) -> int:
    process.send_signal(signal.SIGINT)
    return process.wait(timeout=20)


def test_serve_runs_every_component_and_survives_restart(tmp_path: Path) -> None:
    process, urls = start(tmp_path)
    try:
        assert {"idp", "bank_a", "bank_b"} <= set(urls)
        assert all(url.startswith("http://127.0.0.1:") for url in urls.values())
        discovery = httpx.get(f"{urls['idp']}/.well-known/openid-configuration").json()
        assert discovery["issuer"] == urls["idp"]
        client = orjson.loads((tmp_path / "credentials" / "bank_a_client.json").read_bytes())
        token = httpx.post(
            f"{urls['bank_a']}/token",
            data={"grant_type": "client_credentials"},
            auth=(client["client_id"], client["client_secret"]),
        )
        assert token.status_code == 200 and token.headers["x-fapi-interaction-id"]
        b_client = orjson.loads((tmp_path / "credentials" / "bank_b_client.json").read_bytes())
        b_token = httpx.post(
            f"{urls['bank_b']}/oauth2/token",
            data={"grant_type": "client_credentials", "scope": "PIS", **b_client},
        )
        assert b_token.status_code == 200
    finally:
        assert stop(process) == 0
    secret = client["client_secret"]
    again, _ = start(tmp_path)
    try:
        reloaded = orjson.loads((tmp_path / "credentials" / "bank_a_client.json").read_bytes())
        assert reloaded["client_secret"] == secret
    finally:
        assert stop(again) == 0
    assert (tmp_path / "ledger.db").exists()


def test_token_command_prints_a_verifiable_jwt(tmp_path: Path) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "sandbox",
            "token",
            "chen",
            "--state-dir",
            str(tmp_path),
            "--ledger",
            ":memory:",
            "--scope",
            "openid funds",
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    keys = KeySet.import_key_set(
        orjson.loads((tmp_path / "credentials" / "idp_jwks.json").read_bytes())
    )
    claims = jwt.decode(done.stdout.strip(), keys, algorithms=["RS256"]).claims
    assert (claims["sub"], claims["scope"], claims["iss"]) == (
        "chen",
        "openid funds",
        "http://127.0.0.1:9000",
    )
    unknown = subprocess.run(
        [
            sys.executable,
            "-m",
            "sandbox",
            "token",
            "mallory",
            "--state-dir",
            str(tmp_path),
            "--ledger",
            ":memory:",
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert unknown.returncode == 2 and "mallory" in unknown.stderr
