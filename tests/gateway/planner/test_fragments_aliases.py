"""Named and inline fragments and aliases (including key-name clashes)."""

from __future__ import annotations

from tests.gateway.planner.harness import PlanText, expected


def test_named_fragments_are_inlined(plan: PlanText) -> None:
    """Named fragments are inlined and merged with sibling selections."""
    query = """
        query Q { me { ...U } }
        fragment U on User { username reviews { ...R } }
        fragment R on Review { body product { name } }
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
                        product {
                          __typename
                          upc
                        }
                      }
                    }
                  }
                }
              },
            },
            Flatten(path: "me.reviews.@.product") {
              Fetch(service: "products") {
                {
                  ... on Product {
                    __typename
                    upc
                  }
                } =>
                query Q__products__2($representations: [_Any!]!) {
                  _entities(representations: $representations) {
                    ... on Product {
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


def test_same_field_different_arguments_under_aliases(plan: PlanText) -> None:
    """Aliased copies of one field with different arguments are kept apart."""
    query = """
        {
          cheap: topProducts(first: 1) {
            name
          }
          many: topProducts(first: 10) {
            name
            reviews {
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
              {
                cheap: topProducts(first: 1) {
                  name
                }
                many: topProducts(first: 10) {
                  name
                  __typename
                  upc
                }
              }
            },
            Flatten(path: "many.@") {
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


def test_alias_clashing_with_key_name_uses_internal_alias(plan: PlanText) -> None:
    """The client uses 'id' for another field: the key travels as id__alias_0."""
    query = """
        { me { id: username reviews { body } } }
    """
    assert plan("basic", query) == expected(
        """
        QueryPlan {
          Sequence {
            Fetch(service: "users") {
              {
                me {
                  id: username
                  __typename
                  id__alias_0: id
                }
              }
            },
            Flatten(path: "me") {
              Fetch(service: "reviews") {
                {
                  ... on User {
                    __typename
                    id__alias_0
                  }
                } =>
                input rewrite: ["... on User","id__alias_0"] -> "id"
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
