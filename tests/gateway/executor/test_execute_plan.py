"""Plan execution against real fixture subgraphs: exact responses and exact subgraph requests."""

from __future__ import annotations

import asyncio
from typing import Any

from graphql import build_schema

from gateway.executor import Subgraphs, execute_plan
from gateway.planner.plan import (
    Condition,
    Fetch,
    FieldSelection,
    Flatten,
    InlineFragmentSelection,
    KeyRenamer,
    Parallel,
    QueryPlan,
    Sequence,
    ValueSetter,
)
from tests.fixtures.federation.subgraph import Rendezvous, SubgraphApp, SubgraphSpec
from tests.gateway.executor.shop import SUPERGRAPH, Shop, mounted_client, shape, urls

PRODUCT_KEY = (
    InlineFragmentSelection("Product", (FieldSelection("__typename"), FieldSelection("upc"))),
)
USER_KEY = (InlineFragmentSelection("User", (FieldSelection("__typename"), FieldSelection("id"))),)


def entities(selection: str) -> str:
    return (
        "query($representations: [_Any!]!) "
        f"{{ _entities(representations: $representations) {{ {selection} }} }}"
    )


def reviews_with_authors(first: int) -> QueryPlan:
    return QueryPlan(
        Sequence(
            (
                Fetch("products", f"{{ topProducts(first: {first}) {{ __typename upc name }} }}"),
                Flatten(
                    ("topProducts", "@"),
                    Fetch(
                        "reviews",
                        entities("... on Product { reviews { body author { __typename id } } }"),
                        requires=PRODUCT_KEY,
                    ),
                ),
                Flatten(
                    ("topProducts", "@", "reviews", "@", "author"),
                    Fetch("accounts", entities("... on User { name }"), requires=USER_KEY),
                ),
            )
        )
    )


async def test_entity_fetches_batch_and_dedupe_representations(shop: Shop) -> None:
    query = "{ topProducts(first: 2) { name reviews { body author { name } } } }"

    body = await shop.run(query, reviews_with_authors(2))

    assert body == {
        "data": {
            "topProducts": [
                {
                    "name": "Table",
                    "reviews": [
                        {"body": "Sturdy", "author": {"name": "Ada"}},
                        {"body": "Ok", "author": {"name": "Bob"}},
                    ],
                },
                {"name": "Chair", "reviews": [{"body": "Comfy", "author": {"name": "Ada"}}]},
            ]
        }
    }
    assert len(shop.requests("products")) == 1
    assert len(shop.requests("reviews")) == 1
    assert shop.requests("reviews")[0]["variables"] == {
        "representations": [
            {"__typename": "Product", "upc": "p1"},
            {"__typename": "Product", "upc": "p2"},
        ]
    }
    # Ada wrote two of the three reviews: one representation serves both authors.
    assert [r["variables"]["representations"] for r in shop.requests("accounts")] == [
        [{"__typename": "User", "id": "1"}, {"__typename": "User", "id": "2"}]
    ]


async def test_nested_lists_with_nulls_and_empty_lists(shop: Shop) -> None:
    plan = QueryPlan(
        Sequence(
            (
                Fetch("products", "{ shelves { __typename upc name } }"),
                Flatten(
                    ("shelves", "@", "@"),
                    Fetch(
                        "inventory", entities("... on Product { inStock }"), requires=PRODUCT_KEY
                    ),
                ),
            )
        )
    )

    body = await shop.run("{ shelves { name inStock } }", plan)

    table = {"name": "Table", "inStock": True}
    assert body == {
        "data": {
            "shelves": [
                [table, None, {"name": "Chair", "inStock": False}],
                None,
                [],
                [table, {"name": "Lamp", "inStock": True}],
            ]
        }
    }
    assert [r["variables"]["representations"] for r in shop.requests("inventory")] == [
        [
            {"__typename": "Product", "upc": "p1"},
            {"__typename": "Product", "upc": "p2"},
            {"__typename": "Product", "upc": "p3"},
        ]
    ]


async def test_no_targets_means_no_fetch(shop: Shop) -> None:
    plan = QueryPlan(
        Sequence(
            (
                Fetch("products", "{ topProducts(first: 0) { __typename upc } }"),
                Flatten(
                    ("topProducts", "@"),
                    Fetch(
                        "inventory", entities("... on Product { inStock }"), requires=PRODUCT_KEY
                    ),
                ),
            )
        )
    )

    body = await shop.run("{ topProducts(first: 0) { inStock } }", plan)

    assert body == {"data": {"topProducts": []}}
    assert shop.requests("inventory") == []


async def test_null_propagates_to_nearest_nullable_ancestor(shop: Shop) -> None:
    query = "{ topProducts(first: 3) { name reviews { body author { name } } } }"

    body = await shop.run(query, reviews_with_authors(3))

    # User 3 has no name: User.name! -> Review.author! -> [Review!] item -> the nullable list.
    assert body["data"]["topProducts"][2] == {"name": "Lamp", "reviews": None}
    assert body["data"]["topProducts"][0]["reviews"][0]["author"] == {"name": "Ada"}
    assert body["errors"] == [
        {
            "message": "Cannot return null for non-nullable field User.name.",
            "path": ["topProducts", 2, "reviews", 0, "author", "name"],
        }
    ]


async def test_null_in_non_null_root_field_nulls_data(shop: Shop) -> None:
    plan = QueryPlan(Fetch("accounts", '{ user(id: "3") { name } }'))

    body = await shop.run('{ user(id: "3") { name } }', plan)
    assert body["data"] == {"user": None}

    schema_with_strict_root = SUPERGRAPH  # Query.topProducts is [Product]! (non-null)
    result = {"topProducts": None}
    shaped = shape(schema_with_strict_root, "{ topProducts { name } }", result, [])
    assert shaped == {
        "data": None,
        "errors": [
            {
                "message": "Cannot return null for non-nullable field Query.topProducts.",
                "path": ["topProducts"],
            }
        ],
    }


async def test_parallel_root_fetches_run_concurrently() -> None:
    meeting = Rendezvous(2)

    async def arrive(_root: Any, _info: Any) -> str:
        return "together" if await meeting.arrive(timeout=5.0) else "alone"

    apps = {
        name: SubgraphApp(
            SubgraphSpec(name, f"type Query {{ {name}: String }}", {f"Query.{name}": arrive})
        )
        for name in ("left", "right")
    }
    plan = QueryPlan(Parallel((Fetch("left", "{ left }"), Fetch("right", "{ right }"))))
    async with mounted_client(apps) as client:
        result = await execute_plan(
            plan,
            schema=SUPERGRAPH,
            subgraphs=Subgraphs(client=client, urls=urls(apps)),
            variables={},
        )
    assert result.data == {"left": "together", "right": "together"}
    assert result.errors == []


async def test_entity_errors_are_repathed_to_every_target(shop: Shop) -> None:
    def fail_for_table(representation: dict[str, Any]) -> dict[str, Any]:
        if representation["upc"] == "p1":
            raise ValueError("stock system unavailable for p1")
        return dict(representation)

    shop.apps["inventory"] = SubgraphApp(
        SubgraphSpec(
            "inventory",
            'type Product @key(fields: "upc") { upc: String! inStock: Boolean }',
            resolvers={"Product.inStock": lambda _product, _info: True},
            references={"Product": fail_for_table},
        )
    )
    apps = dict(shop.apps)
    plan = QueryPlan(
        Sequence(
            (
                Fetch("products", "{ shelves { __typename upc name } }"),
                Flatten(
                    ("shelves", "@", "@"),
                    Fetch(
                        "inventory", entities("... on Product { inStock }"), requires=PRODUCT_KEY
                    ),
                ),
            )
        )
    )
    async with mounted_client(apps) as client:
        result = await execute_plan(
            plan,
            schema=SUPERGRAPH,
            subgraphs=Subgraphs(client=client, urls=urls(apps)),
            variables={},
        )
    body = shape(SUPERGRAPH, "{ shelves { name inStock } }", result.data, result.errors)

    error = {
        "message": "stock system unavailable for p1",
        "extensions": {"serviceName": "inventory"},
    }
    # p1 sits at two places; its one representation failed: one error per place.
    assert body["errors"] == [
        {**error, "path": ["shelves", 0, 0]},
        {**error, "path": ["shelves", 3, 0]},
    ]
    assert body["data"]["shelves"][0][0] == {"name": "Table", "inStock": None}
    assert body["data"]["shelves"][3] == [
        {"name": "Table", "inStock": None},
        {"name": "Lamp", "inStock": True},
    ]


async def test_field_errors_inside_entities_keep_their_tail(shop: Shop) -> None:
    def reviews_or_fail(product: dict[str, Any], _info: Any) -> Any:
        if product["upc"] == "p2":
            raise ValueError("reviews are being moderated")
        return []

    shop.apps["reviews"] = SubgraphApp(
        SubgraphSpec(
            "reviews",
            """
            type Product @key(fields: "upc") { upc: String! reviews: [Review!] }
            type Review { id: ID! body: String! author: User! }
            type User @key(fields: "id") { id: ID! }
            """,
            resolvers={"Product.reviews": reviews_or_fail},
            references={"Product": lambda rep: dict(rep)},
        )
    )
    apps = dict(shop.apps)
    async with mounted_client(apps) as client:
        result = await execute_plan(
            reviews_with_authors(2),
            schema=SUPERGRAPH,
            subgraphs=Subgraphs(client=client, urls=urls(apps)),
            variables={},
        )
    body = shape(
        SUPERGRAPH,
        "{ topProducts(first: 2) { name reviews { body } } }",
        result.data,
        result.errors,
    )

    assert body == {
        "data": {
            "topProducts": [{"name": "Table", "reviews": []}, {"name": "Chair", "reviews": None}]
        },
        "errors": [
            {
                "message": "reviews are being moderated",
                "path": ["topProducts", 1, "reviews"],
                "extensions": {"serviceName": "reviews"},
            }
        ],
    }


async def test_aliases_typename_and_client_field_order(shop: Shop) -> None:
    query = """
    {
      __typename
      top: topProducts(first: 1) { __typename n: name code: upc }
      boss: me { handle: username who: name kind: __typename }
    }
    """
    plan = QueryPlan(
        Parallel(
            (
                Fetch("accounts", "{ boss: me { who: name handle: username } }"),
                Fetch(
                    "products", "{ top: topProducts(first: 1) { __typename code: upc n: name } }"
                ),
            )
        )
    )

    body = await shop.run(query, plan)

    assert body == {
        "data": {
            "__typename": "Query",
            "top": [{"__typename": "Product", "n": "Table", "code": "p1"}],
            "boss": {"handle": "ada", "who": "Ada", "kind": "User"},
        }
    }
    assert list(body["data"]) == ["__typename", "top", "boss"]
    assert list(body["data"]["boss"]) == ["handle", "who", "kind"]


async def test_requires_inputs_and_key_renamer_rewrites(shop: Shop) -> None:
    requires = (
        InlineFragmentSelection(
            "Product",
            (FieldSelection("__typename"), FieldSelection("upc"), FieldSelection("w__alias_0")),
        ),
    )
    plan = QueryPlan(
        Sequence(
            (
                Fetch(
                    "products", "{ topProducts(first: 2) { __typename upc w__alias_0: weight } }"
                ),
                Flatten(
                    ("topProducts", "@"),
                    Fetch(
                        "inventory",
                        entities("... on Product { shippingEstimate }"),
                        requires=requires,
                        input_rewrites=(KeyRenamer(("... on Product", "w__alias_0"), "weight"),),
                    ),
                ),
            )
        )
    )

    body = await shop.run("{ topProducts(first: 2) { shippingEstimate } }", plan)

    assert body == {"data": {"topProducts": [{"shippingEstimate": 20}, {"shippingEstimate": 10}]}}
    assert shop.requests("inventory")[0]["variables"]["representations"] == [
        {"__typename": "Product", "upc": "p1", "weight": 10},
        {"__typename": "Product", "upc": "p2", "weight": 5},
    ]


async def test_output_rewrites_rename_internal_aliases(shop: Shop) -> None:
    plan = QueryPlan(
        Fetch(
            "products",
            "{ topProducts(first: 1) { name__alias_0: name } }",
            output_rewrites=(KeyRenamer(("topProducts", "name__alias_0"), "name"),),
        )
    )

    body = await shop.run("{ topProducts(first: 1) { name } }", plan)

    assert body == {"data": {"topProducts": [{"name": "Table"}]}}


async def test_only_used_and_provided_variables_are_forwarded(shop: Shop) -> None:
    plan = QueryPlan(
        Parallel(
            (
                Fetch(
                    "products",
                    "query Q__products__0($first: Int) { topProducts(first: $first) { name } }",
                    operation_name="Q__products__0",
                    variable_usages=("first",),
                ),
                Fetch(
                    "accounts",
                    "query Q__accounts__1($id: ID!) { user(id: $id) { name } }",
                    operation_name="Q__accounts__1",
                    variable_usages=("id",),
                ),
            )
        )
    )
    query = """
    query Q($first: Int, $id: ID!) { topProducts(first: $first) { name } user(id: $id) { name } }
    """

    result = await shop.execute(plan, variables={"id": "2"})

    body = shape(SUPERGRAPH, query, result.data, result.errors, {"id": "2"})
    # $first was omitted by the client, so it is omitted for the subgraph: its default (2) applies.
    assert body == {
        "data": {"topProducts": [{"name": "Table"}, {"name": "Chair"}], "user": {"name": "Bob"}}
    }
    assert shop.requests("products")[0]["variables"] == {}
    assert shop.requests("products")[0]["operationName"] == "Q__products__0"
    assert shop.requests("accounts")[0]["variables"] == {"id": "2"}


async def test_condition_runs_one_branch_by_variable(shop: Shop) -> None:
    plan = QueryPlan(
        Sequence(
            (
                Fetch("products", "{ topProducts(first: 1) { __typename upc name } }"),
                Condition(
                    "withStock",
                    if_clause=Flatten(
                        ("topProducts", "@"),
                        Fetch(
                            "inventory",
                            entities("... on Product { inStock }"),
                            requires=PRODUCT_KEY,
                        ),
                    ),
                ),
            )
        )
    )
    query = """
    query($withStock: Boolean!) { topProducts(first: 1) { name inStock @include(if: $withStock) } }
    """

    without = await shop.run(query, plan, {"withStock": False})
    assert without == {"data": {"topProducts": [{"name": "Table"}]}}
    assert shop.requests("inventory") == []

    with_stock = await shop.run(query, plan, {"withStock": True})
    assert with_stock == {"data": {"topProducts": [{"name": "Table", "inStock": True}]}}
    assert len(shop.requests("inventory")) == 1


MEDIA_SUPERGRAPH = build_schema(
    """
    type Query { media: [Media] }
    interface Media { id: ID! rating: Int }
    type Book implements Media { id: ID! rating: Int pages: Int }
    """
)


async def test_interface_object_entities_keep_the_concrete_typename() -> None:
    apps = {
        "catalog": SubgraphApp(
            SubgraphSpec(
                "catalog",
                """
                type Query { media: [Media] }
                interface Media @key(fields: "id") { id: ID! }
                type Book implements Media @key(fields: "id") { id: ID! pages: Int }
                """,
                resolvers={
                    "Query.media": lambda _r, _i: [{"__typename": "Book", "id": "b1", "pages": 9}]
                },
            )
        ),
        "ratings": SubgraphApp(
            SubgraphSpec(
                "ratings",
                'type Media @key(fields: "id") @interfaceObject { id: ID! rating: Int }',
                references={"Media": lambda rep: {**rep, "rating": 5}},
            )
        ),
    }
    media_key = (
        InlineFragmentSelection("Media", (FieldSelection("__typename"), FieldSelection("id"))),
    )
    plan = QueryPlan(
        Sequence(
            (
                Fetch("catalog", "{ media { __typename id ... on Book { pages } } }"),
                Flatten(
                    ("media", "@"),
                    Fetch(
                        "ratings",
                        entities("... on Media { __typename rating }"),
                        requires=media_key,
                        input_rewrites=(ValueSetter(("... on Media", "__typename"), "Media"),),
                    ),
                ),
            )
        )
    )
    async with mounted_client(apps) as client:
        result = await execute_plan(
            plan,
            schema=MEDIA_SUPERGRAPH,
            subgraphs=Subgraphs(client=client, urls=urls(apps)),
            variables={},
        )
    query = "{ media { __typename rating ... on Book { pages } } }"

    body = shape(MEDIA_SUPERGRAPH, query, result.data, result.errors)

    assert body == {"data": {"media": [{"__typename": "Book", "rating": 5, "pages": 9}]}}
    assert apps["ratings"].requests[0]["variables"]["representations"] == [
        {"__typename": "Media", "id": "b1"}
    ]


async def test_fetch_below_a_root_typed_field_merges_at_each_target(shop: Shop) -> None:
    def fail_for_unknown(_root: Any, _info: Any, id: str) -> Any:
        raise ValueError(f"no user {id}")

    shop.apps["accounts"] = SubgraphApp(
        SubgraphSpec(
            "accounts",
            "type Query { me: User user(id: ID!): User } type User { id: ID! name: String }",
            resolvers={"Query.me": lambda _r, _i: {"name": "Ada"}, "Query.user": fail_for_unknown},
        )
    )
    apps = dict(shop.apps)
    plan = QueryPlan(
        Sequence(
            (
                Fetch("products", "{ viewer { __typename } }"),
                Flatten(("viewer",), Fetch("accounts", '{ me { name } user(id: "x") { name } }')),
            )
        )
    )
    async with mounted_client(apps) as client:
        result = await execute_plan(
            plan, schema=SUPERGRAPH, subgraphs=Subgraphs(client, urls(apps)), variables={}
        )

    body = shape(
        SUPERGRAPH, '{ viewer { me { name } user(id: "x") { name } } }', result.data, result.errors
    )

    assert body == {
        "data": {"viewer": {"me": {"name": "Ada"}, "user": None}},
        "errors": [
            {
                "message": "no user x",
                "path": ["viewer", "user"],
                "extensions": {"serviceName": "accounts"},
            }
        ],
    }


async def test_parallel_errors_are_listed_in_plan_order() -> None:
    second_answered = asyncio.Event()

    async def first(_root: Any, _info: Any) -> str:
        await asyncio.wait_for(second_answered.wait(), timeout=5.0)
        raise ValueError("first failed")

    def second(_root: Any, _info: Any) -> str:
        second_answered.set()
        raise ValueError("second failed")

    apps = {
        name: SubgraphApp(
            SubgraphSpec(name, f"type Query {{ {name}: String }}", {f"Query.{name}": resolver})
        )
        for name, resolver in (("first", first), ("second", second))
    }
    plan = QueryPlan(Parallel((Fetch("first", "{ first }"), Fetch("second", "{ second }"))))
    async with mounted_client(apps) as client:
        result = await execute_plan(
            plan, schema=SUPERGRAPH, subgraphs=Subgraphs(client, urls(apps)), variables={}
        )
    assert [error["message"] for error in result.errors] == ["first failed", "second failed"]
