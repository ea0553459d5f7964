"""Interfaces and unions whose members differ per subgraph; fragments on abstract types."""

from __future__ import annotations

from tests.gateway.planner.harness import PlanText, expected


def test_union_members_jump_per_type(plan: PlanText) -> None:
    """Each member's missing field jumps with its own type condition."""
    query = """
        { feed { ... on Article { title views } ... on Video { title views length } } }
    """
    assert plan("abstract", query) == expected(
        """
        QueryPlan {
          Sequence {
            Fetch(service: "media") {
              {
                feed {
                  __typename
                  ... on Article {
                    title
                    __typename
                    id
                  }
                  ... on Video {
                    title
                    __typename
                    id
                    length
                  }
                }
              }
            },
            Flatten(path: "feed.@") {
              Fetch(service: "stats") {
                {
                  ... on Article {
                    __typename
                    id
                  }
                  ... on Video {
                    __typename
                    id
                  }
                } =>
                query($representations: [_Any!]!) {
                  _entities(representations: $representations) {
                    ... on Article {
                      views
                    }
                    ... on Video {
                      views
                    }
                  }
                }
              },
            },
          },
        }
        """
    )


def test_fragments_on_types_unknown_to_the_subgraph_are_dropped(plan: PlanText) -> None:
    """stats knows no Video in Media: the fragment is not sent there."""
    query = """
        {
          popular {
            __typename
            ... on Article {
              title
              views
            }
            ... on Video {
              length
            }
            ... on Podcast {
              views
            }
          }
        }
    """
    assert plan("abstract", query) == expected(
        """
        QueryPlan {
          Sequence {
            Fetch(service: "stats") {
              {
                popular {
                  __typename
                  ... on Article {
                    __typename
                    id
                    views
                  }
                  ... on Podcast {
                    views
                  }
                }
              }
            },
            Flatten(path: "popular.@") {
              Fetch(service: "media") {
                {
                  ... on Article {
                    __typename
                    id
                  }
                } =>
                query($representations: [_Any!]!) {
                  _entities(representations: $representations) {
                    ... on Article {
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


def test_sibling_fragments_with_different_subgraph_types_are_aliased(plan: PlanText) -> None:
    """Admin.id is ID! in subgraph a but User.id is ID: alias one, rename it back on receipt."""
    query = """
        { accounts { ... on User { id email } ... on Admin { id level } } }
    """
    assert plan("shapes", query) == expected(
        """
        QueryPlan {
          Sequence {
            Fetch(service: "a") {
              output rewrite: ["accounts","... on Admin","id__alias_0"] -> "id"
              {
                accounts {
                  __typename
                  ... on User {
                    id
                    __typename
                  }
                  ... on Admin {
                    id__alias_0: id
                    level
                  }
                }
              }
            },
            Flatten(path: "accounts.@") {
              Fetch(service: "b") {
                {
                  ... on User {
                    __typename
                    id
                  }
                } =>
                query($representations: [_Any!]!) {
                  _entities(representations: $representations) {
                    ... on User {
                      email
                    }
                  }
                }
              },
            },
          },
        }
        """
    )


def test_interface_field_external_in_one_implementation_is_exploded(plan: PlanText) -> None:
    """Cat.name is external in a: the interface selection splits per type, Cat jumps to b."""
    query = """
        { animals { id name ... on Cat { lives } } }
    """
    assert plan("interface_explode", query) == expected(
        """
        QueryPlan {
          Sequence {
            Fetch(service: "a") {
              {
                animals {
                  __typename
                  id
                  ... on Cat {
                    __typename
                    id
                  }
                  ... on Dog {
                    name
                  }
                }
              }
            },
            Flatten(path: "animals.@") {
              Fetch(service: "b") {
                {
                  ... on Cat {
                    __typename
                    id
                  }
                } =>
                query($representations: [_Any!]!) {
                  _entities(representations: $representations) {
                    ... on Cat {
                      name
                      lives
                    }
                  }
                }
              },
            },
          },
        }
        """
    )


def test_nested_sibling_fragments_share_one_shape_registry(plan: PlanText) -> None:
    """Fragments under disjoint parents still must agree on shapes: each Admin.id is aliased."""
    query = """
        {
          accounts {
            ... on User {
              id
              similarAccounts {
                ... on User {
                  id
                  email
                }
                ... on Admin {
                  id
                }
              }
            }
            ... on Admin {
              id
              similarAccounts {
                ... on User {
                  id
                }
                ... on Admin {
                  id
                }
              }
            }
          }
        }
    """
    assert plan("shapes", query) == expected(
        """
        QueryPlan {
          Sequence {
            Fetch(service: "a") {
              output rewrite: ["accounts","similarAccounts","... on Admin","id__alias_0"] -> "id"
              output rewrite: ["accounts","... on Admin","id__alias_1"] -> "id"
              output rewrite: ["accounts","similarAccounts","... on Admin","id__alias_2"] -> "id"
              {
                accounts {
                  __typename
                  ... on User {
                    id
                    similarAccounts {
                      __typename
                      ... on User {
                        id
                        __typename
                      }
                      ... on Admin {
                        id__alias_0: id
                      }
                    }
                  }
                  ... on Admin {
                    id__alias_1: id
                    similarAccounts {
                      __typename
                      ... on User {
                        id
                      }
                      ... on Admin {
                        id__alias_2: id
                      }
                    }
                  }
                }
              }
            },
            Flatten(path: "accounts.@.similarAccounts.@") {
              Fetch(service: "b") {
                {
                  ... on User {
                    __typename
                    id
                  }
                } =>
                query($representations: [_Any!]!) {
                  _entities(representations: $representations) {
                    ... on User {
                      email
                    }
                  }
                }
              },
            },
          },
        }
        """
    )


def test_shareable_abstract_root_field_goes_where_the_fragment_resolves(plan: PlanText) -> None:
    """Chat.id is external in a, Account.id in b: each node alias goes where it resolves."""
    query = """
        {
          account: node(id: "a1") {
            ... on Account {
              id
              username
            }
          }
          chat: node(id: "c1") {
            ... on Chat {
              id
              text
            }
          }
        }
    """
    assert plan("node_id", query) == expected(
        """
        QueryPlan {
          Parallel {
            Fetch(service: "a") {
              {
                account: node(id: "a1") {
                  __typename
                  ... on Account {
                    id
                    username
                  }
                }
              }
            },
            Fetch(service: "b") {
              {
                chat: node(id: "c1") {
                  __typename
                  ... on Chat {
                    id
                    text
                  }
                }
              }
            },
          },
        }
        """
    )


def test_fragments_for_types_a_subgraph_cannot_return_are_dropped_there(plan: PlanText) -> None:
    """Either subgraph can answer __typename; a fragment it cannot serve goes elsewhere."""
    query = """
        {
          account: node(id: "a1") {
            __typename
            ... on Chat {
              id
            }
          }
          chat: node(id: "c1") {
            __typename
            ... on Account {
              id
            }
          }
        }
    """
    assert plan("node_id", query) == expected(
        """
        QueryPlan {
          Parallel {
            Fetch(service: "b") {
              {
                account: node(id: "a1") {
                  __typename
                  ... on Chat {
                    id
                  }
                }
              }
            },
            Fetch(service: "a") {
              {
                chat: node(id: "c1") {
                  __typename
                  ... on Account {
                    id
                  }
                }
              }
            },
          },
        }
        """
    )


def test_interface_fragment_on_interface_field(plan: PlanText) -> None:
    """Fields on an interface selected through fragments."""
    query = """
        { node(id: "1") { id ... on Video { length views } } }
    """
    assert plan("abstract", query) == expected(
        """
        QueryPlan {
          Sequence {
            Fetch(service: "media") {
              {
                node(id: "1") {
                  __typename
                  id
                  ... on Video {
                    length
                    __typename
                    id
                  }
                }
              }
            },
            Flatten(path: "node") {
              Fetch(service: "stats") {
                {
                  ... on Video {
                    __typename
                    id
                  }
                } =>
                query($representations: [_Any!]!) {
                  _entities(representations: $representations) {
                    ... on Video {
                      views
                    }
                  }
                }
              },
            },
          },
        }
        """
    )
