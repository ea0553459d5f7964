"""Response shaping over hand-written internal trees (federation.md 5.5)."""

from __future__ import annotations

from typing import Any

from graphql import build_schema, parse

from gateway.executor import shape_response

SCHEMA = build_schema(
    """
    type Query {
      node(id: ID!): Node
      nodes: [Node]
      feed: [Media!]
      strict: Account!
      accounts: [Account!]
      color: Color
      colors: [Color]
      id: ID
      count: Int
      ratio: Float
      flag: Boolean
      label: String
      blob: JSON
    }
    type Mutation { touch: Int }
    scalar JSON
    enum Color { RED GREEN }
    interface Node { id: ID! }
    type Account implements Node { id: ID! owner: String! iban: String }
    type Card implements Node { id: ID! last4: String }
    union Media = Article | Video
    type Article { id: ID! meta: ArticleMeta }
    type Video { id: ID! meta: VideoMeta }
    type ArticleMeta { title: String words: Int }
    type VideoMeta { title: String seconds: Int }
    """
)


def shape(
    query: str,
    data: dict[str, Any],
    errors: list[dict[str, Any]] | None = None,
    variables: dict[str, Any] | None = None,
    unauthorized: frozenset[int] = frozenset(),
) -> dict[str, Any]:
    document = parse(query)
    operation = document.definitions[0]
    fragments = {d.name.value: d for d in document.definitions[1:]}  # type: ignore[attr-defined]
    shaped, all_errors = shape_response(
        SCHEMA,
        operation,  # type: ignore[arg-type]
        fragments,  # type: ignore[arg-type]
        variables or {},
        data,
        errors or [],
        unauthorized=unauthorized,
    )
    body: dict[str, Any] = {"data": shaped}
    if all_errors:
        body["errors"] = all_errors
    return body


def test_only_client_selection_in_client_order() -> None:
    data = {
        "strict": {"__typename": "Account", "iban": "DE1", "id": "a1", "owner": "Ada", "_k": 1},
        "count": 3,
        "extra": True,
    }
    body = shape("{ count strict { owner id } }", data)
    assert body == {"data": {"count": 3, "strict": {"owner": "Ada", "id": "a1"}}}
    assert list(body["data"]) == ["count", "strict"]


def test_fragments_apply_by_runtime_type() -> None:
    data = {
        "nodes": [
            {"__typename": "Account", "id": "a1", "owner": "Ada", "iban": "DE1"},
            {"__typename": "Card", "id": "c1", "last4": "4242"},
            None,
        ]
    }
    query = """
    { nodes { __typename id ... on Account { owner } ...CardFields } }
    fragment CardFields on Card { last4 }
    """
    assert shape(query, data) == {
        "data": {
            "nodes": [
                {"__typename": "Account", "id": "a1", "owner": "Ada"},
                {"__typename": "Card", "id": "c1", "last4": "4242"},
                None,
            ]
        }
    }


def test_disjoint_fragments_with_same_key_shape_per_concrete_type() -> None:
    data = {
        "feed": [
            {"__typename": "Article", "meta": {"title": "A", "words": 10, "seconds": 99}},
            {"__typename": "Video", "meta": {"title": "V", "seconds": 30, "words": 99}},
        ]
    }
    query = """
    { feed { ... on Article { meta { title words } } ... on Video { meta { seconds } } } }
    """
    assert shape(query, data) == {
        "data": {"feed": [{"meta": {"title": "A", "words": 10}}, {"meta": {"seconds": 30}}]}
    }


def test_repeated_fields_merge_their_selections() -> None:
    data = {"strict": {"id": "a1", "owner": "Ada"}, "s": {"iban": "DE1", "owner": "Ada"}}
    body = shape("{ strict { owner } strict { id owner } s: strict { iban } }", data)
    assert body == {
        "data": {"strict": {"owner": "Ada", "id": "a1"}, "s": {"iban": "DE1"}},
    }


def test_root_typename_is_answered_locally() -> None:
    assert shape("{ __typename t: __typename }", {}) == {
        "data": {"__typename": "Query", "t": "Query"}
    }
    assert shape("mutation { __typename }", {}) == {"data": {"__typename": "Mutation"}}


def test_invalid_typename_nulls_the_object_without_revealing_it() -> None:
    """A concrete type we failed to learn (missing, or the interface's own name) is an error."""
    for typename in ("Node", None):
        body = shape(
            '{ node(id: "x") { __typename id } }', {"node": {"__typename": typename, "id": "x"}}
        )
        assert body == {
            "data": {"node": None},
            "errors": [
                {
                    "message": "Invalid __typename found for object at field Query.node.",
                    "path": ["node"],
                }
            ],
        }


def test_typename_hidden_by_the_api_schema_nulls_the_object_silently() -> None:
    """An @inaccessible (or otherwise unknown to the API schema) type is hidden data: null,
    no error (the reference routers and the federation audit)."""
    body = shape(
        '{ node(id: "x") { __typename id } }',
        {"node": {"__typename": "SecretInaccessibleType", "id": "x"}},
    )
    assert body == {"data": {"node": None}}


def test_object_known_only_as_its_interface() -> None:
    """An interface-object subgraph answers the interface name: fine while the selection
    never needs the concrete type, invalid as soon as it does."""
    stored = {"node": {"__typename": "Node", "id": "x", "i": "x"}}
    assert shape('{ node(id: "x") { id ... on Node { i: id } } }', stored) == {
        "data": {"node": {"id": "x", "i": "x"}}
    }
    assert shape('{ node(id: "x") { id } }', {"node": {"id": "x"}}) == {
        "data": {"node": {"id": "x"}}
    }
    body = shape('{ node(id: "x") { id ... on Account { owner } } }', stored)
    assert body["data"] == {"node": None}
    # Excluded selections ask for nothing.
    query = """
    query($no: Boolean = false) {
      node(id: "x") {
        id __typename @include(if: false) ... on Account @skip(if: true) { owner }
        ... on Account @include(if: $no) { iban }
      }
    }
    """
    assert shape(query, stored) == {"data": {"node": {"id": "x"}}}


def test_enum_values_hidden_by_the_api_schema_become_null_silently() -> None:
    """An @inaccessible (or unknown) enum value: null, no error; a non-string is malformed."""
    body = shape("{ color colors }", {"color": "BLUE", "colors": ["RED", "HIDDEN"]})
    assert body == {"data": {"color": None, "colors": ["RED", None]}}
    body = shape("{ color }", {"color": 3})
    assert body == {
        "data": {"color": None},
        "errors": [{"message": "Invalid value found for field Query.color.", "path": ["color"]}],
    }


def test_invalid_leaf_values_become_null_with_an_error() -> None:
    data = {
        "count": 2**31,
        "ratio": "1.5",
        "flag": "true",
        "label": 7,
        "id": 7,
        "blob": {"any": ["thing"]},
    }
    body = shape("{ count ratio flag label id blob }", data)
    assert body["data"] == {
        "count": None,
        "ratio": None,
        "flag": None,
        "label": None,
        "id": "7",
        "blob": {"any": ["thing"]},
    }
    assert body["errors"] == [
        {"message": "Invalid value found for field Query.count.", "path": ["count"]},
        {"message": "Invalid value found for field Query.ratio.", "path": ["ratio"]},
        {"message": "Invalid value found for field Query.flag.", "path": ["flag"]},
        {"message": "Invalid value found for field Query.label.", "path": ["label"]},
    ]


def test_valid_leaf_values_pass() -> None:
    data = {"count": -5, "ratio": 2, "flag": False, "label": "x", "id": "a", "color": "GREEN"}
    body = shape("{ count ratio flag label id color }", data)
    assert body == {"data": data}


def test_null_in_non_null_list_item_nulls_the_list() -> None:
    data = {"accounts": [{"id": "a1", "owner": "Ada"}, {"id": "a2"}]}
    assert shape("{ accounts { id owner } }", data) == {
        "data": {"accounts": None},
        "errors": [
            {
                "message": "Cannot return null for non-nullable field Account.owner.",
                "path": ["accounts", 1, "owner"],
            }
        ],
    }


def test_null_reaching_a_non_null_root_field_nulls_data() -> None:
    assert shape("{ count strict { owner } }", {"count": 1, "strict": {}}) == {
        "data": None,
        "errors": [
            {
                "message": "Cannot return null for non-nullable field Account.owner.",
                "path": ["strict", "owner"],
            }
        ],
    }


def test_subgraph_errors_covering_a_path_suppress_shaping_errors() -> None:
    """Policy: a shaping error is dropped when an existing error sits at its path, an
    ancestor or a descendant; errors without a path cover nothing."""
    subgraph_error = {"message": "owner lookup failed", "path": ["accounts", 1, "owner"]}
    body = shape(
        "{ accounts { owner } strict { owner } }",
        {"accounts": [{"owner": "Ada"}, {}], "strict": {"owner": "Bob"}},
        [subgraph_error],
    )
    assert body == {
        "data": {"accounts": None, "strict": {"owner": "Bob"}},
        "errors": [subgraph_error],
    }

    ancestor_error = {"message": "accounts fetch failed", "path": ["accounts"]}
    body = shape("{ accounts { owner } }", {"accounts": [{}]}, [ancestor_error])
    assert body == {"data": {"accounts": None}, "errors": [ancestor_error]}

    pathless = {"message": "HTTP fetch failed"}
    body = shape("{ strict { owner } }", {}, [pathless])
    assert body == {
        "data": None,
        "errors": [
            pathless,
            {
                "message": "Cannot return null for non-nullable field Query.strict.",
                "path": ["strict"],
            },
        ],
    }


def test_skip_and_include_with_literals_and_variables() -> None:
    data = {"count": 1, "flag": True, "label": "x", "id": "i"}
    query = """
    query($yes: Boolean!, $no: Boolean = false) {
      count @include(if: $yes)
      flag @skip(if: $yes)
      label @include(if: $no)
      ... @include(if: true) { id }
    }
    """
    assert shape(query, data, variables={"yes": True, "no": False}) == {
        "data": {"count": 1, "id": "i"}
    }


def test_unauthorized_selections_become_null_with_one_error_each() -> None:
    query = '{ strict { id owner iban } node(id: "a") { id ... on Account { iban } } }'
    operation = parse(query).definitions[0]
    strict, node = operation.selection_set.selections  # type: ignore[attr-defined]
    strict_owner = strict.selection_set.selections[1]
    strict_iban = strict.selection_set.selections[2]
    account_fragment = node.selection_set.selections[1]
    data = {
        "strict": {"id": "a", "iban": "DE1", "owner": "Ada"},
        "node": {"__typename": "Account", "id": "a", "iban": "DE1"},
    }
    shaped, errors = shape_response(
        SCHEMA,
        operation,  # type: ignore[arg-type]
        {},
        {},
        data,
        [],
        unauthorized=frozenset({id(strict_iban), id(account_fragment)}),
    )
    assert shaped == {
        "strict": {"id": "a", "owner": "Ada", "iban": None},
        "node": {"id": "a", "iban": None},
    }
    unauthorized = {"code": "UNAUTHORIZED_FIELD_OR_TYPE"}
    assert errors == [
        {
            "message": "Unauthorized field or type",
            "path": ["strict", "iban"],
            "extensions": unauthorized,
        },
        {
            "message": "Unauthorized field or type",
            "path": ["node", "iban"],
            "extensions": unauthorized,
        },
    ]

    # A removed non-null field is null in place: the null does not propagate to its parent.
    shaped, errors = shape_response(
        SCHEMA,
        operation,  # type: ignore[arg-type]
        {},
        {},
        data,
        [],
        unauthorized=frozenset({id(strict_owner)}),
    )
    assert shaped == {
        "strict": {"id": "a", "owner": None, "iban": "DE1"},
        "node": {"id": "a", "iban": "DE1"},
    }
    assert errors == [
        {
            "message": "Unauthorized field or type",
            "path": ["strict", "owner"],
            "extensions": unauthorized,
        }
    ]
