"""Golden-test helpers: run the reference composer and reduce a supergraph to comparable facts.

Two supergraphs are considered equal when their API schemas print identically (graphql-core,
lexicographically sorted) and every element carries the same set of join/metadata directive
applications, after making implicit ``@join__field``s explicit and dropping default arguments.
"""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
from pathlib import Path

import orjson
from graphql import (
    DirectiveDefinitionNode,
    DocumentNode,
    EnumTypeDefinitionNode,
    InterfaceTypeDefinitionNode,
    ObjectTypeDefinitionNode,
    SchemaDefinitionNode,
    UnionTypeDefinitionNode,
    build_ast_schema,
    lexicographic_sort_schema,
    parse,
    print_ast,
    print_schema,
)

from gateway.compose import SubgraphSource

ROOT = Path(__file__).resolve().parents[3]
NODE_TOOLS = ROOT / "tools" / "node"
FIXTURES = Path(__file__).parent / "fixtures"
SPEC_PREFIXES = ("join__", "link__", "requiresScopes__", "policy__", "context__")
SPEC_DIRECTIVES = frozenset(
    {
        "link",
        "inaccessible",
        "tag",
        "authenticated",
        "requiresScopes",
        "policy",
        "cost",
        "listSize",
        "context",
    }
)
DEFAULTS = {
    "extension": "false",
    "resolvable": "true",
    "isInterfaceObject": "false",
    "external": "false",
    "usedOverridden": "false",
}


def reference_available() -> bool:
    return shutil.which("node") is not None and (NODE_TOOLS / "node_modules").is_dir()


def reference_compose(sources: list[SubgraphSource]) -> str:
    """Compose with ``@theguild/federation-composition``; raises ``AssertionError`` on failure.

    The reference knows federation versions up to 2.9; 2.10+ add no federation directive, so
    links to them are presented to it as 2.9.
    """
    payload = orjson.dumps(
        [{"name": s.name, "url": s.url, "sdl": _as_federation_2_9(s.sdl)} for s in sources]
    )
    result = subprocess.run(
        ["node", str(NODE_TOOLS / "compose.mjs")],
        input=payload,
        capture_output=True,
        cwd=NODE_TOOLS,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr.decode()
    return result.stdout.decode()


def _as_federation_2_9(sdl: str) -> str:
    return re.sub(r"(specs\.apollo\.dev/federation/)v2\.\d\d+", r"\1v2.9", sdl)


def load_case(case: str) -> list[SubgraphSource]:
    """Subgraphs of fixture ``case``: one ``<name>.graphql`` per subgraph, in file-name order."""
    return [
        SubgraphSource(
            name=path.stem.split("-", 1)[-1],
            url=f"http://{path.stem.split('-', 1)[-1]}.test/graphql",
            sdl=path.read_text(),
        )
        for path in sorted((FIXTURES / case).glob("*.graphql"))
    ]


def _directives_of(node: object) -> list:
    return list(getattr(node, "directives", None) or ())


def _is_machinery(name: str) -> bool:
    return name.startswith(SPEC_PREFIXES)


def _api_document(document: DocumentNode) -> DocumentNode:
    """Drop spec machinery, inaccessible elements and all directive applications."""

    def accessible(node: object) -> bool:
        return not any(d.name.value == "inaccessible" for d in _directives_of(node))

    def strip(node: object) -> object:
        updates: dict[str, object] = {"directives": ()}
        if hasattr(node, "fields") and node.fields is not None:
            updates["fields"] = tuple(strip(f) for f in node.fields if accessible(f))
        if hasattr(node, "arguments") and node.arguments is not None:
            updates["arguments"] = tuple(strip(a) for a in node.arguments if accessible(a))
        if hasattr(node, "values") and node.values is not None:
            updates["values"] = tuple(strip(v) for v in node.values if accessible(v))
        if isinstance(node, ObjectTypeDefinitionNode | InterfaceTypeDefinitionNode):
            updates["interfaces"] = tuple(i for i in node.interfaces or () if i.name.value in kept)
        if isinstance(node, UnionTypeDefinitionNode):
            updates["types"] = tuple(t for t in node.types or () if t.name.value in kept)
        return dataclasses.replace(node, **updates)

    kept = {
        d.name.value
        for d in document.definitions
        if hasattr(d, "name") and not _is_machinery(d.name.value) and accessible(d)
    }
    definitions = []
    for definition in document.definitions:
        if isinstance(definition, SchemaDefinitionNode):
            definitions.append(strip(definition))
        elif isinstance(definition, DirectiveDefinitionNode):
            continue
        elif definition.name.value in kept:
            definitions.append(strip(definition))
    return DocumentNode(definitions=tuple(definitions))


def api_schema_text(sdl: str) -> str:
    document = _api_document(parse(sdl))
    return print_schema(lexicographic_sort_schema(build_ast_schema(document)))


FIELD_SET_ARGUMENTS = frozenset({"key", "requires", "provides"})


def _canonical_field_set(text: str) -> str:
    """Field sets compared by structure: ``"a b { c }"`` and ``"a b{c}"`` are the same."""
    return print_ast(parse("{" + text + "}")).replace("\n", " ")


def _argument_value(name: str, value: object) -> str:
    if name in FIELD_SET_ARGUMENTS:
        return _canonical_field_set(value.value)
    return print_ast(value)


def _application(directive: object) -> str:
    args = sorted(
        (a.name.value, _argument_value(a.name.value, a.value))
        for a in directive.arguments or ()
        if DEFAULTS.get(a.name.value) != print_ast(a.value)
    )
    rendered = ", ".join(f"{name}: {value}" for name, value in args)
    return f"@{directive.name.value}({rendered})"


def _field_applications(field: object, graphs: list[str]) -> list[str]:
    applications = []
    field_type = print_ast(field.type)
    joins = [d for d in _directives_of(field) if d.name.value == "join__field"]
    if not joins:
        applications.extend(f"@join__field(graph: {g})" for g in graphs)
    for directive in _directives_of(field):
        if directive.name.value == "join__field":
            kept = [
                a
                for a in directive.arguments or ()
                if not (a.name.value == "type" and print_ast(a.value) == f'"{field_type}"')
            ]
            directive = dataclasses.replace(directive, arguments=tuple(kept))
        applications.append(_application(directive))
    return sorted(applications)


def join_facts(sdl: str, *, ignore_extension: bool = False) -> dict[str, list[str]]:
    """Element coordinate -> sorted directive applications (join metadata and spec metadata).

    ``ignore_extension`` drops ``extension: true`` from ``@join__type``: for Federation 1
    ``extend type`` keys we set it (as Apollo's composition does) and the reference does not.
    """
    if ignore_extension:
        sdl = sdl.replace(", extension: true", "")
    document = parse(sdl)
    facts: dict[str, list[str]] = {}
    for definition in document.definitions:
        name = getattr(getattr(definition, "name", None), "value", None)
        if name is None or _is_machinery(name) or isinstance(definition, DirectiveDefinitionNode):
            if isinstance(definition, EnumTypeDefinitionNode) and name == "join__Graph":
                facts["join__Graph"] = sorted(print_ast(v) for v in definition.values)
            continue
        facts[name] = sorted(_application(d) for d in _directives_of(definition))
        graphs = sorted(
            {
                print_ast(a.value)
                for d in _directives_of(definition)
                if d.name.value == "join__type"
                for a in d.arguments
                if a.name.value == "graph"
            }
        )
        for field in getattr(definition, "fields", None) or ():
            coordinate = f"{name}.{field.name.value}"
            facts[coordinate] = _field_applications(field, graphs)
            for argument in getattr(field, "arguments", None) or ():
                facts[f"{coordinate}({argument.name.value}:)"] = sorted(
                    _application(d) for d in _directives_of(argument)
                )
        for value in getattr(definition, "values", None) or ():
            facts[f"{name}.{value.name.value}"] = sorted(
                _application(d) for d in _directives_of(value)
            )
    return facts


ALWAYS_LINKED = ("/join/", "/inaccessible/", "/tag/", "/link/")


def linked_specs(sdl: str) -> list[str]:
    """The spec URLs the supergraph links, beyond link/join/inaccessible/tag (which we always
    link, join always as v0.5, while the reference links them only when used)."""
    schema = next(d for d in parse(sdl).definitions if isinstance(d, SchemaDefinitionNode))
    return sorted(
        print_ast(a.value)
        for d in schema.directives
        if d.name.value == "link"
        for a in d.arguments
        if a.name.value == "url" and not any(part in print_ast(a.value) for part in ALWAYS_LINKED)
    )
