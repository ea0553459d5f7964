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
                  ... on User {
                    __typename
                    id
                  }
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


def test_provides_with_type_condition(plan: PlanText) -> None:
    """media provides title for Book only: Movie titles jump to b."""
    query = """
        { media { ... on Book { title } ... on Movie { title } } }
    """
    assert plan("provides_abstract", query) == expected(
        """
        QueryPlan {
          Sequence {
            Fetch(service: "a") {
              {
                media {
                  __typename
                  ... on Book {
                    title
                  }
                  ... on Movie {
                    __typename
                    id
                  }
                }
              }
            },
            Flatten(path: "media.@") {
              Fetch(service: "b") {
                {
                  ... on Movie {
                    __typename
                    id
                  }
                } =>
                query($representations: [_Any!]!) {
                  _entities(representations: $representations) {
                    ... on Movie {
                      title
                    }
                  }
                }
              },
            },
          },
        }
        """
    )


def test_nested_provides(plan: PlanText) -> None:
    """shelf provides books { title author { name } }: only born jumps."""
    query = """
        { shelf { books { title author { name born } } } }
    """
    assert plan("provides_abstract", query) == expected(
        """
        QueryPlan {
          Sequence {
            Fetch(service: "a") {
              {
                shelf {
                  books {
                    title
                    author {
                      name
                      __typename
                      id
                    }
                  }
                }
              }
            },
            Flatten(path: "shelf.books.@.author") {
              Fetch(service: "b") {
                {
                  ... on Author {
                    __typename
                    id
                  }
                } =>
                query($representations: [_Any!]!) {
                  _entities(representations: $representations) {
                    ... on Author {
                      born
                    }
                  }
                }
              },
            },
          },
        }
        """
    )


def test_provides_on_implementation_field_of_an_interface(plan: PlanText) -> None:
    """Book.samePriceProduct provides price; product.price itself is not provided."""
    query = """
        {
          product {
            __typename
            samePriceProduct {
              __typename
              ... on Book {
                id
              }
              samePriceProduct {
                __typename
                ... on Book {
                  id
                }
              }
            }
            ... on Book {
              __typename
              id
              price
              samePriceProduct {
                id
                price
              }
            }
          }
        }
    """
    assert plan("circular_interface", query) == expected(
        """
        QueryPlan {
          Sequence {
            Fetch(service: "a") {
              {
                product {
                  __typename
                  samePriceProduct {
                    __typename
                    ... on Book {
                      id
                    }
                    samePriceProduct {
                      __typename
                      ... on Book {
                        id
                      }
                    }
                  }
                  ... on Book {
                    __typename
                    id
                    samePriceProduct {
                      id
                      price
                    }
                  }
                }
              }
            },
            Flatten(path: "product") {
              Fetch(service: "b") {
                {
                  ... on Book {
                    __typename
                    id
                  }
                } =>
                query($representations: [_Any!]!) {
                  _entities(representations: $representations) {
                    ... on Book {
                      price
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
