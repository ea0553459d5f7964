"""@requires: inputs fetched first and sent in the representation; nesting, arguments, chains."""

from __future__ import annotations

from tests.gateway.planner.harness import PlanText, expected


def test_requires_input_from_other_subgraph(plan: PlanText) -> None:
    """shippingCost needs weight from catalog first."""
    query = """
        { product(upc: "1") { shippingCost } }
    """
    assert plan("requires", query) == expected(
        """
        QueryPlan {
          Sequence {
            Fetch(service: "catalog") {
              {
                product(upc: "1") {
                  __typename
                  upc
                  weight
                }
              }
            },
            Flatten(path: "product") {
              Fetch(service: "inventory") {
                {
                  ... on Product {
                    __typename
                    upc
                    weight
                  }
                } =>
                query($representations: [_Any!]!) {
                  _entities(representations: $representations) {
                    ... on Product {
                      shippingCost
                    }
                  }
                }
              },
            },
          },
        }
        """
    )


def test_requires_nested_selection(plan: PlanText) -> None:
    """A nested required selection travels as a nested object."""
    query = """
        { product(upc: "1") { packing } }
    """
    assert plan("requires", query) == expected(
        """
        QueryPlan {
          Sequence {
            Fetch(service: "catalog") {
              {
                product(upc: "1") {
                  __typename
                  upc
                  dims {
                    w
                    h
                  }
                }
              }
            },
            Flatten(path: "product") {
              Fetch(service: "inventory") {
                {
                  ... on Product {
                    __typename
                    upc
                    dims {
                      w
                      h
                    }
                  }
                } =>
                query($representations: [_Any!]!) {
                  _entities(representations: $representations) {
                    ... on Product {
                      packing
                    }
                  }
                }
              },
            },
          },
        }
        """
    )


def test_requires_field_with_arguments_uses_internal_alias(plan: PlanText) -> None:
    """A required field with arguments is fetched under an alias and renamed back."""
    query = """
        { product(upc: "1") { euroTax price(currency: "USD") } }
    """
    assert plan("requires", query) == expected(
        """
        QueryPlan {
          Sequence {
            Fetch(service: "catalog") {
              {
                product(upc: "1") {
                  __typename
                  upc
                  price__alias_0: price(currency: "EUR")
                  price(currency: "USD")
                }
              }
            },
            Flatten(path: "product") {
              Fetch(service: "inventory") {
                {
                  ... on Product {
                    __typename
                    upc
                    price__alias_0
                  }
                } =>
                input rewrite: ["... on Product","price__alias_0"] -> "price"
                query($representations: [_Any!]!) {
                  _entities(representations: $representations) {
                    ... on Product {
                      euroTax
                    }
                  }
                }
              },
            },
          },
        }
        """
    )


def test_same_required_field_with_different_arguments_splits_fetches(plan: PlanText) -> None:
    """euroTax and usdTax need price with different arguments: one representation each."""
    query = """
        { product(upc: "1") { euroTax usdTax } }
    """
    assert plan("requires", query) == expected(
        """
        QueryPlan {
          Sequence {
            Fetch(service: "catalog") {
              {
                product(upc: "1") {
                  __typename
                  upc
                  price__alias_0: price(currency: "EUR")
                  price__alias_1: price(currency: "USD")
                }
              }
            },
            Parallel {
              Flatten(path: "product") {
                Fetch(service: "inventory") {
                  {
                    ... on Product {
                      __typename
                      upc
                      price__alias_0
                    }
                  } =>
                  input rewrite: ["... on Product","price__alias_0"] -> "price"
                  query($representations: [_Any!]!) {
                    _entities(representations: $representations) {
                      ... on Product {
                        euroTax
                      }
                    }
                  }
                },
              },
              Flatten(path: "product") {
                Fetch(service: "inventory") {
                  {
                    ... on Product {
                      __typename
                      upc
                      price__alias_1
                    }
                  } =>
                  input rewrite: ["... on Product","price__alias_1"] -> "price"
                  query($representations: [_Any!]!) {
                    _entities(representations: $representations) {
                      ... on Product {
                        usdTax
                      }
                    }
                  }
                },
              },
            },
          },
        }
        """
    )


def test_requires_through_compound_nested_key(plan: PlanText) -> None:
    """nameInB requires name from a; b is entered back by its key id compositeId { two three }."""
    query = """
        { b { id a { id name nameInB } } }
    """
    assert plan("mashup", query) == expected(
        """
        QueryPlan {
          Sequence {
            Fetch(service: "b") {
              {
                b {
                  id
                  a {
                    id
                    __typename
                    compositeId {
                      two
                      three
                    }
                  }
                }
              }
            },
            Flatten(path: "b.a.@") {
              Fetch(service: "a") {
                {
                  ... on A {
                    __typename
                    id
                  }
                } =>
                query($representations: [_Any!]!) {
                  _entities(representations: $representations) {
                    ... on A {
                      name
                    }
                  }
                }
              },
            },
            Flatten(path: "b.a.@") {
              Fetch(service: "b") {
                {
                  ... on A {
                    __typename
                    id
                    compositeId {
                      two
                      three
                    }
                    name
                  }
                } =>
                query($representations: [_Any!]!) {
                  _entities(representations: $representations) {
                    ... on A {
                      nameInB
                    }
                  }
                }
              },
            },
          },
        }
        """
    )


def test_requires_with_fragments_on_abstract_types(plan: PlanText) -> None:
    """The required selection has type conditions; it travels as is in the representation."""
    query = """
        { a { data { __typename } requirer } }
    """
    assert plan("requires_fragments", query) == expected(
        """
        QueryPlan {
          Sequence {
            Fetch(service: "a") {
              {
                a {
                  data {
                    __typename
                    foo
                    ... on Baz {
                      bar
                      baz
                    }
                    ... on Qux {
                      qux
                    }
                  }
                  __typename
                  id
                }
              }
            },
            Flatten(path: "a") {
              Fetch(service: "b") {
                {
                  ... on Entity {
                    __typename
                    id
                    data {
                      foo
                      ... on Baz {
                        bar
                        baz
                      }
                      ... on Qux {
                        qux
                      }
                    }
                  }
                } =>
                query($representations: [_Any!]!) {
                  _entities(representations: $representations) {
                    ... on Entity {
                      requirer
                    }
                  }
                }
              },
            },
          },
        }
        """
    )


def test_requires_interface_fragment_from_other_subgraph(plan: PlanText) -> None:
    """data comes from a; requirer2 needs data { foo } back in b."""
    query = """
        { bb { data { __typename } requirer2 } }
    """
    assert plan("requires_fragments", query) == expected(
        """
        QueryPlan {
          Sequence {
            Fetch(service: "b") {
              {
                bb {
                  __typename
                  id
                }
              }
            },
            Flatten(path: "bb") {
              Fetch(service: "a") {
                {
                  ... on Entity {
                    __typename
                    id
                  }
                } =>
                query($representations: [_Any!]!) {
                  _entities(representations: $representations) {
                    ... on Entity {
                      data {
                        __typename
                        foo
                      }
                    }
                  }
                }
              },
            },
            Flatten(path: "bb") {
              Fetch(service: "b") {
                {
                  ... on Entity {
                    __typename
                    id
                    data {
                      foo
                    }
                  }
                } =>
                query($representations: [_Any!]!) {
                  _entities(representations: $representations) {
                    ... on Entity {
                      requirer2
                    }
                  }
                }
              },
            },
          },
        }
        """
    )


def test_requires_of_a_field_that_itself_requires(plan: PlanText) -> None:
    """userOrders (service3) requires lastName; both service2 fields require userOrders { id }."""
    query = """
        { user { aggregatedOrdersByStatus totalOrdersPrices } }
    """
    assert plan("nested_requires", query) == expected(
        """
        QueryPlan {
          Sequence {
            Fetch(service: "service1") {
              {
                user {
                  __typename
                  id
                  lastName
                }
              }
            },
            Flatten(path: "user") {
              Fetch(service: "service3") {
                {
                  ... on User {
                    __typename
                    id
                    lastName
                  }
                } =>
                query($representations: [_Any!]!) {
                  _entities(representations: $representations) {
                    ... on User {
                      userOrders {
                        id
                      }
                    }
                  }
                }
              },
            },
            Flatten(path: "user") {
              Fetch(service: "service2") {
                {
                  ... on User {
                    __typename
                    id
                    userOrders {
                      id
                    }
                  }
                } =>
                query($representations: [_Any!]!) {
                  _entities(representations: $representations) {
                    ... on User {
                      aggregatedOrdersByStatus
                      totalOrdersPrices
                    }
                  }
                }
              },
            },
          },
        }
        """
    )


def test_requires_of_requires_across_four_subgraphs(plan: PlanText) -> None:
    """canAfford needs isExpensive (c), which needs the inaccessible price (a)."""
    query = """
        { product { canAfford canAffordWithDiscount isExpensive } }
    """
    assert plan("requires_requires", query) == expected(
        """
        QueryPlan {
          Sequence {
            Fetch(service: "b") {
              {
                product {
                  __typename
                  id
                  hasDiscount
                }
              }
            },
            Flatten(path: "product") {
              Fetch(service: "a") {
                {
                  ... on Product {
                    __typename
                    id
                  }
                } =>
                query($representations: [_Any!]!) {
                  _entities(representations: $representations) {
                    ... on Product {
                      price
                    }
                  }
                }
              },
            },
            Flatten(path: "product") {
              Fetch(service: "c") {
                {
                  ... on Product {
                    __typename
                    id
                    price
                    hasDiscount
                  }
                } =>
                query($representations: [_Any!]!) {
                  _entities(representations: $representations) {
                    ... on Product {
                      isExpensive
                      isExpensiveWithDiscount
                    }
                  }
                }
              },
            },
            Flatten(path: "product") {
              Fetch(service: "d") {
                {
                  ... on Product {
                    __typename
                    id
                    isExpensive
                    isExpensiveWithDiscount
                  }
                } =>
                query($representations: [_Any!]!) {
                  _entities(representations: $representations) {
                    ... on Product {
                      canAfford
                      canAffordWithDiscount
                    }
                  }
                }
              },
            },
          },
        }
        """
    )


def test_requires_chain(plan: PlanText) -> None:
    """score requires shippingCost, which requires weight: three stages."""
    query = """
        { product(upc: "1") { score } }
    """
    assert plan("requires", query) == expected(
        """
        QueryPlan {
          Sequence {
            Fetch(service: "catalog") {
              {
                product(upc: "1") {
                  __typename
                  upc
                  weight
                }
              }
            },
            Flatten(path: "product") {
              Fetch(service: "inventory") {
                {
                  ... on Product {
                    __typename
                    upc
                    weight
                  }
                } =>
                query($representations: [_Any!]!) {
                  _entities(representations: $representations) {
                    ... on Product {
                      shippingCost
                    }
                  }
                }
              },
            },
            Flatten(path: "product") {
              Fetch(service: "rating") {
                {
                  ... on Product {
                    __typename
                    upc
                    shippingCost
                  }
                } =>
                query($representations: [_Any!]!) {
                  _entities(representations: $representations) {
                    ... on Product {
                      score
                    }
                  }
                }
              },
            },
          },
        }
        """
    )


def test_requires_back_into_the_same_subgraph(plan: PlanText) -> None:
    """From inventory, a requiring inventory field goes inventory -> catalog -> inventory."""
    query = """
        { warehouse { inStock shippingCost } }
    """
    assert plan("requires", query) == expected(
        """
        QueryPlan {
          Sequence {
            Fetch(service: "inventory") {
              {
                warehouse {
                  inStock
                  __typename
                  upc
                }
              }
            },
            Flatten(path: "warehouse.@") {
              Fetch(service: "catalog") {
                {
                  ... on Product {
                    __typename
                    upc
                  }
                } =>
                query($representations: [_Any!]!) {
                  _entities(representations: $representations) {
                    ... on Product {
                      weight
                    }
                  }
                }
              },
            },
            Flatten(path: "warehouse.@") {
              Fetch(service: "inventory") {
                {
                  ... on Product {
                    __typename
                    upc
                    weight
                  }
                } =>
                query($representations: [_Any!]!) {
                  _entities(representations: $representations) {
                    ... on Product {
                      shippingCost
                    }
                  }
                }
              },
            },
          },
        }
        """
    )


def test_requires_inputs_from_two_subgraphs_run_in_stages(plan: PlanText) -> None:
    """verdict needs inStock (inventory) and reviewCount (reviews): both before rating."""
    query = """
        { product(upc: "1") { verdict } }
    """
    assert plan("requires", query) == expected(
        """
        QueryPlan {
          Sequence {
            Fetch(service: "catalog") {
              {
                product(upc: "1") {
                  __typename
                  upc
                }
              }
            },
            Parallel {
              Flatten(path: "product") {
                Fetch(service: "inventory") {
                  {
                    ... on Product {
                      __typename
                      upc
                    }
                  } =>
                  query($representations: [_Any!]!) {
                    _entities(representations: $representations) {
                      ... on Product {
                        inStock
                      }
                    }
                  }
                },
              },
              Flatten(path: "product") {
                Fetch(service: "reviews") {
                  {
                    ... on Product {
                      __typename
                      upc
                    }
                  } =>
                  query($representations: [_Any!]!) {
                    _entities(representations: $representations) {
                      ... on Product {
                        reviewCount
                      }
                    }
                  }
                },
              },
            },
            Flatten(path: "product") {
              Fetch(service: "rating") {
                {
                  ... on Product {
                    __typename
                    upc
                    inStock
                    reviewCount
                  }
                } =>
                query($representations: [_Any!]!) {
                  _entities(representations: $representations) {
                    ... on Product {
                      verdict
                    }
                  }
                }
              },
            },
          },
        }
        """
    )


def test_requiring_fields_share_one_fetch(plan: PlanText) -> None:
    """Several requiring fields on one entity and subgraph share the post-requires fetch."""
    query = """
        { products { shippingCost packing } }
    """
    assert plan("requires", query) == expected(
        """
        QueryPlan {
          Sequence {
            Fetch(service: "catalog") {
              {
                products {
                  __typename
                  upc
                  weight
                  dims {
                    w
                    h
                  }
                }
              }
            },
            Flatten(path: "products.@") {
              Fetch(service: "inventory") {
                {
                  ... on Product {
                    __typename
                    upc
                    weight
                    dims {
                      w
                      h
                    }
                  }
                } =>
                query($representations: [_Any!]!) {
                  _entities(representations: $representations) {
                    ... on Product {
                      shippingCost
                      packing
                    }
                  }
                }
              },
            },
          },
        }
        """
    )


def test_requires_chain_back_into_the_root_subgraph(plan: PlanText) -> None:
    """b requires ``author { yearsOfExperience }`` over its own ``author`` (only the nested
    field is external): a -> b (author) -> a (yearsOfExperience) -> b (byNovice) -> a."""
    query = """
        { feed { byExpert } }
    """
    assert plan("requires_circular", query) == expected(
        """
        QueryPlan {
          Sequence {
            Fetch(service: "a") {
              {
                feed {
                  __typename
                  id
                }
              }
            },
            Flatten(path: "feed.@") {
              Fetch(service: "b") {
                {
                  ... on Post {
                    __typename
                    id
                  }
                } =>
                query($representations: [_Any!]!) {
                  _entities(representations: $representations) {
                    ... on Post {
                      author {
                        __typename
                        id
                      }
                    }
                  }
                }
              },
            },
            Flatten(path: "feed.@.author") {
              Fetch(service: "a") {
                {
                  ... on Author {
                    __typename
                    id
                  }
                } =>
                query($representations: [_Any!]!) {
                  _entities(representations: $representations) {
                    ... on Author {
                      yearsOfExperience
                    }
                  }
                }
              },
            },
            Flatten(path: "feed.@") {
              Fetch(service: "b") {
                {
                  ... on Post {
                    __typename
                    id
                    author {
                      yearsOfExperience
                    }
                  }
                } =>
                query($representations: [_Any!]!) {
                  _entities(representations: $representations) {
                    ... on Post {
                      byNovice
                    }
                  }
                }
              },
            },
            Flatten(path: "feed.@") {
              Fetch(service: "a") {
                {
                  ... on Post {
                    __typename
                    id
                    byNovice
                  }
                } =>
                query($representations: [_Any!]!) {
                  _entities(representations: $representations) {
                    ... on Post {
                      byExpert
                    }
                  }
                }
              },
            },
          },
        }
        """
    )
