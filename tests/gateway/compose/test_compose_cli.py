"""``bankgraph-gateway compose CONFIG -o OUT`` end to end, with files and live subgraphs."""

from __future__ import annotations

from pathlib import Path

import pytest
from compose_golden import load_case
from strawberry_subgraphs import catalog_app, stock_app

from gateway.__main__ import main
from gateway.compose import compose


def _write_case(tmp_path: Path, case: str) -> Path:
    lines = ["subgraphs:"]
    for source in load_case(case):
        (tmp_path / f"{source.name}.graphql").write_text(source.sdl)
        lines += [
            f"  {source.name}:",
            f"    routing_url: {source.url}",
            f"    schema:\n      file: {source.name}.graphql",
        ]
    config = tmp_path / "supergraph.yaml"
    config.write_text("\n".join(lines) + "\n")
    return config


def test_compose_from_files_writes_the_supergraph(tmp_path: Path) -> None:
    config = _write_case(tmp_path, "keys_requires_provides")
    out = tmp_path / "supergraph.graphql"
    assert main(["compose", str(config), "-o", str(out)]) == 0
    assert out.read_text() == compose(load_case("keys_requires_provides"))
    assert main(["compose", str(config), "-o", str(out)]) == 0
    assert out.read_text() == compose(load_case("keys_requires_provides"))


def test_failed_composition_reports_and_leaves_out_untouched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = _write_case(tmp_path, "keys_requires_provides")
    (tmp_path / "inventory.graphql").write_text(
        (tmp_path / "inventory.graphql").read_text().replace('"weightGrams dims', '"weight dims')
    )
    out = tmp_path / "supergraph.graphql"
    out.write_text("previous")
    assert main(["compose", str(config), "-o", str(out)]) == 1
    assert out.read_text() == "previous"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []
    err = capsys.readouterr().err
    assert "[REQUIRES_INVALID_FIELDS]" in err
    assert '"Product.shippingCost"' in err
    fresh = tmp_path / "never.graphql"
    assert main(["compose", str(config), "-o", str(fresh)]) == 1
    assert not fresh.exists()


def test_compose_introspects_live_subgraphs(tmp_path: Path, serve_asgi) -> None:
    catalog = serve_asgi(catalog_app())
    stock = serve_asgi(stock_app())
    config = tmp_path / "supergraph.yaml"
    config.write_text(
        "subgraphs:\n"
        f"  catalog:\n    routing_url: {catalog}/graphql\n    schema: introspect\n"
        f"  stock:\n    routing_url: {stock}/graphql\n    schema: introspect\n"
    )
    out = tmp_path / "supergraph.graphql"
    assert main(["compose", str(config), "-o", str(out)]) == 0
    supergraph = out.read_text()
    assert f'CATALOG @join__graph(name: "catalog", url: "{catalog}/graphql")' in supergraph
    assert "inStock: Boolean! @join__field(graph: STOCK)" in supergraph
    assert "_service" not in supergraph and "_entities" not in supergraph


def test_unreachable_subgraph_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "supergraph.yaml"
    config.write_text(
        "subgraphs:\n  gone:\n    routing_url: http://127.0.0.1:9/graphql\n    schema: introspect\n"
    )
    out = tmp_path / "supergraph.graphql"
    assert main(["compose", str(config), "-o", str(out)]) == 1
    assert "http://127.0.0.1:9/graphql" in capsys.readouterr().err
    assert not out.exists()
