"""@interfaceObject: jumps into and out of interface objects."""

from __future__ import annotations

from tests.gateway.planner.harness import PlanText, expected


def test_interface_field_from_interface_object(plan: PlanText) -> None:
    """rating lives in reviews' Item object: jump with __typename rewritten to Item."""
    query = """
        { item(upc: "1") { title rating ... on Book { pages } } }
    """
    assert plan("interface_object", query) == expected(
        """
        QueryPlan {
          Sequence {
            Fetch(service: "catalog") {
              {
                item(upc: "1") {
                  __typename
                  title
                  upc
                  ... on Book {
                    pages
                  }
                }
              }
            },
            Flatten(path: "item") {
              Fetch(service: "reviews") {
                {
                  ... on Item {
                    __typename
                    upc
                  }
                } =>
                input rewrite: ["... on Item","__typename"] = "Item"
                query($representations: [_Any!]!) {
                  _entities(representations: $representations) {
                    ... on Item {
                      rating
                    }
                  }
                }
              },
            },
          },
        }
        """
    )


def test_interface_object_fields_stay_local(plan: PlanText) -> None:
    """Only interface-object fields selected: one fetch."""
    query = """
        { trending { upc rating } }
    """
    assert plan("interface_object", query) == expected(
        """
        QueryPlan {
          Fetch(service: "reviews") {
            {
              trending {
                upc
                rating
              }
            }
          },
        }
        """
    )


def test_concrete_type_needs_jump_to_owner(plan: PlanText) -> None:
    """__typename and concrete fragments come from the interface's owner."""
    query = """
        { trending { __typename title ... on Film { minutes } } }
    """
    assert plan("interface_object", query) == expected(
        """
        QueryPlan {
          Sequence {
            Fetch(service: "reviews") {
              {
                trending {
                  __typename
                  upc
                }
              }
            },
            Flatten(path: "trending.@") {
              Fetch(service: "catalog") {
                {
                  ... on Item {
                    __typename
                    upc
                  }
                } =>
                query($representations: [_Any!]!) {
                  _entities(representations: $representations) {
                    ... on Item {
                      __typename
                      title
                      ... on Film {
                        minutes
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


def test_interface_object_requires_field_from_owner(plan: PlanText) -> None:
    """username @requires name, which only the interface's owner resolves: b -> a -> b."""
    query = """
        { anotherUsers { id name username } }
    """
    assert plan("interface_object_requires", query) == expected(
        """
        QueryPlan {
          Sequence {
            Fetch(service: "b") {
              {
                anotherUsers {
                  id
                  __typename
                }
              }
            },
            Flatten(path: "anotherUsers.@") {
              Fetch(service: "a") {
                {
                  ... on NodeWithName {
                    __typename
                    id
                  }
                } =>
                query($representations: [_Any!]!) {
                  _entities(representations: $representations) {
                    ... on NodeWithName {
                      __typename
                      name
                    }
                  }
                }
              },
            },
            Flatten(path: "anotherUsers.@") {
              Fetch(service: "b") {
                {
                  ... on NodeWithName {
                    __typename
                    id
                    name
                  }
                } =>
                input rewrite: ["... on NodeWithName","__typename"] = "NodeWithName"
                query($representations: [_Any!]!) {
                  _entities(representations: $representations) {
                    ... on NodeWithName {
                      username
                    }
                  }
                }
              },
            },
          },
        }
        """
    )


def test_concrete_fragment_and_requires_through_interface_object(plan: PlanText) -> None:
    """A concrete fragment on interface-object results goes to the owner; username goes back."""
    query = """
        { anotherUsers { ... on User { age id name username } id name } }
    """
    assert plan("interface_object_requires", query) == expected(
        """
        QueryPlan {
          Sequence {
            Fetch(service: "b") {
              {
                anotherUsers {
                  __typename
                  id
                }
              }
            },
            Flatten(path: "anotherUsers.@") {
              Fetch(service: "a") {
                {
                  ... on NodeWithName {
                    __typename
                    id
                  }
                } =>
                query($representations: [_Any!]!) {
                  _entities(representations: $representations) {
                    ... on NodeWithName {
                      __typename
                      ... on User {
                        age
                        id
                        name
                        __typename
                      }
                      name
                    }
                  }
                }
              },
            },
            Flatten(path: "anotherUsers.@") {
              Fetch(service: "b") {
                {
                  ... on User {
                    __typename
                    id
                    name
                  }
                } =>
                input rewrite: ["... on User","__typename"] = "NodeWithName"
                query($representations: [_Any!]!) {
                  _entities(representations: $representations) {
                    ... on NodeWithName {
                      username
                    }
                  }
                }
              },
            },
          },
        }
        """
    )


def test_owner_list_into_interface_object_with_requires(plan: PlanText) -> None:
    """From the owner, username needs name as input."""
    query = """
        { users { id name username } }
    """
    assert plan("interface_object_requires", query) == expected(
        """
        QueryPlan {
          Sequence {
            Fetch(service: "a") {
              {
                users {
                  __typename
                  id
                  name
                  ... on User {
                    __typename
                    id
                    name
                  }
                }
              }
            },
            Flatten(path: "users.@") {
              Fetch(service: "b") {
                {
                  ... on User {
                    __typename
                    id
                    name
                  }
                } =>
                input rewrite: ["... on User","__typename"] = "NodeWithName"
                query($representations: [_Any!]!) {
                  _entities(representations: $representations) {
                    ... on NodeWithName {
                      username
                    }
                  }
                }
              },
            },
          },
        }
        """
    )


def test_concrete_list_from_owner_then_interface_object(plan: PlanText) -> None:
    """Concrete types jump into the interface object."""
    query = """
        { search { ... on Book { pages rating } } }
    """
    assert plan("interface_object", query) == expected(
        """
        QueryPlan {
          Sequence {
            Fetch(service: "catalog") {
              {
                search {
                  __typename
                  ... on Book {
                    pages
                    __typename
                    upc
                  }
                }
              }
            },
            Flatten(path: "search.@") {
              Fetch(service: "reviews") {
                {
                  ... on Book {
                    __typename
                    upc
                  }
                } =>
                input rewrite: ["... on Book","__typename"] = "Item"
                query($representations: [_Any!]!) {
                  _entities(representations: $representations) {
                    ... on Item {
                      rating
                    }
                  }
                }
              },
            },
          },
        }
        """
    )


def test_one_field_with_other_arguments_in_sibling_concrete_fragments(plan: PlanText) -> None:
    """Both fragments are rebased onto the interface object: one fetch, the later field under
    an internal alias renamed back only for its own concrete type (the executor reads the
    interface object's answers as the targets' concrete types)."""
    query = """
        { search { ... on Film { tags } ... on Book { tags(first: 1) } } }
    """
    assert plan("interface_object", query) == expected(
        """
        QueryPlan {
          Sequence {
            Fetch(service: "catalog") {
              {
                search {
                  __typename
                  ... on Film {
                    __typename
                    upc
                  }
                  ... on Book {
                    __typename
                    upc
                  }
                }
              }
            },
            Flatten(path: "search.@") {
              Fetch(service: "reviews") {
                {
                  ... on Film {
                    __typename
                    upc
                  }
                  ... on Book {
                    __typename
                    upc
                  }
                } =>
                input rewrite: ["... on Film","__typename"] = "Item"
                input rewrite: ["... on Book","__typename"] = "Item"
                output rewrite: ["... on Book","tags__alias_0"] -> "tags"
                query($representations: [_Any!]!) {
                  _entities(representations: $representations) {
                    ... on Item {
                      tags
                      tags__alias_0: tags(first: 1)
                    }
                  }
                }
              },
            },
          },
        }
        """
    )
