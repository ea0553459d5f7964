"""One table row per validation rule: an invalid subgraph set fails with a message naming the
rule, the subgraph, the type and the field."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from compose_golden import reference_available, reference_compose

from gateway.compose import CompositionError, SubgraphSource, compose

LINK = (
    'extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key",'
    ' "@shareable", "@external", "@requires", "@provides", "@override", "@inaccessible"])\n'
)


def fed2(sdl: str) -> str:
    return LINK + sdl


@dataclass(frozen=True)
class Case:
    rule: str
    subgraphs: dict[str, str]
    expected: tuple[str, ...]  # substrings of the message: subgraph, type.field, ...
    subgraph: str | None = None
    type_name: str | None = None
    field_name: str | None = None


PRODUCT_A = fed2(
    'type Query { product: Product }\ntype Product @key(fields: "id") { id: ID! name: String }'
)

CASES = {
    "non-shareable field in two subgraphs": Case(
        "INVALID_FIELD_SHARING",
        {
            "a": PRODUCT_A,
            "b": fed2('type Product @key(fields: "id") { id: ID! name: String }'),
        },
        ('"Product.name"', '"a"', '"b"'),
        type_name="Product",
        field_name="name",
    ),
    "incompatible field types": Case(
        "FIELD_TYPE_MISMATCH",
        {
            "a": fed2(
                'type Query { product: Product }\ntype Product @key(fields: "id")'
                " { id: ID! name: String @shareable }"
            ),
            "b": fed2('type Product @key(fields: "id") { id: ID! name: Int @shareable }'),
        },
        ('"Product.name"', '"String" in "a"', '"Int" in "b"'),
        type_name="Product",
        field_name="name",
    ),
    "incompatible argument types": Case(
        "FIELD_ARGUMENT_TYPE_MISMATCH",
        {
            "a": fed2(
                'type Query { product: Product }\ntype Product @key(fields: "id")'
                " { id: ID! price(currency: String): Int @shareable }"
            ),
            "b": fed2(
                'type Product @key(fields: "id") { id: ID! price(currency: [String]): Int'
                " @shareable }"
            ),
        },
        ('"Product.price(currency:)"', '"String" in "a"', '"[String]" in "b"'),
        type_name="Product",
        field_name="price",
    ),
    "required argument missing in a subgraph": Case(
        "REQUIRED_ARGUMENT_MISSING_IN_SOME_SUBGRAPH",
        {
            "a": fed2(
                'type Query { product: Product }\ntype Product @key(fields: "id")'
                " { id: ID! price(currency: String!): Int @shareable }"
            ),
            "b": fed2('type Product @key(fields: "id") { id: ID! price: Int @shareable }'),
        },
        ('"Product.price(currency:)"', 'subgraph "a"', 'subgraph "b"'),
        subgraph="b",
        type_name="Product",
        field_name="price",
    ),
    "@key selecting an unknown field": Case(
        "KEY_INVALID_FIELDS",
        {"a": fed2('type Query { p: P }\ntype P @key(fields: "uuid") { id: ID! }')},
        ("[a]", '"P"', '"uuid"'),
        subgraph="a",
        type_name="P",
    ),
    "@requires selecting an unknown field": Case(
        "REQUIRES_INVALID_FIELDS",
        {
            "a": PRODUCT_A,
            "b": fed2(
                'type Product @key(fields: "id") { id: ID! weight: Int @external'
                ' cost: Int @requires(fields: "weight heigth") }'
            ),
        },
        ("[b]", '"Product.cost"', '"heigth"'),
        subgraph="b",
        type_name="Product",
        field_name="cost",
    ),
    "@provides selecting an unknown field": Case(
        "PROVIDES_INVALID_FIELDS",
        {
            "a": PRODUCT_A,
            "b": fed2(
                'type Query { top: Product @provides(fields: "title") }\n'
                'type Product @key(fields: "id") { id: ID! name: String @external }'
            ),
        },
        ("[b]", '"Query.top"', '"title"', '"Product"'),
        subgraph="b",
        type_name="Query",
        field_name="top",
    ),
    "@requires selecting a field resolved locally": Case(
        "REQUIRES_INVALID_FIELDS",
        {
            "a": PRODUCT_A,
            "b": fed2(
                'type Product @key(fields: "id") { id: ID! name: String @shareable'
                ' label: String @requires(fields: "name") }'
            ),
        },
        ("[b]", '"Product.label"', '"Product.name"', "not marked @external"),
        subgraph="b",
        type_name="Product",
        field_name="label",
    ),
    "@provides selecting a field resolved locally": Case(
        "PROVIDES_INVALID_FIELDS",
        {
            "a": PRODUCT_A,
            "b": fed2(
                'type Query { top: Product @provides(fields: "name") }\n'
                'type Product @key(fields: "id") { id: ID! name: String @shareable }'
            ),
        },
        ("[b]", '"Query.top"', '"Product.name"', "not marked @external"),
        subgraph="b",
        type_name="Query",
        field_name="top",
    ),
    "inaccessible type referenced from the API schema": Case(
        "REFERENCED_INACCESSIBLE",
        {"a": fed2("type Query { t: T }\ntype T @inaccessible { x: Int }")},
        ('"T"', '"Query.t"'),
        type_name="Query",
        field_name="t",
    ),
    "no query root": Case(
        "NO_QUERIES",
        {"a": fed2('type P @key(fields: "id") { id: ID! }')},
        ("query root",),
    ),
    "@external used by nothing": Case(
        "EXTERNAL_UNUSED",
        {
            "a": PRODUCT_A,
            "b": fed2('type Product @key(fields: "id") { id: ID! name: String @external }'),
        },
        ("[b]", '"Product.name"', "@external"),
        subgraph="b",
        type_name="Product",
        field_name="name",
    ),
    "@external defined nowhere else": Case(
        "EXTERNAL_MISSING_ON_BASE",
        {
            "a": PRODUCT_A,
            "b": fed2(
                'type Product @key(fields: "id") { id: ID! weight: Int @external'
                ' cost: Int @requires(fields: "weight") }'
            ),
        },
        ("[b]", '"Product.weight"'),
        subgraph="b",
        type_name="Product",
        field_name="weight",
    ),
    "entity with no resolvable key reachable": Case(
        "ENTITY_WITHOUT_RESOLVABLE_KEY",
        {
            "a": PRODUCT_A,
            "b": fed2(
                'type Product @key(fields: "id", resolvable: false) { id: ID! stock: Int }\n'
                "type Query { ping: String }"
            ),
        },
        ('"Product.stock"', '"b"', "resolvable @key"),
        subgraph="b",
        type_name="Product",
        field_name="stock",
    ),
    "root field no subgraph can resolve": Case(
        "ROOT_FIELD_UNRESOLVABLE",
        {
            "a": PRODUCT_A,
            "b": fed2(
                "interface Named { name: String }\n"
                "type Query implements Named { name: String @external }"
            ),
        },
        ('"Query.name"', '"b"'),
        subgraph="b",
        type_name="Query",
        field_name="name",
    ),
    "field unreachable given the keys": Case(
        "SATISFIABILITY_ERROR",
        {
            "a": PRODUCT_A,
            "b": fed2('type Product @key(fields: "sku") { sku: ID! price: Int }'),
        },
        ('"Product.price"', '"Query.product"', 'subgraph "a"', '"b"'),
        subgraph="a",
        type_name="Product",
        field_name="price",
    ),
    "type kinds differ": Case(
        "TYPE_KIND_MISMATCH",
        {
            "a": fed2("type Query { s: Status }\nenum Status { OK }"),
            "b": fed2("type Query { t: Status @shareable }\ntype Status { ok: Boolean }"),
        },
        ('"Status"', 'enum in "a"', 'object in "b"'),
        type_name="Status",
    ),
    "required input field missing in a subgraph": Case(
        "REQUIRED_INPUT_FIELD_MISSING_IN_SOME_SUBGRAPH",
        {
            "a": fed2("type Query { f(i: In): Int }\ninput In { x: Int y: Int! }"),
            "b": fed2("type Query { g(i: In): Int }\ninput In { x: Int }"),
        },
        ('"In.y"', 'subgraph "a"', 'subgraph "b"'),
        subgraph="b",
        type_name="In",
        field_name="y",
    ),
    "@fromContext naming an unset context": Case(
        "CONTEXT_NOT_SET",
        {
            "a": (
                'extend schema @link(url: "https://specs.apollo.dev/federation/v2.8",'
                ' import: ["@key", "@fromContext"])\n'
                "type Query { rate(currency: String"
                ' @fromContext(field: "$userCtx { currency }")): Int }'
            ),
        },
        ("[a]", '"Query.rate(currency:)"', '"userCtx"'),
        subgraph="a",
        type_name="Query",
        field_name="rate",
    ),
    "unknown type": Case(
        "UNKNOWN_TYPE",
        {"a": fed2("type Query { me: User }")},
        ("[a]", '"User"', '"Query.me"'),
        subgraph="a",
        type_name="Query",
        field_name="me",
    ),
    "invalid SDL": Case(
        "INVALID_GRAPHQL",
        {"a": "type Query { broken: }"},
        ('"a"',),
        subgraph="a",
    ),
}


@pytest.mark.parametrize("case", CASES.values(), ids=list(CASES))
def test_invalid_subgraphs_fail_with_a_located_message(case: Case) -> None:
    sources = [SubgraphSource(n, f"http://{n}.test/graphql", s) for n, s in case.subgraphs.items()]
    with pytest.raises(CompositionError) as raised:
        compose(sources)
    issues = [
        i
        for i in raised.value.issues
        if i.rule == case.rule and case.field_name in (None, i.field_name)
    ]
    assert issues, f"expected {case.rule}, got: {raised.value}"
    issue = issues[0]
    message = str(issue)
    assert message.startswith(f"[{case.rule}] ")
    for expected in case.expected:
        assert expected in message, message
    if case.subgraph is not None:
        assert issue.subgraph == case.subgraph
    if case.type_name is not None:
        assert issue.type_name == case.type_name
    if case.field_name is not None:
        assert issue.field_name == case.field_name


def test_shareable_progressive_override_and_key_fields_are_not_sharing_errors() -> None:
    sources = [
        SubgraphSource("a", "http://a.test", PRODUCT_A),
        SubgraphSource(
            "b",
            "http://b.test",
            fed2(
                'type Product @key(fields: "id") { id: ID!'
                ' name: String @override(from: "a", label: "percent(5)") }'
            ),
        ),
    ]
    supergraph = compose(sources)
    assert 'overrideLabel: "percent(5)"' in supergraph


@pytest.mark.node
@pytest.mark.skipif(not reference_available(), reason="node or tools/node/node_modules missing")
@pytest.mark.parametrize("case", CASES.values(), ids=list(CASES))
def test_reference_composer_rejects_the_same_sets(case: Case) -> None:
    sources = [SubgraphSource(n, f"http://{n}.test/graphql", s) for n, s in case.subgraphs.items()]
    with pytest.raises(AssertionError):
        reference_compose(sources)
