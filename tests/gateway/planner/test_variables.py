"""Variables: forwarded only to fetches that use them, with the client's types and defaults."""

from __future__ import annotations

from tests.gateway.planner.harness import PlanText, expected


def test_variables_only_where_used(plan: PlanText) -> None:
    """Each fetch declares only the variables it uses."""
    query = """
        query Q($upc: String!, $first: Int = 3, $id: ID!) {
          product(upc: $upc) {
            name
          }
          topProducts(first: $first) {
            reviews {
              body
            }
          }
          user(id: $id) {
            username
          }
        }
    """
    assert plan("basic", query, operation_name="Q") == expected(
        """
        QueryPlan {
          Parallel {
            Sequence {
              Fetch(service: "products") {
                query Q__products__0($upc: String!, $first: Int = 3) {
                  product(upc: $upc) {
                    name
                  }
                  topProducts(first: $first) {
                    __typename
                    upc
                  }
                }
              },
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
            Fetch(service: "users") {
              query Q__users__2($id: ID!) {
                user(id: $id) {
                  username
                }
              }
            },
          },
        }
        """
    )


def test_variable_only_in_a_moved_condition_is_not_declared(plan: PlanText) -> None:
    """The only use of $hide moved to the entity fetch: the root fetch does not declare it."""
    query = """
        query Q($hide: Boolean = true) {
          me {
            username
            ... @skip(if: $hide) {
              reviews {
                body
              }
            }
          }
        }
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
            Skip(if: $hide) {
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


def test_client_variable_named_representations(plan: PlanText) -> None:
    """A client $representations keeps its name; entity fetches bind theirs to $_representations."""
    query = """
        query ($representations: ID!) { user(id: $representations) { reviews { body } } }
    """
    assert plan("basic", query) == expected(
        """
        QueryPlan {
          Sequence {
            Fetch(service: "users") {
              query($representations: ID!) {
                user(id: $representations) {
                  __typename
                  id
                }
              }
            },
            Flatten(path: "user") {
              Fetch(service: "reviews") {
                {
                  ... on User {
                    __typename
                    id
                  }
                } =>
                query($_representations: [_Any!]!) {
                  _entities(representations: $_representations) {
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


def test_variables_in_entity_fetch(plan: PlanText) -> None:
    """A variable used below a jump is declared by the entity fetch."""
    query = """
        query Q($id: ID!, $withBody: Boolean = true) {
          user(id: $id) {
            reviews {
              body @include(if: $withBody)
            }
          }
        }
    """
    assert plan("basic", query) == expected(
        """
        QueryPlan {
          Sequence {
            Fetch(service: "users") {
              query Q__users__0($id: ID!) {
                user(id: $id) {
                  __typename
                  id
                }
              }
            },
            Flatten(path: "user") {
              Fetch(service: "reviews") {
                {
                  ... on User {
                    __typename
                    id
                  }
                } =>
                query Q__reviews__1($representations: [_Any!]!, $withBody: Boolean = true) {
                  _entities(representations: $representations) {
                    ... on User {
                      reviews {
                        body @include(if: $withBody)
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
