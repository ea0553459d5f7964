"""@provides: external fields are local only along the providing path."""

from __future__ import annotations

from tests.gateway.planner.harness import PlanText, expected


def test_provided_field_stays_local(plan: PlanText) -> None:
    """Review.author provides name: no jump for it, only for age."""
    query = """
        { reviews { author { name age } } }
    """
    assert plan("provides", query) == expected(
        """
        QueryPlan {
          Sequence {
            Fetch(service: "reviews") {
              {
                reviews {
                  author {
                    name
                    __typename
                    id
                  }
                }
              }
            },
            Flatten(path: "reviews.@.author") {
              Fetch(service: "users") {
                {
                  ... on User { __typename id }
                } =>
                query($representations: [_Any!]!) {
                  _entities(representations: $representations) {
                    ... on User {
                      age
                    }
                  }
                }
              },
            },
          },
        }
        """
    )


def test_provides_does_not_leak_to_other_paths(plan: PlanText) -> None:
    """User.name reached through spotlight is not provided: jump to users."""
    query = """
        { spotlight { name } }
    """
    assert plan("provides", query) == expected(
        """
        QueryPlan {
          Sequence {
            Fetch(service: "reviews") {
              {
                spotlight {
                  __typename
                  id
                }
              }
            },
            Flatten(path: "spotlight") {
              Fetch(service: "users") {
                {
                  ... on User { __typename id }
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
