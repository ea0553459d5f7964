"""Operation shape limits, fragment bombs and cycles measured without expansion."""

from __future__ import annotations

from graphql import OperationDefinitionNode, get_operation_ast, parse

from gateway.edge.limits import (
    LimitGuard,
    Limits,
    OperationShape,
    check_limits,
    check_source,
    measure_operation,
)

LIMITS = Limits(
    max_depth=5,
    max_aliases=3,
    max_root_fields=2,
    max_directives=2,
    max_document_bytes=100,
    max_variables_bytes=50,
)


def shape(query: str) -> OperationShape:
    document = parse(query)
    operation = get_operation_ast(document)
    assert isinstance(operation, OperationDefinitionNode)
    return measure_operation(document, operation)


def codes(query: str) -> list[str]:
    return [violation.code for violation in check_limits(shape(query), LIMITS)]


def test_shape_counts_fields_aliases_directives_through_fragments() -> None:
    query = """
      query Q($v: Boolean!) @a { x: me { ...F } other { id @skip(if: $v) } }
      fragment F on Customer { y: name accounts { z: id } ... on Customer { id } }
    """
    assert shape(query) == OperationShape(depth=3, aliases=3, root_fields=2, directives=2)
    assert codes(query) == []


def test_each_limit_is_reported_with_its_code() -> None:
    assert codes("{ a { b { c { d { e { f } } } } } }") == ["MAX_DEPTH_LIMIT"]
    assert codes("{ a { q: b r: b s: b t: b } }") == ["MAX_ALIASES_LIMIT"]
    assert codes("{ a b c }") == ["MAX_ROOT_FIELDS_LIMIT"]
    assert codes("{ a @x @y @z }") == ["MAX_DIRECTIVES_LIMIT"]


def test_fragment_bomb_is_measured_without_expanding_it() -> None:
    levels = 40  # 2**40 expanded fields: measured in microseconds from memoised counts
    fragments = [f"fragment F{i} on T {{ ...F{i + 1} ...F{i + 1} }}" for i in range(levels)]
    fragments.append(f"fragment F{levels} on T {{ a: x }}")
    query = "{ t { ...F0 } }" + " ".join(fragments)
    measured = shape(query)
    assert measured.aliases == 2**levels
    assert measured.depth == 2
    assert codes(query) == ["MAX_ALIASES_LIMIT"]


def test_cyclic_fragments_do_not_loop() -> None:
    query = "{ t { ...A } } fragment A on T { x ...B } fragment B on T { y ...A }"
    assert shape(query).depth == 2


def test_source_size_limits() -> None:
    assert check_source("{ a }", 2, LIMITS) is None
    too_big = check_source("{ " + "a " * 60 + "}", 2, LIMITS)
    assert too_big is not None and too_big.code == "DOCUMENT_TOO_LARGE"
    multibyte = check_source('{ a(s: "' + "€" * 40 + '") }', 2, LIMITS)
    assert multibyte is not None and multibyte.code == "DOCUMENT_TOO_LARGE"
    variables = check_source("{ a }", 51, LIMITS)
    assert variables is not None and variables.code == "VARIABLES_TOO_LARGE"


def test_guard_checks_tokens_nesting_and_every_operation_then_caches() -> None:
    guard = LimitGuard(
        Limits(
            max_depth=5,
            max_aliases=3,
            max_root_fields=2,
            max_directives=2,
            max_document_bytes=10_000,
            max_variables_bytes=50,
            max_tokens=50,
        )
    )
    assert [v.code for v in guard.check("{ " + "a " * 60 + "}")] == ["MAX_TOKENS_LIMIT"]
    nested = "{" + "a{" * 600 + "b" + "}" * 600 + "}"
    assert [v.code for v in LimitGuard(LIMITS).check(nested)] == ["MAX_DEPTH_LIMIT"]
    assert guard.check("query A { a } query B { a b c }")[0].code == "MAX_ROOT_FIELDS_LIMIT"
    assert guard.check("{ unclosed") == ()  # the engine reports syntax errors itself
    verdict = guard.check("{ a { b } }")
    assert verdict == () and guard.check("{ a { b } }") is verdict
