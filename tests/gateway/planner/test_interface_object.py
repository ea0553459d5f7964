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
                  ... on Item { __typename upc }
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
                  ... on Item { __typename upc }
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
                  ... on Book { __typename upc }
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
