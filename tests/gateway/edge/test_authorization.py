"""Authorization filtering (federation.md 5.8) as a pure function over an API schema."""

from __future__ import annotations

import pytest
from graphql import (
    DocumentNode,
    OperationDefinitionNode,
    build_schema,
    get_operation_ast,
    parse,
    print_ast,
    validate,
)

from gateway.edge.authorization import (
    AuthorizationRules,
    Grant,
    Requirement,
    authorize_operation,
    required_policies,
    unauthorized_errors,
)
from gateway.edge.authorizer import decide_grant, load_policy_hook

SCHEMA = build_schema(
    """
    type Query { me: Customer  accounts: [Account!]!  node(id: ID!): Node  public: String }
    interface Node { id: ID! }
    type Customer implements Node { id: ID! name: String! email: String }
    type Account implements Node { id: ID! iban: String! balance: Int!  owner: Customer }
    type Secret implements Node { id: ID! code: String }
    """
)

RULES = AuthorizationRules(
    {
        "Query.me": Requirement(authenticated=True),
        "Customer.email": Requirement(scopes=(frozenset({"profile:read"}),)),
        "Account.balance": Requirement(
            scopes=(frozenset({"accounts", "balances"}), frozenset({"admin"}))
        ),
        "Secret": Requirement(policies=(frozenset({"can_see_secrets"}),)),
    }
)


def run(query: str, grant: Grant) -> tuple[str, tuple[tuple[str, ...], ...]]:
    document = parse(query)
    assert validate(SCHEMA, document) == []
    operation = get_operation_ast(document)
    assert isinstance(operation, OperationDefinitionNode)
    outcome = authorize_operation(document, operation, SCHEMA, RULES, grant)
    assert validate(SCHEMA, outcome.document) == [], print_ast(outcome.document)
    return _compact(outcome.document), outcome.removed


def _compact(document: DocumentNode) -> str:
    return " ".join(print_ast(document).split())


def test_everything_allowed_returns_the_same_document() -> None:
    document = parse("{ public accounts { iban } }")
    operation = get_operation_ast(document)
    assert operation is not None
    outcome = authorize_operation(document, operation, SCHEMA, RULES, Grant())
    assert outcome.document is document
    assert outcome.removed == ()


def test_missing_scope_on_one_field_of_several_removes_only_that_field() -> None:
    printed, removed = run(
        "{ accounts { iban balance owner { name email } } }",
        Grant(authenticated=True, scopes=frozenset({"accounts"})),
    )
    assert printed == "{ accounts { iban owner { name } } }"
    assert removed == (("accounts", "balance"), ("accounts", "owner", "email"))


def test_scope_groups_are_or_of_and() -> None:
    for scopes, allowed in [
        ({"accounts", "balances"}, True),
        ({"admin"}, True),
        ({"balances"}, False),
    ]:
        _, removed = run("{ accounts { balance } public }", Grant(True, frozenset(scopes)))
        assert (removed == ()) is allowed


def test_authenticated_field_removed_for_anonymous_with_alias_path() -> None:
    printed, removed = run("{ who: me { name } public }", Grant())
    assert printed == "{ public }"
    assert removed == (("who",),)


def test_field_whose_whole_selection_is_removed_is_reported_once_at_its_own_path() -> None:
    printed, removed = run("{ accounts { balance } public }", Grant(True))
    assert printed == "{ public }"
    assert removed == (("accounts",),)


def test_empty_root_keeps_a_typename_placeholder() -> None:
    printed, removed = run("query Q { me { name } }", Grant())
    assert printed == "query Q { __typename }"
    assert removed == (("me",),)


def test_fragment_on_unauthorized_type_is_removed() -> None:
    query = (
        "{ node(id: 1) { __typename ... on Secret { code } ...C } } fragment C on Customer { name }"
    )
    printed, removed = run(query, Grant(True))
    assert printed == "{ node(id: 1) { __typename ...C } } fragment C on Customer { name }"
    assert removed == (("node", "code"),)
    printed, removed = run(query, Grant(True, policies=frozenset({"can_see_secrets"})))
    assert removed == ()


def test_interface_field_is_unauthorized_when_any_implementation_requires_more() -> None:
    rules = AuthorizationRules({"Account.id": Requirement(authenticated=True)})
    document = parse("{ node(id: 1) { id } }")
    operation = get_operation_ast(document)
    assert operation is not None
    outcome = authorize_operation(document, operation, SCHEMA, rules, Grant())
    assert outcome.removed == (("node",),)


def test_interface_typed_field_with_plain_fields_needs_every_implementation() -> None:
    _, removed = run("{ node(id: 1) { id } }", Grant(True))
    assert removed == (("node",),)  # Secret implements Node and needs a policy
    _, removed = run("{ node(id: 1) { __typename ... on Account { iban } } }", Grant(True))
    assert removed == ()


def test_named_fragments_are_filtered_and_unused_ones_dropped() -> None:
    query = """
      query { accounts { ...A } first: accounts { ...A } }
      fragment A on Account { iban balance }
    """
    printed, removed = run(query, Grant(True))
    assert printed == (
        "{ accounts { ...A } first: accounts { ...A } } fragment A on Account { iban }"
    )
    assert removed == (("accounts", "balance"), ("first", "balance"))


def test_policies_needed_by_the_operation_are_collected() -> None:
    document = parse("{ node(id: 1) { ... on Secret { code } } public }")
    operation = get_operation_ast(document)
    assert operation is not None
    assert required_policies(document, operation, SCHEMA, RULES) == {"can_see_secrets"}
    document = parse("{ public }")
    operation = get_operation_ast(document)
    assert operation is not None
    assert required_policies(document, operation, SCHEMA, RULES) == frozenset()


async def test_policy_hook_grants_a_subset_and_may_be_async() -> None:
    async def hook(request: object) -> set[str]:
        return {"a", "not-asked"}

    grant = await decide_grant(
        authenticated=True,
        scopes=frozenset(),
        subject="c1",
        claims={},
        policies=frozenset({"a", "b"}),
        hook=hook,
    )
    assert grant.policies == {"a"}
    denied = await decide_grant(
        authenticated=True,
        scopes=frozenset(),
        subject="c1",
        claims={},
        policies=frozenset({"a"}),
        hook=None,
    )
    assert denied.policies == frozenset()


def test_requirements_merge_as_and() -> None:
    merged = Requirement(scopes=(frozenset({"a"}), frozenset({"b"}))).merged(
        Requirement(authenticated=True, scopes=(frozenset({"c"}),))
    )
    assert merged == Requirement(True, (frozenset({"a", "c"}), frozenset({"b", "c"})))


def test_load_policy_hook_refuses_bad_references() -> None:
    assert load_policy_hook("os.path:basename") is not None
    for reference in ("nomodule", "os.path:nope", "no_such_module_xyz:f"):
        with pytest.raises(ValueError):
            load_policy_hook(reference)


def test_errors_carry_the_code_and_path() -> None:
    assert unauthorized_errors([("a", "b")]) == [
        {
            "message": "Unauthorized field or type",
            "path": ["a", "b"],
            "extensions": {"code": "UNAUTHORIZED_FIELD_OR_TYPE"},
        }
    ]
