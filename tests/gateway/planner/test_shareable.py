"""Shareable fields: several candidate subgraphs, prefer staying in the current one."""

from __future__ import annotations

from tests.gateway.planner.harness import PlanText, expected


def test_shareable_root_field_picks_one_subgraph(plan: PlanText) -> None:
    """A shareable root field goes to one subgraph, never fanned out."""
    query = """
        { shop { name } ping }
    """
    assert plan("shareable", query) == expected(
        """
        QueryPlan {
          Fetch(service: "a") {
            {
              shop {
                name
              }
              ping
            }
          },
        }
        """
    )


def test_shareable_field_stays_in_current_subgraph(plan: PlanText) -> None:
    """name is shareable: served by whichever subgraph already serves the shop."""
    query = """
        { shop { owner address name } }
    """
    assert plan("shareable", query) == expected(
        """
        QueryPlan {
          Sequence {
            Fetch(service: "a") {
              {
                shop {
                  owner
                  __typename
                  id
                  name
                }
              }
            },
            Flatten(path: "shop") {
              Fetch(service: "b") {
                {
                  ... on Shop { __typename id }
                } =>
                query($representations: [_Any!]!) {
                  _entities(representations: $representations) {
                    ... on Shop {
                      address
                    }
                  }
                }
              },
            },
          },
        }
        """
    )
