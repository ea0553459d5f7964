"""Operation shape limits: depth, aliases, root fields and directives, fragments expanded.

`measure_operation` computes an `OperationShape` in time linear in the document size, even
for fragment bombs (each fragment is measured once and reused, so counts may be astronomically
large numbers without being expanded), and it never loops on cyclic fragments (which
validation refuses anyway). `check_limits` compares a shape with the configured `Limits`.
`check_source` refuses oversized documents and variables before anything is parsed.

`LimitGuard` runs all of this *before* the engine validates a document: validation has rules
whose cost grows quadratically with hostile input (overlapping fields), so an alias bomb must
be refused first. It parses with the token limit and caches its verdict per query text, so a
document is parsed by the guard once, however often it is sent.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from dataclasses import dataclass

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLSyntaxError,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    parse,
)

from gateway.settings import Settings

__all__ = [
    "LimitGuard",
    "LimitViolation",
    "Limits",
    "OperationShape",
    "check_limits",
    "check_source",
    "measure_operation",
]


@dataclass(frozen=True, slots=True)
class Limits:
    """Largest allowed values; see `Settings` for their meaning."""

    max_depth: int
    max_aliases: int
    max_root_fields: int
    max_directives: int
    max_document_bytes: int
    max_variables_bytes: int
    max_tokens: int = 15_000

    @classmethod
    def from_settings(cls, settings: Settings) -> Limits:
        return cls(
            max_depth=settings.max_depth,
            max_aliases=settings.max_aliases,
            max_root_fields=settings.max_root_fields,
            max_directives=settings.max_directives,
            max_document_bytes=settings.max_document_bytes,
            max_variables_bytes=settings.max_variables_bytes,
            max_tokens=settings.max_tokens,
        )


@dataclass(frozen=True, slots=True)
class LimitViolation:
    """One exceeded limit, as a client error (``code`` in ``extensions``)."""

    code: str
    message: str

    def as_error(self) -> dict[str, object]:
        return {"message": self.message, "extensions": {"code": self.code}}


@dataclass(frozen=True, slots=True)
class OperationShape:
    """Sizes of one operation with every fragment expanded where it is spread."""

    depth: int
    aliases: int
    root_fields: int
    directives: int


@dataclass(frozen=True, slots=True)
class _Counts:
    depth: int = 0
    aliases: int = 0
    fields: int = 0
    directives: int = 0


def check_source(query: str, variables_size: int, limits: Limits) -> LimitViolation | None:
    """Refuse a document or ``variables`` JSON larger than allowed (UTF-8 bytes)."""
    if len(query) > limits.max_document_bytes or (
        len(query.encode("utf-8")) > limits.max_document_bytes
    ):
        return LimitViolation(
            "DOCUMENT_TOO_LARGE", f"The document exceeds {limits.max_document_bytes} bytes."
        )
    if variables_size > limits.max_variables_bytes:
        return LimitViolation(
            "VARIABLES_TOO_LARGE", f"The variables exceed {limits.max_variables_bytes} bytes."
        )
    return None


def check_limits(shape: OperationShape, limits: Limits) -> list[LimitViolation]:
    """Every limit ``shape`` exceeds (empty when within all of them)."""
    violations = []
    if shape.depth > limits.max_depth:
        violations.append(
            LimitViolation("MAX_DEPTH_LIMIT", f"The operation is deeper than {limits.max_depth}.")
        )
    if shape.aliases > limits.max_aliases:
        violations.append(
            LimitViolation(
                "MAX_ALIASES_LIMIT", f"The operation uses more than {limits.max_aliases} aliases."
            )
        )
    if shape.root_fields > limits.max_root_fields:
        violations.append(
            LimitViolation(
                "MAX_ROOT_FIELDS_LIMIT",
                f"The operation selects more than {limits.max_root_fields} root fields.",
            )
        )
    if shape.directives > limits.max_directives:
        violations.append(
            LimitViolation(
                "MAX_DIRECTIVES_LIMIT",
                f"The operation uses more than {limits.max_directives} directives.",
            )
        )
    return violations


def measure_operation(document: DocumentNode, operation: OperationDefinitionNode) -> OperationShape:
    """The `OperationShape` of ``operation`` (fragments from ``document``)."""
    fragments = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
    measurer = _Measurer(fragments)
    root = measurer.selection_set(operation.selection_set)
    own_directives = len(operation.directives or ()) + sum(
        len(v.directives or ()) for v in operation.variable_definitions or ()
    )
    return OperationShape(
        depth=root.depth,
        aliases=root.aliases,
        root_fields=root.fields,
        directives=root.directives + own_directives,
    )


class _Measurer:
    """Memoised measurement: ``fields`` counts only the top level of a selection set."""

    def __init__(self, fragments: dict[str, FragmentDefinitionNode]) -> None:
        self._fragments = fragments
        self._memo: dict[str, _Counts] = {}
        self._in_progress: set[str] = set()

    def selection_set(self, selection_set: SelectionSetNode) -> _Counts:
        depth = aliases = fields = directives = 0
        for selection in selection_set.selections:
            directives += len(selection.directives or ())
            if isinstance(selection, FieldNode):
                fields += 1
                aliases += selection.alias is not None
                inner = (
                    self.selection_set(selection.selection_set)
                    if selection.selection_set
                    else _Counts()
                )
                depth = max(depth, inner.depth + 1)
                aliases += inner.aliases
                directives += inner.directives
                continue
            if isinstance(selection, InlineFragmentNode):
                inner = self.selection_set(selection.selection_set)
            else:
                assert isinstance(selection, FragmentSpreadNode)
                inner = self.fragment(selection.name.value)
            depth = max(depth, inner.depth)
            aliases += inner.aliases
            fields += inner.fields
            directives += inner.directives
        return _Counts(depth, aliases, fields, directives)

    def fragment(self, name: str) -> _Counts:
        if name in self._memo:
            return self._memo[name]
        definition = self._fragments.get(name)
        if definition is None or name in self._in_progress:
            return _Counts()  # unknown or cyclic: validation reports it
        self._in_progress.add(name)
        counts = self.selection_set(definition.selection_set)
        counts = _Counts(
            counts.depth,
            counts.aliases,
            counts.fields,
            counts.directives + len(definition.directives or ()),
        )
        self._in_progress.discard(name)
        self._memo[name] = counts
        return counts


class LimitGuard:
    """Query text -> the limits it breaks (empty: let it through), cached (bounded LRU).

    Checks the token limit while parsing and the shape of every operation in the document.
    A document that does not parse for another reason passes: the engine reports the syntax
    error in the standard way.
    """

    def __init__(self, limits: Limits, *, cache_size: int = 1024) -> None:
        self._limits = limits
        self._cache_size = cache_size
        self._verdicts: OrderedDict[bytes, tuple[LimitViolation, ...]] = OrderedDict()

    def check(self, query: str) -> tuple[LimitViolation, ...]:
        # Keyed by digest: the cache must not hold up to cache_size hostile 100 kB texts.
        key = hashlib.sha256(query.encode("utf-8", "surrogatepass")).digest()
        verdict = self._verdicts.get(key)
        if verdict is not None:
            self._verdicts.move_to_end(key)
            return verdict
        verdict = self._judge(query)
        self._verdicts[key] = verdict
        if len(self._verdicts) > self._cache_size:
            self._verdicts.popitem(last=False)
        return verdict

    def _judge(self, query: str) -> tuple[LimitViolation, ...]:
        try:
            document = parse(query, no_location=True, max_tokens=self._limits.max_tokens)
        except GraphQLSyntaxError as error:
            if "tokens" in error.message and "Parsing aborted" in error.message:
                return (
                    LimitViolation(
                        "MAX_TOKENS_LIMIT",
                        f"The document has more than {self._limits.max_tokens} tokens.",
                    ),
                )
            if "nested too deeply" in error.message:
                return (LimitViolation("MAX_DEPTH_LIMIT", "The document is nested too deeply."),)
            return ()
        except RecursionError:
            return (LimitViolation("MAX_DEPTH_LIMIT", "The document is nested too deeply."),)
        violations: list[LimitViolation] = []
        for definition in document.definitions:
            if isinstance(definition, OperationDefinitionNode):
                shape = measure_operation(document, definition)
                violations.extend(
                    v for v in check_limits(shape, self._limits) if v not in violations
                )
        return tuple(violations)
