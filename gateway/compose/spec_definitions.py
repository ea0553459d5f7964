"""Definitions of the specs a composed supergraph links (printed verbatim, in this order)."""

from __future__ import annotations

from collections.abc import Mapping

LINK_URL = "https://specs.apollo.dev/link/v1.0"
JOIN_URL = "https://specs.apollo.dev/join/v0.5"

JOIN_DEFINITIONS = '''\
directive @join__directive(
  graphs: [join__Graph!]
  name: String!
  args: join__DirectiveArguments
) repeatable on SCHEMA | OBJECT | INTERFACE | FIELD_DEFINITION

directive @join__enumValue(graph: join__Graph!) repeatable on ENUM_VALUE

directive @join__field(
  graph: join__Graph
  requires: join__FieldSet
  provides: join__FieldSet
  type: String
  external: Boolean
  override: String
  usedOverridden: Boolean
  overrideLabel: String
  contextArguments: [join__ContextArgument!]
) repeatable on FIELD_DEFINITION | INPUT_FIELD_DEFINITION

directive @join__graph(name: String!, url: String!) on ENUM_VALUE

directive @join__implements(
  graph: join__Graph!
  interface: String!
) repeatable on OBJECT | INTERFACE

directive @join__type(
  graph: join__Graph!
  key: join__FieldSet
  extension: Boolean! = false
  resolvable: Boolean! = true
  isInterfaceObject: Boolean! = false
) repeatable on OBJECT | INTERFACE | UNION | ENUM | INPUT_OBJECT | SCALAR

directive @join__unionMember(graph: join__Graph!, member: String!) repeatable on UNION

directive @link(
  url: String
  as: String
  for: link__Purpose
  import: [link__Import]
) repeatable on SCHEMA

input join__ContextArgument {
  name: String!
  type: String!
  context: String!
  selection: join__FieldValue!
}

scalar join__DirectiveArguments

scalar join__FieldSet

scalar join__FieldValue

scalar link__Import

enum link__Purpose {
  """
  `SECURITY` features provide metadata necessary to securely resolve fields.
  """
  SECURITY

  """
  `EXECUTION` features provide metadata necessary for operation execution.
  """
  EXECUTION
}'''


# Optional specs: name -> (link arguments after url, definitions). Always-linked ones first.
OPTIONAL_SPECS: Mapping[str, tuple[str, str]] = {
    "inaccessible": (
        '@link(url: "https://specs.apollo.dev/inaccessible/v0.2", for: SECURITY)',
        "directive @inaccessible on FIELD_DEFINITION | OBJECT | INTERFACE | UNION"
        " | ARGUMENT_DEFINITION | SCALAR | ENUM | ENUM_VALUE | INPUT_OBJECT"
        " | INPUT_FIELD_DEFINITION",
    ),
    "tag": (
        '@link(url: "https://specs.apollo.dev/tag/v0.3")',
        "directive @tag(name: String!) repeatable on FIELD_DEFINITION | OBJECT | INTERFACE"
        " | UNION | ARGUMENT_DEFINITION | SCALAR | ENUM | ENUM_VALUE | INPUT_OBJECT"
        " | INPUT_FIELD_DEFINITION | SCHEMA",
    ),
    "authenticated": (
        '@link(url: "https://specs.apollo.dev/authenticated/v0.1", for: SECURITY)',
        "directive @authenticated on FIELD_DEFINITION | OBJECT | INTERFACE | SCALAR | ENUM",
    ),
    "requiresScopes": (
        '@link(url: "https://specs.apollo.dev/requiresScopes/v0.1", for: SECURITY)',
        "directive @requiresScopes(scopes: [[requiresScopes__Scope!]!]!) on FIELD_DEFINITION"
        " | OBJECT | INTERFACE | SCALAR | ENUM\n\nscalar requiresScopes__Scope",
    ),
    "policy": (
        '@link(url: "https://specs.apollo.dev/policy/v0.1", for: SECURITY)',
        "directive @policy(policies: [[policy__Policy!]!]!) on FIELD_DEFINITION | OBJECT"
        " | INTERFACE | SCALAR | ENUM\n\nscalar policy__Policy",
    ),
    "context": (
        '@link(url: "https://specs.apollo.dev/context/v0.1", for: SECURITY)',
        "directive @context(name: String!) repeatable on OBJECT | INTERFACE | UNION\n\n"
        "directive @context__fromContext(field: context__ContextFieldValue) on"
        " ARGUMENT_DEFINITION\n\nscalar context__ContextFieldValue",
    ),
    "cost": (
        '@link(url: "https://specs.apollo.dev/cost/v0.1", import: ["@cost", "@listSize"])',
        "directive @cost(weight: Int!) on ARGUMENT_DEFINITION | ENUM | FIELD_DEFINITION"
        " | INPUT_FIELD_DEFINITION | OBJECT | SCALAR\n\n"
        "directive @listSize(assumedSize: Int, slicingArguments: [String!], sizedFields:"
        " [String!], requireOneSlicingArgument: Boolean = true) on FIELD_DEFINITION",
    ),
}
ALWAYS_LINKED = ("inaccessible", "tag")
