"""@external: fields external in a subgraph are not resolvable there, except the "fake"
externals on the keys of a Fed 1 style type extension (join ``extension: true``)."""

from __future__ import annotations

from graphql import parse

from gateway.planner import QueryPlanner, print_plan
from gateway.supergraph import load_supergraph
from tests.gateway.planner.harness import PlanText, expected
from tests.gateway.supergraph.handmade import JOIN_V02


def test_fake_external_key_is_resolved_locally() -> None:
    """orders declares User.id @external on an extension key: it still returns it."""
    planner = QueryPlanner(load_supergraph(JOIN_V02))
    plan = planner.plan(parse("{ orders { buyer { id name orders { id } } } }"), None)
    assert print_plan(plan) == expected(
        """
        QueryPlan {
          Sequence {
            Fetch(service: "orders") {
              {
                orders {
                  buyer {
                    id
                    __typename
                    orders {
                      id
                    }
                  }
                }
              }
            },
            Flatten(path: "orders.@.buyer") {
              Fetch(service: "users") {
                {
                  ... on User {
                    __typename
                    id
                  }
                } =>
                query($representations: [_Any!]!) {
                  _entities(representations: $representations) {
                    ... on User {
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


def test_real_external_is_fetched_from_its_owner(plan: PlanText) -> None:
    """inventory's weight is @external (a @requires input): from inventory it is fetched
    from catalog."""
    query = "{ warehouse { weight } }"
    assert plan("requires", query) == expected(
        """
        QueryPlan {
          Sequence {
            Fetch(service: "inventory") {
              {
                warehouse {
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
          },
        }
        """
    )
