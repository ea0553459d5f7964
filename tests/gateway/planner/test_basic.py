"""Root fields, parallel root fetches, single and nested entity jumps, operation names."""

from __future__ import annotations

from tests.gateway.planner.harness import PlanText, expected


def test_root_field_single_fetch(plan: PlanText) -> None:
    """A root field served by one subgraph is one fetch."""
    query = """
        { product(upc: "1") { upc name price } }
    """
    assert plan("basic", query) == expected(
        """
        QueryPlan {
          Fetch(service: "products") {
            {
              product(upc: "1") {
                upc
                name
                price
              }
            }
          },
        }
        """
    )


def test_independent_root_fields_run_in_parallel(plan: PlanText) -> None:
    """Root fields of different subgraphs are fetched in parallel."""
    query = """
        { topProducts { name } me { username } }
    """
    assert plan("basic", query) == expected(
        """
        QueryPlan {
          Parallel {
            Fetch(service: "products") {
              {
                topProducts {
                  name
                }
              }
            },
            Fetch(service: "users") {
              {
                me {
                  username
                }
              }
            },
          },
        }
        """
    )


def test_single_key_jump(plan: PlanText) -> None:
    """A field owned elsewhere is fetched through the entity's key."""
    query = """
        { me { username reviews { body } } }
    """
    assert plan("basic", query) == expected(
        """
        QueryPlan {
          Sequence {
            Fetch(service: "users") {
              {
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


def test_nested_entity_jumps(plan: PlanText) -> None:
    """Jumps nest along lists; independent jumps at one level run in parallel."""
    query = """
        {
          topProducts {
            name
            reviews {
              body
              author {
                username
                reviews {
                  product {
                    name
                  }
                }
              }
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
                topProducts {
                  name
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
                query($representations: [_Any!]!) {
                  _entities(representations: $representations) {
                    ... on Product {
                      reviews {
                        body
                        author {
                          __typename
                          id
                          reviews {
                            product {
                              __typename
                              upc
                            }
                          }
                        }
                      }
                    }
                  }
                }
              },
            },
            Parallel {
              Flatten(path: "topProducts.@.reviews.@.author") {
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
                        username
                      }
                    }
                  }
                },
              },
              Flatten(path: "topProducts.@.reviews.@.author.reviews.@.product") {
                Fetch(service: "products") {
                  {
                    ... on Product {
                      __typename
                      upc
                    }
                  } =>
                  query($representations: [_Any!]!) {
                    _entities(representations: $representations) {
                      ... on Product {
                        name
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


def test_lists_of_lists_flatten_every_level(plan: PlanText) -> None:
    """A jump below a list of lists flattens both levels."""
    query = """
        { grid { name reviews { body } } }
    """
    assert plan("basic", query) == expected(
        """
        QueryPlan {
          Sequence {
            Fetch(service: "products") {
              {
                grid {
                  name
                  __typename
                  upc
                }
              }
            },
            Flatten(path: "grid.@.@") {
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


def test_named_operation_names_subgraph_operations(plan: PlanText) -> None:
    """A named client operation names every subgraph operation <Op>__<subgraph>__<n>."""
    query = """
        query Home { me { username reviews { body } } }
    """
    assert plan("basic", query, operation_name="Home") == expected(
        """
        QueryPlan {
          Sequence {
            Fetch(service: "users") {
              query Home__users__0 {
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
                query Home__reviews__1($representations: [_Any!]!) {
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


def test_nested_typename_is_local(plan: PlanText) -> None:
    """__typename below the root is answered by whichever subgraph serves the object."""
    query = """
        { __typename me { __typename reviews { __typename } } }
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
                        __typename
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


def test_directive_arguments_left_to_their_default_are_spelled_out(plan: PlanText) -> None:
    """Subgraph a's own @access has no default for scope: the fetch spells PUBLIC out."""
    query = """
        { a @access b @access(scope: PRIVATE) }
    """
    assert plan("composed_directive", query) == expected(
        """
        QueryPlan {
          Parallel {
            Fetch(service: "a") {
              {
                a @access(scope: PUBLIC)
              }
            },
            Fetch(service: "b") {
              {
                b @access(scope: PRIVATE)
              }
            },
          },
        }
        """
    )
