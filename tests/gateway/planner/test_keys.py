"""Entity jumps through @key: key chains, compound and nested keys, resolvable: false."""

from __future__ import annotations

from tests.gateway.planner.harness import PlanText, expected


def test_key_chain_through_third_subgraph(plan: PlanText) -> None:
    """billing only knows User by email: fetch email from directory first."""
    query = """
        { me { name credit } }
    """
    assert plan("keys", query) == expected(
        """
        QueryPlan {
          Sequence {
            Fetch(service: "users") {
              {
                me {
                  name
                  __typename
                  id
                }
              }
            },
            Flatten(path: "me") {
              Fetch(service: "directory") {
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
            Flatten(path: "me") {
              Fetch(service: "billing") {
                {
                  ... on User {
                    __typename
                    email
                  }
                } =>
                query($representations: [_Any!]!) {
                  _entities(representations: $representations) {
                    ... on User {
                      credit
                    }
                  }
                }
              },
            },
          },
        }
        """
    )


def test_compound_and_nested_keys(plan: PlanText) -> None:
    """Compound keys and keys selecting into objects are sent whole."""
    query = """
        { seat { price } membership { fee } }
    """
    assert plan("keys", query) == expected(
        """
        QueryPlan {
          Sequence {
            Fetch(service: "users") {
              {
                seat {
                  __typename
                  number
                  venue {
                    id
                  }
                }
                membership {
                  __typename
                  userId
                  orgId
                }
              }
            },
            Parallel {
              Flatten(path: "seat") {
                Fetch(service: "billing") {
                  {
                    ... on Seat {
                      __typename
                      number
                      venue {
                        id
                      }
                    }
                  } =>
                  query($representations: [_Any!]!) {
                    _entities(representations: $representations) {
                      ... on Seat {
                        price
                      }
                    }
                  }
                },
              },
              Flatten(path: "membership") {
                Fetch(service: "billing") {
                  {
                    ... on Membership {
                      __typename
                      userId
                      orgId
                    }
                  } =>
                  query($representations: [_Any!]!) {
                    _entities(representations: $representations) {
                      ... on Membership {
                        fee
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


def test_non_resolvable_key_is_only_a_source(plan: PlanText) -> None:
    """audit hands out User references (resolvable: false) but is never entered."""
    query = """
        { lastLogin { at user { id name } } }
    """
    assert plan("keys", query) == expected(
        """
        QueryPlan {
          Sequence {
            Fetch(service: "audit") {
              {
                lastLogin {
                  at
                  user {
                    id
                    __typename
                  }
                }
              }
            },
            Flatten(path: "lastLogin.user") {
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


def test_inaccessible_key_field_is_still_sent(plan: PlanText) -> None:
    """Wallet's key internalId is @inaccessible: hidden from clients, still sent as the key."""
    query = """
        { wallet { owner balance } }
    """
    assert plan("keys", query) == expected(
        """
        QueryPlan {
          Sequence {
            Fetch(service: "users") {
              {
                wallet {
                  owner
                  __typename
                  internalId
                }
              }
            },
            Flatten(path: "wallet") {
              Fetch(service: "billing") {
                {
                  ... on Wallet {
                    __typename
                    internalId
                  }
                } =>
                query($representations: [_Any!]!) {
                  _entities(representations: $representations) {
                    ... on Wallet {
                      balance
                    }
                  }
                }
              },
            },
          },
        }
        """
    )


def test_extension_key_marked_external_is_resolvable(plan: PlanText) -> None:
    """price extends Product with key id marked @external: it still returns id."""
    query = """
        { cheapestProduct { id price name } }
    """
    assert plan("fed2_extension", query) == expected(
        """
        QueryPlan {
          Sequence {
            Fetch(service: "price") {
              {
                cheapestProduct {
                  id
                  price
                  __typename
                }
              }
            },
            Flatten(path: "cheapestProduct") {
              Fetch(service: "product") {
                {
                  ... on Product {
                    __typename
                    id
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
        }
        """
    )


def test_key_fields_already_selected_are_not_duplicated(plan: PlanText) -> None:
    """A client-selected key field is reused for the representation."""
    query = """
        { me { id name credit } }
    """
    assert plan("keys", query) == expected(
        """
        QueryPlan {
          Sequence {
            Fetch(service: "users") {
              {
                me {
                  id
                  name
                  __typename
                }
              }
            },
            Flatten(path: "me") {
              Fetch(service: "directory") {
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
            Flatten(path: "me") {
              Fetch(service: "billing") {
                {
                  ... on User {
                    __typename
                    email
                  }
                } =>
                query($representations: [_Any!]!) {
                  _entities(representations: $representations) {
                    ... on User {
                      credit
                    }
                  }
                }
              },
            },
          },
        }
        """
    )
