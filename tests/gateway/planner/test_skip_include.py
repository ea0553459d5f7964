"""@skip / @include: literals resolved at planning; variables as Condition nodes or forwarded."""

from __future__ import annotations

from tests.gateway.planner.harness import PlanText, expected


def test_literal_conditions_are_applied(plan: PlanText) -> None:
    """skip(if: true) and include(if: false) disappear; literal true conditions are dropped."""
    query = """
        {
          me {
            username @skip(if: true)
            reviews @include(if: true) {
              body
            }
          }
          topProducts @include(if: false) {
            name
          }
        }
    """
    assert plan("basic", query) == expected(
        """
        QueryPlan {
          Sequence {
            Fetch(service: "users") {
              {
                me {
                  __typename
                  id
                }
              }
            },
            Flatten(path: "me") {
              Fetch(service: "reviews") {
                {
                  ... on User {
                    __typename
                    id
                  }
                } =>
                query($representations: [_Any!]!) {
                  _entities(representations: $representations) {
                    ... on User {
                      reviews {
                        body
                      }
                    }
                  }
                }
              },
            },
          },
        }
        """
    )


def test_variable_condition_on_a_jump_becomes_condition_node(plan: PlanText) -> None:
    """A conditional jump is wrapped in a Condition node."""
    query = """
        query Q($withReviews: Boolean!) {
          topProducts {
            name
            reviews @include(if: $withReviews) {
              body
            }
          }
        }
    """
    assert plan("basic", query) == expected(
        """
        QueryPlan {
          Sequence {
            Fetch(service: "products") {
              query Q__products__0 {
                topProducts {
                  name
                  __typename
                  upc
                }
              }
            },
            Include(if: $withReviews) {
              Flatten(path: "topProducts.@") {
                Fetch(service: "reviews") {
                  {
                    ... on Product {
                      __typename
                      upc
                    }
                  } =>
                  query Q__reviews__1($representations: [_Any!]!) {
                    _entities(representations: $representations) {
                      ... on Product {
                        reviews {
                          body
                        }
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


def test_skip_becomes_else_clause(plan: PlanText) -> None:
    """@skip(if: $v) runs the fetch in the else branch."""
    query = """
        query Q($short: Boolean!) { me { username reviews @skip(if: $short) { body } } }
    """
    assert plan("basic", query) == expected(
        """
        QueryPlan {
          Sequence {
            Fetch(service: "users") {
              query Q__users__0 {
                me {
                  username
                  __typename
                  id
                }
              }
            },
            Skip(if: $short) {
              Flatten(path: "me") {
                Fetch(service: "reviews") {
                  {
                    ... on User {
                      __typename
                      id
                    }
                  } =>
                  query Q__reviews__1($representations: [_Any!]!) {
                    _entities(representations: $representations) {
                      ... on User {
                        reviews {
                          body
                        }
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


def test_conditional_fragment_is_forwarded(plan: PlanText) -> None:
    """A condition inside one fetch is forwarded to the subgraph with its variable."""
    query = """
        query Q($full: Boolean!) { topProducts { name ... @include(if: $full) { price } } }
    """
    assert plan("basic", query) == expected(
        """
        QueryPlan {
          Fetch(service: "products") {
            query Q__products__0($full: Boolean!) {
              topProducts {
                name
                ... @include(if: $full) {
                  price
                }
              }
            }
          },
        }
        """
    )


def test_root_typename_under_a_condition_is_not_fetched(plan: PlanText) -> None:
    """Root __typename is the gateway's to answer, also inside conditional fragments."""
    query = """
        query Q($c: Boolean!) { ... @include(if: $c) { __typename } me { username } }
    """
    assert plan("basic", query) == expected(
        """
        QueryPlan {
          Fetch(service: "users") {
            query Q__users__0 {
              me {
                username
              }
            }
          },
        }
        """
    )


def test_conditional_root_field(plan: PlanText) -> None:
    """A conditional root field's fetch sits in a Condition node."""
    query = """
        query Q($me: Boolean!) { me @include(if: $me) { username } topProducts { name } }
    """
    assert plan("basic", query) == expected(
        """
        QueryPlan {
          Parallel {
            Include(if: $me) {
              Fetch(service: "users") {
                query Q__users__0 {
                  me {
                    username
                  }
                }
              },
            },
            Fetch(service: "products") {
              query Q__products__1 {
                topProducts {
                  name
                }
              }
            },
          },
        }
        """
    )
