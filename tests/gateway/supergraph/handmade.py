"""Hand-written supergraphs for shapes the reference composer no longer writes (join v0.2,
Fed 1 extensions, renamed links) and for refusals."""

from __future__ import annotations

__all__ = ["JOIN_V02", "RENAMED_JOIN"]

JOIN_V02 = """
schema
  @link(url: "https://specs.apollo.dev/link/v1.0")
  @link(url: "https://specs.apollo.dev/join/v0.2", for: EXECUTION)
{ query: Query }

directive @link(url: String, as: String, for: link__Purpose, import: [link__Import])
  repeatable on SCHEMA
directive @join__graph(name: String!, url: String!) on ENUM_VALUE
directive @join__type(graph: join__Graph!, key: join__FieldSet, extension: Boolean! = false,
  resolvable: Boolean! = true)
  repeatable on OBJECT | INTERFACE | UNION | ENUM | INPUT_OBJECT | SCALAR
directive @join__field(graph: join__Graph!, requires: join__FieldSet, provides: join__FieldSet,
  type: String, external: Boolean, override: String, usedOverridden: Boolean)
  repeatable on FIELD_DEFINITION | INPUT_FIELD_DEFINITION
directive @join__implements(graph: join__Graph!, interface: String!)
  repeatable on OBJECT | INTERFACE
scalar join__FieldSet
scalar link__Import
enum link__Purpose { SECURITY EXECUTION }

enum join__Graph {
  ORDERS @join__graph(name: "orders", url: "http://orders.invalid/graphql")
  USERS @join__graph(name: "users", url: "http://users.invalid/graphql")
}

type Query @join__type(graph: ORDERS) @join__type(graph: USERS) {
  me: User @join__field(graph: USERS)
  orders: [Order!]! @join__field(graph: ORDERS)
  search: [Result!]! @join__field(graph: ORDERS)
}

union Result @join__type(graph: ORDERS) = Order | User

type Order @join__type(graph: ORDERS, key: "id") {
  id: ID!
  buyer: User
}

type User
  @join__type(graph: USERS, key: "id")
  @join__type(graph: ORDERS, key: "id", extension: true)
{
  id: ID! @join__field(graph: USERS) @join__field(graph: ORDERS, external: true)
  name: String @join__field(graph: USERS)
  orders: [Order!]! @join__field(graph: ORDERS)
}
"""

RENAMED_JOIN = JOIN_V02.replace("join__", "j__").replace(
    'join/v0.2", for: EXECUTION', 'join/v0.2", as: "j", for: EXECUTION'
)
