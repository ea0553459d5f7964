"""``create_app`` and ``serve_command``: configuration that cannot work is refused up front,
and nothing is global (two apps with different settings serve side by side)."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from gateway.__main__ import build_parser
from gateway.http import create_app
from gateway.serve import serve_command
from gateway.settings import Settings, SettingsError
from gateway.supergraph import load_supergraph
from tests.gateway.http.conftest import MakeGateway
from tests.gateway.http.graph import SUPERGRAPH


@pytest.mark.parametrize(
    ("mapping", "message"),
    [
        ({"propagate_headers": ["accept-language", "X-User-Id"]}, "may not include X-User-Id"),
        ({"subgraph_urls": {"nope": "http://127.0.0.1:1/graphql"}}, "unknown subgraph"),
        ({"policy_hook": "no_such_module_xyz:decide"}, "cannot load policy hook"),
        ({"trusted_documents_file": "/nonexistent/manifest.json"}, "cannot read trusted"),
    ],
)
def test_unworkable_configuration_is_refused(mapping: dict[str, object], message: str) -> None:
    supergraph = load_supergraph(SUPERGRAPH.read_text(encoding="utf-8"))
    with pytest.raises(SettingsError, match=message):
        create_app(Settings.from_mapping(mapping), supergraph)


async def test_two_apps_side_by_side(make_gateway: MakeGateway) -> None:
    query = {"query": "{ __schema { queryType { name } } }"}
    async with make_gateway(introspection=True) as open_gw, make_gateway() as closed_gw:
        assert (await open_gw.post(query)).json()["data"]["__schema"]["queryType"][
            "name"
        ] == "Query"
        assert "data" not in (await closed_gw.post(query)).json()


def run_serve(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    status = serve_command(build_parser().parse_args(["serve", *argv]))
    return status, capsys.readouterr().err


def test_serve_refuses_bad_start_up_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, err = run_serve(["--supergraph", str(tmp_path / "missing.graphql")], capsys)
    assert status == 2 and "cannot read" in err and "Traceback" not in err
    not_a_supergraph = tmp_path / "plain.graphql"
    not_a_supergraph.write_text("type Query { a: Int }")
    status, err = run_serve(["--supergraph", str(not_a_supergraph)], capsys)
    assert status == 2 and "not a supergraph" in err
    config = tmp_path / "gateway.yaml"
    config.write_bytes(orjson.dumps({"max_depth": "deep"}))  # JSON is YAML too
    status, err = run_serve(["--supergraph", str(SUPERGRAPH), "--config", str(config)], capsys)
    assert status == 2 and "max_depth must be an integer" in err
