"""Flatten path walking and representation building over hand-written response trees."""

from __future__ import annotations

from graphql import build_schema

from gateway.executor.paths import Target, find_targets
from gateway.executor.representations import apply_rewrites, build_representations
from gateway.planner.plan import FieldSelection, InlineFragmentSelection, KeyRenamer, ValueSetter

SCHEMA = build_schema(
    """
    type Query { a: Int }
    interface Item { id: ID! }
    type Book implements Item { id: ID! isbn: String org: Org tags: [Tag] }
    type Movie implements Item { id: ID! }
    type Org { id: ID! }
    type Tag { name: String }
    union Result = Book | Movie
    """
)


def paths(root: object, path: tuple[str, ...]) -> list[tuple[str | int, ...]]:
    return [target.path for target in find_targets(SCHEMA, root, path)]


def test_lists_nulls_and_missing_values() -> None:
    root = {
        "shelves": [[{"id": 1}, None, 3], None, [], [{"id": 2}]],
        "empty": None,
    }
    assert paths(root, ("shelves", "@", "@")) == [("shelves", 0, 0), ("shelves", 3, 0)]
    assert paths(root, ("shelves", "@")) == [("shelves", 0, 0), ("shelves", 3, 0)]
    assert paths(root, ("empty", "@")) == []
    assert paths(root, ("missing",)) == []
    assert paths({"a": {"b": [{"c": {"x": 1}}, {"c": None}]}}, ("a", "b", "@", "c")) == [
        ("a", "b", 0, "c")
    ]


def test_type_conditioned_steps() -> None:
    root = {
        "items": [
            {"__typename": "Book", "id": "b"},
            {"__typename": "Movie", "id": "m"},
            {"__typename": "Book", "id": "c"},
        ]
    }
    assert paths(root, ("items", "@|[Book]")) == [("items", 0), ("items", 2)]
    assert paths(root, ("items", "@|[Movie,Book]")) == [("items", 0), ("items", 1), ("items", 2)]
    assert paths(root, ("items", "@", "... on Movie")) == [("items", 1)]
    assert paths(root, ("items", "@", "... on Item")) == [("items", 0), ("items", 1), ("items", 2)]


BOOK_KEY = (InlineFragmentSelection("Book", (FieldSelection("__typename"), FieldSelection("id"))),)


def targets(*values: dict[str, object]) -> list[Target]:
    return [Target(value, ("items", index)) for index, value in enumerate(values)]


def test_representations_skip_objects_that_cannot_be_represented() -> None:
    built = build_representations(
        SCHEMA,
        targets(
            {"__typename": "Book", "id": "b1"},
            {"__typename": "Movie", "id": "m1"},  # no fragment matches
            {"__typename": "Book"},  # key missing (an earlier fetch failed)
            {"__typename": "Book", "id": None},  # non-null key is null
            {"id": "b2"},  # no __typename
        ),
        BOOK_KEY,
        (),
    )
    assert built.values == [{"__typename": "Book", "id": "b1"}]
    assert [[t.path for t in group] for group in built.targets] == [[("items", 0)]]


def test_representations_are_deduplicated_structurally() -> None:
    requires = (
        InlineFragmentSelection(
            "Item",
            (
                FieldSelection("__typename"),
                FieldSelection("id"),
                FieldSelection("org", (FieldSelection("id"),)),
                FieldSelection("tags", (FieldSelection("name"),)),
            ),
        ),
    )
    first = {
        "__typename": "Book",
        "id": "b1",
        "org": {"id": "o1", "name": "unused"},
        "tags": [{"name": "x"}, None],
    }
    same_in_other_order = {
        "tags": [{"name": "x"}, None],
        "org": {"name": "other", "id": "o1"},
        "id": "b1",
        "__typename": "Book",
    }
    built = build_representations(
        SCHEMA, targets(first, same_in_other_order, {**first, "id": "b2"}), requires, ()
    )
    assert built.values == [
        {"__typename": "Book", "id": "b1", "org": {"id": "o1"}, "tags": [{"name": "x"}, None]},
        {"__typename": "Book", "id": "b2", "org": {"id": "o1"}, "tags": [{"name": "x"}, None]},
    ]
    assert [[t.path for t in group] for group in built.targets] == [
        [("items", 0), ("items", 1)],
        [("items", 2)],
    ]


def test_rewrites_apply_by_type_condition() -> None:
    value = {"__typename": "Book", "id": "b1", "isbn__alias": "978"}
    apply_rewrites(
        SCHEMA,
        value,
        (
            KeyRenamer(("... on Book", "isbn__alias"), "isbn"),
            ValueSetter(("... on Item", "__typename"), "Item"),
            ValueSetter(("... on Movie", "id"), "never"),
        ),
    )
    assert value == {"__typename": "Item", "id": "b1", "isbn": "978"}
