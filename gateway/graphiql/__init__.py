"""GraphiQL for developers, served from local assets under a strict Content-Security-Policy.

The page carries no inline script: ``bankgraph-graphiql.js`` reads its options from a JSON data
block, so the policy can forbid inline and remote code entirely. What the page offers (example
operations, pre-filled headers, the query-plan panel) comes from ``GraphiQLOptions``; the gateway
decides, e.g. pre-filled credentials only in development mode.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import orjson
from starlette.requests import Request
from starlette.responses import HTMLResponse
from starlette.staticfiles import StaticFiles

__all__ = [
    "ASSETS_PATH",
    "CONTENT_SECURITY_POLICY",
    "Example",
    "GraphiQLOptions",
    "graphiql_assets",
    "graphiql_page",
    "load_examples",
    "wants_graphiql",
]

ASSETS_PATH = "/graphiql/static"
_STATIC_DIR = Path(__file__).parent / "static"

# GraphiQL's editor injects <style> elements at run time, hence 'unsafe-inline' for styles only.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)


@dataclass(frozen=True, slots=True)
class Example:
    """One ready-to-run operation, opened as a GraphiQL tab."""

    name: str
    query: str
    variables: Mapping[str, object] | None = None


@dataclass(frozen=True, slots=True)
class GraphiQLOptions:
    endpoint: str = "/graphql"
    default_headers: Mapping[str, str] | None = None
    examples: tuple[Example, ...] = ()
    plan_header: str | None = None
    title: str = "GraphiQL"
    extra: Mapping[str, object] = field(default_factory=dict)


def load_examples(directory: Path) -> tuple[Example, ...]:
    """Every ``*.graphql`` file in ``directory`` as an example, sorted by file name.

    A sibling ``<name>.variables.json`` supplies the example's variables.
    """
    examples = []
    for path in sorted(directory.glob("*.graphql")):
        variables_path = path.with_suffix(".variables.json")
        variables = orjson.loads(variables_path.read_bytes()) if variables_path.exists() else None
        examples.append(Example(name=path.stem, query=path.read_text(), variables=variables))
    return tuple(examples)


def wants_graphiql(request: Request) -> bool:
    """A browser navigating to the endpoint: GET, HTML preferred, and no GraphQL parameters."""
    if request.method != "GET" or "query" in request.query_params:
        return False
    accept = request.headers.get("accept", "")
    return "text/html" in accept


def graphiql_page(options: GraphiQLOptions) -> HTMLResponse:
    payload = {
        "endpoint": options.endpoint,
        "defaultHeaders": dict(options.default_headers) if options.default_headers else None,
        "examples": [
            {"name": example.name, "query": example.query, "variables": example.variables}
            for example in options.examples
        ],
        "planHeader": options.plan_header,
        **options.extra,
    }
    # "</" inside the data block would end the <script> element early.
    data = orjson.dumps(payload).decode().replace("</", "<\\/")
    html = _PAGE.format(title=options.title, assets=ASSETS_PATH, options=data)
    return HTMLResponse(
        html,
        headers={
            "Content-Security-Policy": CONTENT_SECURITY_POLICY,
            "X-Content-Type-Options": "nosniff",
            "Referrer-Policy": "no-referrer",
            "Cache-Control": "no-store",
        },
    )


def graphiql_assets() -> StaticFiles:
    """The static files (GraphiQL, React, our boot script) to mount at ``ASSETS_PATH``."""
    return StaticFiles(directory=_STATIC_DIR)


_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<link rel="stylesheet" href="{assets}/graphiql.min.css">
<link rel="stylesheet" href="{assets}/bankgraph-graphiql.css">
</head>
<body>
<div id="graphiql">Loading GraphiQL…</div>
<script id="graphiql-options" type="application/json">{options}</script>
<script src="{assets}/react.production.min.js"></script>
<script src="{assets}/react-dom.production.min.js"></script>
<script src="{assets}/graphiql.min.js"></script>
<script src="{assets}/bankgraph-graphiql.js"></script>
</body>
</html>
"""
