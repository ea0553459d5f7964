"""``bankgraph-gateway plan``: printed and JSON plans, clear errors."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from gateway.__main__ import main

FIXTURES = Path(__file__).parent / "fixtures"
BASIC = str(FIXTURES / "basic" / "supergraph.graphql")


def _query(tmp_path: Path, text: str) -> str:
    path = tmp_path / "query.graphql"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_prints_the_plan(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    query = _query(tmp_path, "query A { me { username } } query B { topProducts { name } }")
    assert main(["plan", "--supergraph", BASIC, "--query", query, "--operation-name", "B"]) == 0
    assert capsys.readouterr().out == (
        "QueryPlan {\n"
        '  Fetch(service: "products") {\n'
        "    query B__products__0 {\n"
        "      topProducts {\n"
        "        name\n"
        "      }\n"
        "    }\n"
        "  },\n"
        "}\n"
    )


def test_prints_kind_tagged_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    query = _query(tmp_path, "{ me { username } }")
    assert main(["plan", "--supergraph", BASIC, "--query", query, "--json"]) == 0
    assert orjson.loads(capsys.readouterr().out) == {
        "kind": "QueryPlan",
        "node": {
            "kind": "Fetch",
            "serviceName": "users",
            "operation": "{\n  me {\n    username\n  }\n}",
            "operationKind": "query",
            "variableUsages": [],
        },
    }


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("{ me {", "error: operation: Syntax Error"),
        ("{ nope }", "error: operation: Cannot query field 'nope' on type 'Query'."),
        ("query A { me { id } } query B { me { id } }", "error: planning: an operation name"),
    ],
)
def test_bad_operations(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], query: str, message: str
) -> None:
    assert main(["plan", "--supergraph", BASIC, "--query", _query(tmp_path, query)]) == 1
    assert capsys.readouterr().err.startswith(message)


def test_bad_supergraph(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    supergraph = tmp_path / "supergraph.graphql"
    supergraph.write_text("type Query { a: Int }", encoding="utf-8")
    query = _query(tmp_path, "{ a }")
    assert main(["plan", "--supergraph", str(supergraph), "--query", query]) == 1
    assert capsys.readouterr().err == (
        "error: supergraph: not a supergraph: the schema has no @link directives\n"
    )


def test_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = str(tmp_path / "missing.graphql")
    assert main(["plan", "--supergraph", missing, "--query", missing]) == 2
    assert "missing.graphql" in capsys.readouterr().err
