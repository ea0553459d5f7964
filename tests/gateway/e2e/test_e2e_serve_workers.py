"""``bankgraph-gateway serve --workers 2``: two gateway processes behind one port answer the
corpus of a fixture exactly; impossible worker options are refused in one line."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from fixtures.federation.corpus import corpus_params
from fixtures.federation.fixture import Case
from fixtures.federation.gateways import GatewayProcess
from fixtures.federation.graphs import load_fixture
from fixtures.federation.harness import FixtureDeployment, assert_case
from fixtures.federation.serving import free_port

from gateway.__main__ import build_parser
from gateway.serve import serve_command


def two_workers(supergraph_file: Path) -> GatewayProcess:
    argv = [sys.executable, "-m", "gateway", "serve", "--supergraph", str(supergraph_file)]
    port = free_port()
    argv += ["--host", "127.0.0.1", "--port", str(port), "--workers", "2"]
    return GatewayProcess(argv, port=port, health_path="/health", env=dict(os.environ))


@pytest.fixture(scope="module")
def deployment(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FixtureDeployment]:
    workdir = tmp_path_factory.mktemp("serve-workers")
    with FixtureDeployment(load_fixture("keys"), workdir, two_workers) as deployed:
        yield deployed


@pytest.mark.parametrize(("fixture_name", "case"), corpus_params(("keys",)))
def test_workers_answer_the_corpus(
    deployment: FixtureDeployment, fixture_name: str, case: Case
) -> None:
    assert_case(deployment.run(case), case)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--supergraph", "x.graphql", "--workers", "0"], "--workers must be at least 1"),
        (["--subgraph", "a=http://127.0.0.1:1/graphql", "--workers", "2"], "--workers needs"),
    ],
)
def test_impossible_worker_options_are_refused(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    status = serve_command(build_parser().parse_args(["serve", *argv]))
    assert status == 2 and message in capsys.readouterr().err
