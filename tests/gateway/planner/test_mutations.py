"""Mutations: top-level fields in document order, consecutive same-subgraph fields share a fetch."""

from __future__ import annotations

from tests.gateway.planner.harness import PlanText, expected


def test_mutation_fields_run_in_document_order(plan: PlanText) -> None:
    """Each subgraph switch starts a new fetch; entity fetches follow their field."""
    query = """
        mutation M($id: ID!) {
          a: deposit(id: $id, amount: 1) {
            balance
            history
          }
          log(message: "x")
          b: deposit(id: $id, amount: 2) {
            balance
          }
          close(id: $id)
        }
    """
    assert plan("mutations", query, operation_name="M") == expected(
        """
        QueryPlan {
          Sequence {
            Fetch(service: "accounts") {
              mutation M__accounts__0($id: ID!) {
                a: deposit(id: $id, amount: 1) {
                  balance
                  __typename
                  id
                }
              }
            },
            Flatten(path: "a") {
              Fetch(service: "audit") {
                {
                  ... on Account {
                    __typename
                    id
                  }
                } =>
                query M__audit__1($representations: [_Any!]!) {
                  _entities(representations: $representations) {
                    ... on Account {
                      history
                    }
                  }
                }
              },
            },
            Fetch(service: "audit") {
              mutation M__audit__2 {
                log(message: "x")
              }
            },
            Fetch(service: "accounts") {
              mutation M__accounts__3($id: ID!) {
                b: deposit(id: $id, amount: 2) {
                  balance
                }
                close(id: $id)
              }
            },
          },
        }
        """
    )
