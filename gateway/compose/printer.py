"""``MergedSchema`` -> supergraph SDL text. Pure and deterministic: same model, same bytes."""

from __future__ import annotations

from collections.abc import Iterable

from graphql import StringValueNode, print_ast
from graphql.language.block_string import print_block_string

from gateway.compose.model import ROOT_TYPES, Metadata
from gateway.compose.spec_definitions import (
    ALWAYS_LINKED,
    JOIN_DEFINITIONS,
    JOIN_URL,
    LINK_URL,
    OPTIONAL_SPECS,
)
from gateway.compose.supermodel import (
    JoinField,
    JoinType,
    MergedArgument,
    MergedField,
    MergedSchema,
    MergedType,
)

_INDENT = "  "


def _string(value: str) -> str:
    return print_ast(StringValueNode(value=value))


def _description(text: str | None, indent: str) -> list[str]:
    if not text:
        return []
    block = print_block_string(text)
    return [indent + line if line else line for line in block.split("\n")]


def used_specs(schema: MergedSchema) -> list[str]:
    """The optional specs the schema needs, in ``OPTIONAL_SPECS`` order."""
    used = set(ALWAYS_LINKED)
    if any(merged.contexts for merged in schema.types.values()):
        used.add("context")
    for meta in _all_metadata(schema):
        if meta.authenticated:
            used.add("authenticated")
        if meta.scopes:
            used.add("requiresScopes")
        if meta.policies:
            used.add("policy")
        if meta.cost is not None or meta.list_size is not None:
            used.add("cost")
    return [name for name in OPTIONAL_SPECS if name in used]


def _all_metadata(schema: MergedSchema) -> Iterable[Metadata]:
    for merged in schema.types.values():
        yield merged.meta
        for field in merged.fields.values():
            yield field.meta
            yield from (arg.meta for arg in field.args.values())
        yield from (value.meta for value in merged.values.values())


def print_supergraph(schema: MergedSchema) -> str:
    """The supergraph SDL of ``schema``, ending with one newline."""
    specs = used_specs(schema)
    blocks = [_schema_block(schema, specs), JOIN_DEFINITIONS]
    blocks.extend(OPTIONAL_SPECS[name][1] for name in specs)
    blocks.extend(print_ast(definition) for definition in schema.directive_definitions)
    blocks.append(_graph_enum(schema))
    blocks.extend(_type_block(schema, merged) for merged in schema.types.values())
    return "\n\n".join(blocks) + "\n"


def _schema_block(schema: MergedSchema, specs: list[str]) -> str:
    links = [f"@link(url: {_string(LINK_URL)})", f"@link(url: {_string(JOIN_URL)}, for: EXECUTION)"]
    links.extend(OPTIONAL_SPECS[name][0] for name in specs)
    for link, names in schema.composed_links:
        imports = ", ".join(_string("@" + name) for name in names)
        links.append(f"@link(url: {_string(link.url)}, import: [{imports}])")
    roots = [f"{_INDENT}{root.lower()}: {root}" for root in ROOT_TYPES if root in schema.types]
    lines = ["schema", *(_INDENT + link for link in links), "{", *roots, "}"]
    return "\n".join(lines)


def _graph_enum(schema: MergedSchema) -> str:
    lines = ["enum join__Graph {"]
    for info in schema.graphs.values():
        lines.append(
            f"{_INDENT}{info.enum} @join__graph(name: {_string(info.name)},"
            f" url: {_string(info.url)})"
        )
    lines.append("}")
    return "\n".join(lines)


def _join_type(join: JoinType) -> str:
    parts = [f"graph: {join.graph}"]
    if join.key is not None:
        parts.append(f"key: {_string(join.key)}")
    if join.extension:
        parts.append("extension: true")
    if not join.resolvable:
        parts.append("resolvable: false")
    if join.is_interface_object:
        parts.append("isInterfaceObject: true")
    return f"@join__type({', '.join(parts)})"


def _join_field(join: JoinField) -> str:
    parts = [] if join.graph is None else [f"graph: {join.graph}"]
    for name, value in (
        ("requires", join.requires),
        ("provides", join.provides),
        ("type", join.type),
    ):
        if value is not None:
            parts.append(f"{name}: {_string(value)}")
    if join.external:
        parts.append("external: true")
    if join.override is not None:
        parts.append(f"override: {_string(join.override)}")
    if join.used_overridden:
        parts.append("usedOverridden: true")
    if join.override_label is not None:
        parts.append(f"overrideLabel: {_string(join.override_label)}")
    if join.context_arguments:
        entries = ", ".join(
            f"{{context: {_string(a.context)}, name: {_string(a.name)},"
            f" type: {_string(a.type)}, selection: {_string(a.selection)}}}"
            for a in join.context_arguments
        )
        parts.append(f"contextArguments: [{entries}]")
    return f"@join__field({', '.join(parts)})" if parts else "@join__field"


def _requirements(groups: list[list[str]]) -> str:
    return "[" + ", ".join("[" + ", ".join(_string(s) for s in g) + "]" for g in groups) + "]"


def _meta_directives(meta: Metadata, composed: frozenset[str]) -> list[str]:
    """Directive applications for metadata, in a fixed order."""
    out: list[str] = []
    if meta.deprecated is not None:
        out.append(print_ast(meta.deprecated))
    if meta.inaccessible:
        out.append("@inaccessible")
    out.extend(f"@tag(name: {_string(tag)})" for tag in meta.tags)
    if meta.authenticated:
        out.append("@authenticated")
    if meta.scopes:
        out.append(f"@requiresScopes(scopes: {_requirements(meta.scopes)})")
    if meta.policies:
        out.append(f"@policy(policies: {_requirements(meta.policies)})")
    if meta.cost is not None:
        out.append(f"@cost(weight: {meta.cost})")
    if meta.list_size is not None:
        out.append(print_ast(meta.list_size).replace(meta.list_size.name.value, "listSize", 1))
    out.extend(
        print_ast(d)
        for d in meta.kept
        if d.name.value in composed or d.name.value in ("specifiedBy", "oneOf")
    )
    return out


def _type_block(schema: MergedSchema, merged: MergedType) -> str:
    composed = schema.composed_directives
    keyword = {
        "object": "type",
        "interface": "interface",
        "union": "union",
        "enum": "enum",
        "input": "input",
        "scalar": "scalar",
    }[merged.kind]
    head = f"{keyword} {merged.name}"
    if merged.interfaces:
        head += " implements " + " & ".join(merged.interfaces)
    directives = [_join_type(j) for j in merged.join_types]
    directives += [
        f"@join__implements(graph: {graph}, interface: {_string(interface)})"
        for graph, interface in merged.join_implements
    ]
    directives += [
        f"@join__unionMember(graph: {graph}, member: {_string(member)})"
        for graph, member in merged.join_members
    ]
    directives += [f"@context(name: {_string(name)})" for name in merged.contexts]
    directives += _meta_directives(merged.meta, composed)
    lines = _description(merged.meta.description, "")
    lines.append(" ".join([head, *directives]))
    if merged.kind == "union":
        lines[-1] += " = " + " | ".join(merged.members)
    elif merged.kind == "enum":
        lines[-1] += " {"
        for value in merged.values.values():
            lines.extend(_description(value.meta.description, _INDENT))
            value_directives = [f"@join__enumValue(graph: {g})" for g in value.graphs]
            value_directives += _meta_directives(value.meta, composed)
            lines.append(_INDENT + " ".join([value.name, *value_directives]))
        lines.append("}")
    elif merged.kind in ("object", "interface", "input"):
        lines[-1] += " {"
        for field in merged.fields.values():
            lines.extend(_field_lines(field, composed))
        lines.append("}")
    return "\n".join(lines)


def _field_lines(field: MergedField, composed: frozenset[str]) -> list[str]:
    lines = _description(field.meta.description, _INDENT)
    head = field.name + _arguments(list(field.args.values()), composed) + ": " + field.type
    if field.default is not None:
        head += " = " + print_ast(field.default)
    directives = [_join_field(j) for j in field.join] + _meta_directives(field.meta, composed)
    lines.append(_INDENT + " ".join([head, *directives]))
    return lines


def _arguments(arguments: list[MergedArgument], composed: frozenset[str]) -> str:
    if not arguments:
        return ""
    printed = []
    for argument in arguments:
        text = f"{argument.name}: {argument.type}"
        if argument.default is not None:
            text += " = " + print_ast(argument.default)
        directives = _meta_directives(argument.meta, composed)
        if directives:
            text += " " + " ".join(directives)
        if argument.meta.description:
            text = _string(argument.meta.description) + " " + text
        printed.append(text)
    return "(" + ", ".join(printed) + ")"
