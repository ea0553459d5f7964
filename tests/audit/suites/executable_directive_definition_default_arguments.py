"""Audit suite ``executable-directive-definition-default-arguments``: an executable directive
kept by ``@composeDirective`` whose argument has a default in one subgraph's definition only;
a client may omit the argument, and each subgraph must still accept what it receives."""

from __future__ import annotations

from fixtures.federation.subgraph import SubgraphSpec

from ..suite import AuditCase, AuditSuite


def _sdl(field: str, scope_default: str) -> str:
    return f"""
extend schema
  @link(url: "https://specs.apollo.dev/federation/v2.1", import: ["@key", "@composeDirective"])
  @link(url: "https://myspecs.dev/access/v1.0", import: ["@access"])
  @composeDirective(name: "@access")

directive @access(scope: Scope!{scope_default}) on FIELD

enum Scope {{
  PUBLIC
  PRIVATE
}}

type Query {{
  {field}: String
}}
"""


def build() -> AuditSuite:
    a = SubgraphSpec("a", _sdl("a", ""), resolvers={"Query.a": lambda _p, _i: "a"})
    b = SubgraphSpec("b", _sdl("b", " = PUBLIC"), resolvers={"Query.b": lambda _p, _i: "b"})
    return AuditSuite("executable-directive-definition-default-arguments", (a, b), CASES)


CASES = (
    AuditCase(
        "directive argument left to its default",
        "{ a @access b @access }",
        {"a": "a", "b": "b"},
    ),
)
