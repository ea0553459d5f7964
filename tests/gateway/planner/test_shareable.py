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


def test_shareable_root_field_goes_where_the_whole_selection_is(plan: PlanText) -> None:
    """mall is in a and c; only c serves open and floors: a parallel fetch beats a jump."""
    query = """
        { shop { id } mall { open floors } }
    """
    assert plan("shareable", query) == expected(
        """
        QueryPlan {
          Parallel {
            Fetch(service: "a") {
              {
                shop {
                  id
                }
              }
            },
            Fetch(service: "c") {
              {
                mall {
                  open
                  floors
                }
              }
            },
          },
        }
        """
    )


def test_jump_target_serving_most_sibling_fields_wins(plan: PlanText) -> None:
    """open is in b and c, floors only in c: one jump to c, not one to each."""
    query = """
        { shop { mall { open floors } } }
    """
    assert plan("shareable", query) == expected(
        """
        QueryPlan {
          Sequence {
            Fetch(service: "a") {
              {
                shop {
                  mall {
                    __typename
                    id
                  }
                }
              }
            },
            Flatten(path: "shop.mall") {
              Fetch(service: "c") {
                {
                  ... on Mall {
                    __typename
                    id
                  }
                } =>
                query($representations: [_Any!]!) {
                  _entities(representations: $representations) {
                    ... on Mall {
                      open
                      floors
                    }
                  }
                }
              },
            },
          },
        }
        """
    )


def test_shareable_root_field_split_between_subgraphs(plan: PlanText) -> None:
    """location is shareable, city only in a and zip only in c: fetched from both."""
    query = """
        { location { city zip } }
    """
    assert plan("shareable", query) == expected(
        """
        QueryPlan {
          Parallel {
            Fetch(service: "a") {
              {
                location {
                  city
                }
              }
            },
            Fetch(service: "c") {
              {
                location {
                  zip
                }
              }
            },
          },
        }
        """
    )


def test_shareable_field_split_between_subgraphs(plan: PlanText) -> None:
    """category lives in a (details) and b (id); c is entered from b for name."""
    query = """
        { productFromD(id: "1") { id name category { id name details } } }
    """
    assert plan("parent_entity", query) == expected(
        """
        QueryPlan {
          Sequence {
            Fetch(service: "d") {
              {
                productFromD(id: "1") {
                  id
                  name
                  __typename
                }
              }
            },
            Parallel {
              Flatten(path: "productFromD") {
                Fetch(service: "a") {
                  {
                    ... on Product {
                      __typename
                      id
                    }
                  } =>
                  query($representations: [_Any!]!) {
                    _entities(representations: $representations) {
                      ... on Product {
                        category {
                          details
                        }
                      }
                    }
                  }
                },
              },
              Sequence {
                Flatten(path: "productFromD") {
                  Fetch(service: "b") {
                    {
                      ... on Product {
                        __typename
                        id
                      }
                    } =>
                    query($representations: [_Any!]!) {
                      _entities(representations: $representations) {
                        ... on Product {
                          category {
                            id
                            __typename
                          }
                        }
                      }
                    }
                  },
                },
                Flatten(path: "productFromD.category") {
                  Fetch(service: "c") {
                    {
                      ... on Category {
                        __typename
                        id
                      }
                    } =>
                    query($representations: [_Any!]!) {
                      _entities(representations: $representations) {
                        ... on Category {
                          name
                        }
                      }
                    }
                  },
                },
              },
            },
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
                  ... on Shop {
                    __typename
                    id
                  }
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
