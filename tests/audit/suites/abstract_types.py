"""Audit suite ``abstract-types``: an interface (``Product``) and unions (``PublisherType``)
whose implementations and members are spread over seven subgraphs (one of them Federation 1),
with ``@requires`` under interface fields, ``@include``/``@skip`` on fragments of one
implementation, and the same fragment selecting different fields per member."""

from __future__ import annotations

from typing import Any

from fixtures.federation.subgraph import SubgraphSpec

from ..suite import AuditCase, AuditSuite

AGENCY_SDL = """
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])

type Agency @key(fields: "id") {
  id: ID!
  companyName: String
  email: Email
}

type Email {
  address: String
}

type Group @key(fields: "id") {
  id: ID!
  name: String
  email: String
}

union PublisherType = Agency | Group
"""

BOOKS_SDL = """
schema @link(url: "https://specs.apollo.dev/federation/v2.3",
  import: ["@key", "@shareable", "@external", "@requires"]) {
  query: Query
}

type Book @key(fields: "id") {
  id: ID!
  title: String
}

type Query {
  books: [Book]
}
"""

INVENTORY_SDL = """
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3",
  import: ["@key", "@shareable", "@external", "@requires"])

interface Product {
  id: ID!
  dimensions: ProductDimension
  delivery(zip: String): DeliveryEstimates
}

type Book implements Product @key(fields: "id") {
  id: ID!
  dimensions: ProductDimension @external
  delivery(zip: String): DeliveryEstimates @requires(fields: "dimensions { size weight }")
}

type Magazine implements Product @key(fields: "id") {
  id: ID!
  dimensions: ProductDimension @external
  delivery(zip: String): DeliveryEstimates @requires(fields: "dimensions { size weight }")
}

type ProductDimension @shareable {
  size: String
  weight: Float
}

type DeliveryEstimates {
  estimatedDelivery: String
  fastestDelivery: String
}
"""

MAGAZINES_SDL = """
schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable"]) {
  query: Query
}

type Magazine @key(fields: "id") {
  id: ID!
  title: String
}

type Query {
  magazines: [Magazine]
}
"""

PRODUCTS_SDL = """
schema @link(url: "https://specs.apollo.dev/federation/v2.3",
  import: ["@key", "@shareable", "@inaccessible", "@external"]) {
  query: Query
}

type Query {
  products: [Product]
  similar(id: ID!): [Product]
}

interface Product {
  id: ID!
  sku: String
  dimensions: ProductDimension
  createdBy: User
  hidden: Boolean @inaccessible
}

interface Similar {
  similar: [Product]
}

type ProductDimension @shareable {
  size: String
  weight: Float
}

type Book implements Product & Similar @key(fields: "id") {
  id: ID!
  sku: String
  dimensions: ProductDimension @shareable
  createdBy: User
  similar: [Book]
  hidden: Boolean
  publisherType: PublisherType
}

type Magazine implements Product & Similar @key(fields: "id") {
  id: ID!
  sku: String
  dimensions: ProductDimension @shareable
  createdBy: User
  similar: [Magazine]
  hidden: Boolean
  publisherType: PublisherType
}

union PublisherType = Agency | Self

type Agency {
  id: ID! @shareable
}

type Self {
  email: String
}

type User @key(fields: "email") {
  email: ID!
  totalProductsCreated: Int @shareable
}
"""

REVIEWS_SDL = """
schema @link(url: "https://specs.apollo.dev/federation/v2.3",
  import: ["@key", "@shareable", "@requires", "@external"]) {
  query: Query
}

type Book implements Product & Similar @key(fields: "id") {
  id: ID!
  reviewsCount: Int!
  reviewsScore: Float! @shareable
  reviews: [Review!]!
  similar: [Book] @external
  reviewsOfSimilar: [Review!]! @requires(fields: "similar { id }")
}

type Magazine implements Product & Similar @key(fields: "id") {
  id: ID!
  reviewsCount: Int!
  reviewsScore: Float! @shareable
  reviews: [Review!]!
  similar: [Magazine] @external
  reviewsOfSimilar: [Review!]! @requires(fields: "similar { id }")
}

interface Product {
  id: ID!
  reviewsCount: Int!
  reviewsScore: Float!
  reviews: [Review!]!
}

interface Similar {
  similar: [Product]
}

type Query {
  review(id: Int!): Review
}

type Review {
  id: Int!
  body: String!
  product: Product
}
"""

# Federation 1 (no @link): fields are implicitly shareable.
USERS_SDL = """
type User @key(fields: "email") {
  email: ID!
  name: String
  totalProductsCreated: Int
}
"""

USERS = {
    f"u{n}": {"id": f"u{n}", "email": f"u{n}@example.com", "name": f"u{n}-name"} for n in (1, 2, 3)
}
_SELF = {"__typename": "Self", "email": "u1@example.com"}
_AGENCY = {"__typename": "Agency", "id": "a1"}


def _product(typename: str, n: int, title: str, by: str, weight: float, publisher: Any) -> Any:
    return {
        "__typename": typename,
        "id": f"p{n}",
        "sku": f"sku-{n}",
        "title": title,
        "createdBy": by,
        "dimensions": {"size": "small", "weight": weight},
        "publisher": publisher,
        "hidden": n == 4,
    }


PRODUCTS = [
    _product("Book", 1, "Book 1", "u1", 0.5, _SELF),
    _product("Book", 3, "Book 2", "u2", 0.6, _AGENCY),
    _product("Magazine", 2, "Magazine 1", "u1", 0.2, _AGENCY),
    _product("Magazine", 4, "Magazine 2", "u2", 0.3, _SELF),
]
REVIEWS = [
    {"id": 1, "body": "review 1", "productId": "p1", "score": 3},
    {"id": 2, "body": "review 2", "productId": "p1", "score": 4},
    {"id": 3, "body": "review 3", "productId": "p2", "score": 5},
]
AGENCIES = {"a1": {"id": "a1", "companyName": "Agency 1", "email": {"address": "a1@example.com"}}}


def _find(typename: str, product_id: str) -> dict[str, Any] | None:
    return next(
        (p for p in PRODUCTS if p["__typename"] == typename and p["id"] == product_id), None
    )


def _products_view(product: dict[str, Any]) -> dict[str, Any]:
    keys = ("__typename", "id", "sku", "dimensions", "createdBy", "hidden")
    return {**{k: product[k] for k in keys}, "publisherType": product["publisher"]}


def _products_ref(typename: str) -> Any:
    def resolve(rep: dict[str, Any]) -> dict[str, Any] | None:
        product = _find(typename, rep["id"])
        return None if product is None else _products_view(product)

    return resolve


def _similar(_parent: Any, _info: Any, id: str) -> list[dict[str, Any]]:
    product = next((p for p in PRODUCTS if p["id"] == id), None)
    if product is None:
        return []
    return [
        _products_view(p)
        for p in PRODUCTS
        if p["id"] != id and p["__typename"] == product["__typename"]
    ]


def _created_by(product: dict[str, Any], _info: Any) -> dict[str, Any] | None:
    user = USERS.get(product["createdBy"])
    return None if user is None else {"id": user["id"], "email": user["email"]}


def _user_by_email(rep: dict[str, Any]) -> dict[str, Any] | None:
    return next((dict(u) for u in USERS.values() if u["email"] == rep["email"]), None)


def _total_created(user: dict[str, Any], _info: Any) -> int:
    return sum(1 for p in PRODUCTS if p["createdBy"] == user["id"])


def _delivery(product: dict[str, Any], _info: Any, zip: str | None = None) -> Any:
    dimensions = product.get("dimensions")
    if not zip or not dimensions:
        return None
    if dimensions["size"] == "small" and dimensions["weight"] < 1:
        return {"estimatedDelivery": "1 day", "fastestDelivery": "same day"}
    if dimensions["size"] == "large" and dimensions["weight"] >= 1:
        return {"estimatedDelivery": "3 days", "fastestDelivery": "2 days"}
    return None


def _inventory_ref(typename: str) -> Any:
    def resolve(rep: dict[str, Any]) -> dict[str, Any] | None:
        product = _find(typename, rep["id"])
        if product is None:
            return None
        return {"__typename": typename, "id": product["id"], "dimensions": rep.get("dimensions")}

    return resolve


def _review(review: dict[str, Any]) -> dict[str, Any]:
    product = next((p for p in PRODUCTS if p["id"] == review["productId"]), None)
    return {
        "id": review["id"],
        "body": review["body"],
        "product": None
        if product is None
        else {"__typename": product["__typename"], "id": product["id"]},
    }


def _reviews_of(product_id: str) -> list[dict[str, Any]]:
    return [_review(r) for r in REVIEWS if r["productId"] == product_id]


def _reviews_score(product: dict[str, Any], _info: Any) -> float:
    scores = [r["score"] for r in REVIEWS if r["productId"] == product["id"]]
    return sum(scores) / len(scores) if scores else 0.0


def _reviews_ref(typename: str) -> Any:
    def resolve(rep: dict[str, Any]) -> dict[str, Any] | None:
        product = _find(typename, rep["id"])
        if product is None:
            return None
        return {"__typename": typename, "id": product["id"], "similar": rep.get("similar")}

    return resolve


def _reviews_of_similar(product: dict[str, Any], _info: Any) -> list[dict[str, Any]]:
    ids = [s["id"] for s in product.get("similar") or () if s]
    return [review for pid in ids for review in _reviews_of(pid)]


def _titles(typename: str) -> Any:
    def resolve(rep: dict[str, Any]) -> dict[str, Any] | None:
        product = _find(typename, rep["id"])
        return None if product is None else {k: product[k] for k in ("__typename", "id", "title")}

    return resolve


def build() -> AuditSuite:
    product_resolvers: dict[str, Any] = {}
    for typename in ("Book", "Magazine"):
        product_resolvers[f"{typename}.createdBy"] = _created_by
        product_resolvers[f"{typename}.similar"] = lambda p, _i, t=typename: [
            _products_view(o) for o in PRODUCTS if o["__typename"] == t and o["id"] != p["id"]
        ]
    review_resolvers: dict[str, Any] = {"Query.review": _query_review}
    for typename in ("Book", "Magazine"):
        review_resolvers[f"{typename}.reviews"] = lambda p, _i: _reviews_of(p["id"])
        review_resolvers[f"{typename}.reviewsCount"] = lambda p, _i: len(_reviews_of(p["id"]))
        review_resolvers[f"{typename}.reviewsScore"] = _reviews_score
        review_resolvers[f"{typename}.reviewsOfSimilar"] = _reviews_of_similar
    subgraphs = (
        SubgraphSpec(
            "agency",
            AGENCY_SDL,
            references={
                "Agency": lambda rep: AGENCIES.get(rep["id"]),
                "Group": lambda rep: {
                    "id": rep["id"],
                    "name": f"Group {rep['id']}",
                    "email": f"group{rep['id']}@example.com",
                },
            },
        ),
        SubgraphSpec(
            "inventory",
            INVENTORY_SDL,
            resolvers={"Book.delivery": _delivery, "Magazine.delivery": _delivery},
            references={"Book": _inventory_ref("Book"), "Magazine": _inventory_ref("Magazine")},
        ),
        SubgraphSpec(
            "books",
            BOOKS_SDL,
            resolvers={
                "Query.books": lambda _p, _i: [
                    _titles("Book")(p) for p in PRODUCTS if p["__typename"] == "Book"
                ]
            },
            references={"Book": _titles("Book")},
        ),
        SubgraphSpec(
            "users",
            USERS_SDL,
            resolvers={"User.totalProductsCreated": _total_created},
            references={"User": _user_by_email},
        ),
        SubgraphSpec(
            "reviews",
            REVIEWS_SDL,
            resolvers=review_resolvers,
            references={"Book": _reviews_ref("Book"), "Magazine": _reviews_ref("Magazine")},
        ),
        SubgraphSpec(
            "products",
            PRODUCTS_SDL,
            resolvers={
                "Query.products": lambda _p, _i: [_products_view(p) for p in PRODUCTS],
                "Query.similar": _similar,
                "User.totalProductsCreated": _total_created,
                **product_resolvers,
            },
            references={
                "Book": _products_ref("Book"),
                "Magazine": _products_ref("Magazine"),
                "User": _user_by_email,
            },
        ),
        SubgraphSpec(
            "magazines",
            MAGAZINES_SDL,
            resolvers={
                "Query.magazines": lambda _p, _i: [
                    _titles("Magazine")(p) for p in PRODUCTS if p["__typename"] == "Magazine"
                ]
            },
            references={"Magazine": _titles("Magazine")},
        ),
    )
    return AuditSuite("abstract-types", subgraphs, CASES)


def _query_review(_parent: Any, _info: Any, id: int) -> dict[str, Any] | None:
    review = next((r for r in REVIEWS if r["id"] == id), None)
    return None if review is None else _review(review)


_IDS = [p["id"] for p in PRODUCTS]
_REVIEWED = {"p1": 2, "p2": 1}


def _per_product(product_value: Any) -> dict[str, Any]:
    """``products { id reviews { product { ... } } }`` with ``product_value(product)``."""
    return {
        "products": [
            {
                "id": p["id"],
                "reviews": [{"product": product_value(p)}] * _REVIEWED.get(p["id"], 0),
            }
            for p in PRODUCTS
        ]
    }


def _book_or_magazine(book: dict[str, Any], magazine: dict[str, Any]) -> Any:
    return lambda p: {"id": p["id"], **(book if p["__typename"] == "Book" else magazine)(p)}


def _fields(*names: str) -> Any:
    return lambda p: {name: p[name] for name in names}


_NOTHING = _fields()
_MAG_SKU = _fields("sku")

_PRODUCT_QUERY = """
query ($title: Boolean = %s) {
  products { id reviews { product { id %s ... on Magazine { sku } } } }
}
"""


def _conditional(name: str, default: str, fragment: str, book: Any) -> AuditCase:
    return AuditCase(
        name,
        _PRODUCT_QUERY % (default, fragment),
        _per_product(_book_or_magazine(book, _MAG_SKU)),
    )


_PUBLISHER_QUERY = """
{
  products { id reviews { product { id
    ... on Magazine { publisherType { ...Publisher } }
    ... on Book { publisherType { ...Publisher } }
  } } }
}
fragment Publisher on PublisherType { %s }
"""


def _publisher(p: dict[str, Any], self_key: str, agency: Any) -> dict[str, Any]:
    publisher = p["publisher"]
    if publisher["__typename"] == "Self":
        return {"publisherType": {self_key: publisher["email"]}}
    return {"publisherType": agency(AGENCIES[publisher["id"]])}


CASES = (
    AuditCase(
        "interface field over all implementations",
        "{ products { id dimensions { size weight } } }",
        {"products": [{"id": p["id"], "dimensions": p["dimensions"]} for p in PRODUCTS]},
    ),
    AuditCase(
        "root field returning an interface",
        '{ similar(id: "p1") { id sku } }',
        {"similar": [{"id": "p3", "sku": "sku-3"}]},
    ),
    AuditCase(
        "requires under an interface field, per implementation",
        """
        {
          book: similar(id: "p1") {
            id sku delivery(zip: "1234") { fastestDelivery estimatedDelivery }
          }
          magazine: similar(id: "p2") {
            id sku delivery(zip: "1234") { fastestDelivery estimatedDelivery }
          }
        }
        """,
        {
            alias: [
                {
                    "id": pid,
                    "sku": sku,
                    "delivery": {"fastestDelivery": "same day", "estimatedDelivery": "1 day"},
                }
            ]
            for alias, pid, sku in (("book", "p3", "sku-3"), ("magazine", "p4", "sku-4"))
        },
    ),
    AuditCase(
        "same field through interface, implementations and another interface",
        """
        {
          products {
            sku
            ... on Product { sku }
            ... on Book { sku }
            ... on Magazine { sku }
            ... on Similar { __typename type: __typename }
          }
        }
        """,
        {
            "products": [
                {"sku": p["sku"], "__typename": p["__typename"], "type": p["__typename"]}
                for p in PRODUCTS
            ]
        },
    ),
    AuditCase(
        "entity under an interface, from a Federation 1 subgraph",
        "{ products { author: createdBy { email totalProductsCreated } "
        "... on Magazine { title } } }",
        {
            "products": [
                {
                    "author": {"email": USERS[p["createdBy"]]["email"], "totalProductsCreated": 2},
                    **({"title": p["title"]} if p["__typename"] == "Magazine" else {}),
                }
                for p in PRODUCTS
            ]
        },
    ),
    AuditCase(
        "fields of different subgraphs per implementation",
        """
        {
          products {
            id
            reviews { product { sku ... on Magazine { title } ... on Book { reviewsCount } } }
          }
        }
        """,
        _per_product(
            lambda p: (
                {"sku": p["sku"], "title": p["title"]}
                if p["__typename"] == "Magazine"
                else {"sku": p["sku"], "reviewsCount": _REVIEWED.get(p["id"], 0)}
            )
        ),
    ),
    AuditCase(
        "list of another subgraph under an interface",
        "{ products { id reviews { id } } }",
        {
            "products": [
                {
                    "id": p["id"],
                    "reviews": [{"id": r["id"]} for r in REVIEWS if r["productId"] == p["id"]],
                }
                for p in PRODUCTS
            ]
        },
    ),
    _conditional(
        "@include true on one implementation",
        "true",
        "... on Book @include(if: $title) { title }",
        _fields("title"),
    ),
    _conditional(
        "@include false on one implementation",
        "false",
        "... on Book @include(if: $title) { title }",
        _NOTHING,
    ),
    _conditional(
        "@skip false on one implementation",
        "false",
        "... on Book @skip(if: $title) { title }",
        _fields("title"),
    ),
    _conditional(
        "@skip true on one implementation",
        "true",
        "... on Book @skip(if: $title) { title }",
        _NOTHING,
    ),
    _conditional(
        "@skip true next to an unconditional fragment",
        "true",
        "... on Book @skip(if: $title) { title } ... on Book { sku }",
        _fields("sku"),
    ),
    _conditional(
        "@skip false next to an unconditional fragment",
        "false",
        "... on Book @skip(if: $title) { title } ... on Book { sku }",
        _fields("title", "sku"),
    ),
    _conditional(
        "nested fragment under @include",
        "true",
        "... on Book @include(if: $title) { title ... on Book { sku } }",
        _fields("title", "sku"),
    ),
    _conditional(
        "@skip nested under @include on the same variable",
        "true",
        "... on Book @include(if: $title) { title ... on Book @skip(if: $title) { sku } }",
        _fields("title"),
    ),
    AuditCase(
        "union members from different subgraphs",
        _PUBLISHER_QUERY % "... on Agency { id companyName } ... on Self { email }",
        _per_product(
            lambda p: {
                "id": p["id"],
                **_publisher(
                    p, "email", lambda a: {"id": a["id"], "companyName": a["companyName"]}
                ),
            }
        ),
    ),
    AuditCase(
        "union member only one subgraph knows",
        _PUBLISHER_QUERY
        % "... on Agency { id companyName } ... on Self { email } ... on Group { name }",
        _per_product(
            lambda p: {
                "id": p["id"],
                **_publisher(
                    p, "email", lambda a: {"id": a["id"], "companyName": a["companyName"]}
                ),
            }
        ),
    ),
    AuditCase(
        "same response name, different types per member",
        _PUBLISHER_QUERY
        % "... on Agency { emailObj: email { address } } ... on Self { emailStr: email } "
        "... on Group { emailStr: email }",
        _per_product(
            lambda p: {
                "id": p["id"],
                **_publisher(p, "emailStr", lambda a: {"emailObj": a["email"]}),
            }
        ),
    ),
)
