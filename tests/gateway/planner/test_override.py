"""@override and progressive override labels (the planner takes the enabled label set)."""

from __future__ import annotations

from tests.gateway.planner.harness import PlanText, expected


def test_label_disabled_keeps_the_old_owner(plan: PlanText) -> None:
    """percent(25) disabled: inStock from catalog; sku always from inventory."""
    query = """
        { product(upc: "1") { name inStock sku quantity } }
    """
    assert plan("override", query) == expected(
        """
        QueryPlan {
          Sequence {
            Fetch(service: "catalog") {
              {
                product(upc: "1") {
                  name
                  inStock
                  __typename
                  upc
                }
              }
            },
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
                      sku
                      quantity
                    }
                  }
                }
              },
            },
          },
        }
        """
    )


def test_overridden_key_field_still_enters_the_losing_subgraph(plan: PlanText) -> None:
    """Store.code moved to inventory (usedOverridden in catalog): catalog is entered by code."""
    query = """
        { store { code name stock } }
    """
    assert plan("override", query) == expected(
        """
        QueryPlan {
          Sequence {
            Fetch(service: "inventory") {
              {
                store {
                  code
                  __typename
                  stock
                }
              }
            },
            Flatten(path: "store") {
              Fetch(service: "catalog") {
                {
                  ... on Store {
                    __typename
                    code
                  }
                } =>
                query($representations: [_Any!]!) {
                  _entities(representations: $representations) {
                    ... on Store {
                      name
                    }
                  }
                }
              },
            },
          },
        }
        """
    )


def test_label_enabled_moves_the_field(plan: PlanText) -> None:
    """percent(25) enabled: inStock from inventory."""
    query = """
        { product(upc: "1") { name inStock sku } }
    """
    assert plan("override", query, labels=frozenset({"percent(25)"})) == expected(
        """
        QueryPlan {
          Sequence {
            Fetch(service: "catalog") {
              {
                product(upc: "1") {
                  name
                  __typename
                  upc
                }
              }
            },
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
                      sku
                    }
                  }
                }
              },
            },
          },
        }
        """
    )
