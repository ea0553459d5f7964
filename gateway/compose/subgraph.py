"""Subgraph SDL -> ``Subgraph`` model: parse, resolve links, fold extensions, read directives."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from graphql import (
    ConstDirectiveNode,
    DirectiveDefinitionNode,
    DocumentNode,
    EnumTypeDefinitionNode,
    EnumTypeExtensionNode,
    GraphQLError,
    InputObjectTypeDefinitionNode,
    InputObjectTypeExtensionNode,
    InterfaceTypeDefinitionNode,
    InterfaceTypeExtensionNode,
    ListTypeNode,
    NamedTypeNode,
    NonNullTypeNode,
    ObjectTypeDefinitionNode,
    ObjectTypeExtensionNode,
    ScalarTypeDefinitionNode,
    ScalarTypeExtensionNode,
    SchemaDefinitionNode,
    SchemaExtensionNode,
    TypeNode,
    UnionTypeDefinitionNode,
    UnionTypeExtensionNode,
    parse,
    specified_directives,
    value_from_ast_untyped,
)

from gateway.compose.errors import CompositionIssue
from gateway.compose.links import LinkedNames, resolve_links
from gateway.compose.model import (
    FromContext,
    Key,
    Metadata,
    SubArgument,
    SubEnumValue,
    SubField,
    Subgraph,
    SubType,
    TypeKind,
)

_CONTEXT_FIELD = re.compile(r"^\s*\$([A-Za-z][A-Za-z0-9]*)(.*)$", re.DOTALL)
_FEDERATION_PLUMBING = frozenset({"_Service", "_Any", "_Entity", "_FieldSet"})
_ROOT_FIELDS_TO_DROP = frozenset({"_entities", "_service"})
_BUILTIN_DIRECTIVES = frozenset(d.name for d in specified_directives)
_KEPT_BUILTINS = frozenset({"specifiedBy", "oneOf"})
_KIND_OF_NODE: dict[type, TypeKind] = {
    ObjectTypeDefinitionNode: "object",
    ObjectTypeExtensionNode: "object",
    InterfaceTypeDefinitionNode: "interface",
    InterfaceTypeExtensionNode: "interface",
    UnionTypeDefinitionNode: "union",
    UnionTypeExtensionNode: "union",
    EnumTypeDefinitionNode: "enum",
    EnumTypeExtensionNode: "enum",
    InputObjectTypeDefinitionNode: "input",
    InputObjectTypeExtensionNode: "input",
    ScalarTypeDefinitionNode: "scalar",
    ScalarTypeExtensionNode: "scalar",
}
_EXTENSIONS = (
    ObjectTypeExtensionNode,
    InterfaceTypeExtensionNode,
    UnionTypeExtensionNode,
    EnumTypeExtensionNode,
    InputObjectTypeExtensionNode,
    ScalarTypeExtensionNode,
)


def parse_subgraph(
    name: str, url: str, sdl: str, issues: list[CompositionIssue]
) -> Subgraph | None:
    """Build the model of one subgraph; on unusable SDL append an issue and return ``None``."""
    try:
        document = parse(sdl)
    except GraphQLError as error:
        issues.append(
            CompositionIssue(
                "INVALID_GRAPHQL", f'Subgraph "{name}": {error.message}', subgraph=name
            )
        )
        return None
    return _Reader(name, url, document, issues).read()


def _type_string(node: TypeNode, renames: dict[str, str]) -> str:
    if isinstance(node, NonNullTypeNode):
        return _type_string(node.type, renames) + "!"
    if isinstance(node, ListTypeNode):
        return "[" + _type_string(node.type, renames) + "]"
    assert isinstance(node, NamedTypeNode)
    return renames.get(node.name.value, node.name.value)


def _arg(directive: ConstDirectiveNode, name: str) -> object:
    for argument in directive.arguments or ():
        if argument.name.value == name:
            return value_from_ast_untyped(argument.value)
    return None


class _Reader:
    """One pass over a subgraph document; collects issues instead of raising."""

    def __init__(
        self, name: str, url: str, document: DocumentNode, issues: list[CompositionIssue]
    ) -> None:
        self.name = name
        self.url = url
        self.document = document
        self.issues = issues
        schema_nodes = [
            d
            for d in document.definitions
            if isinstance(d, SchemaDefinitionNode | SchemaExtensionNode)
        ]
        directives = [d for node in schema_nodes for d in node.directives or ()]
        self.links: LinkedNames = resolve_links(name, directives, issues)
        self.schema_directives = directives
        self.renames: dict[str, str] = {}
        for node in schema_nodes:
            for operation in node.operation_types or ():
                root = operation.operation.value.capitalize()
                if operation.type.name.value != root:
                    self.renames[operation.type.name.value] = root

    def read(self) -> Subgraph:
        types: dict[str, SubType] = {}
        definitions: dict[str, DirectiveDefinitionNode] = {}
        for node in self.document.definitions:
            if isinstance(node, DirectiveDefinitionNode):
                if self._is_custom_directive(node.name.value):
                    definitions[node.name.value] = node
                continue
            kind = _KIND_OF_NODE.get(type(node))
            if kind is None:
                continue
            name = self.renames.get(node.name.value, node.name.value)
            if name in _FEDERATION_PLUMBING or name in self.links.spec_types:
                continue
            self._fold(types, kind, name, node)
        query = types.get("Query")
        if query is not None:
            for field_name in _ROOT_FIELDS_TO_DROP:
                query.fields.pop(field_name, None)
            if not query.fields:
                del types["Query"]
        return Subgraph(
            name=self.name,
            url=self.url,
            version=self.links.version,
            types=types,
            directive_definitions=definitions,
            compose_directives=self._compose_directives(),
            custom_links=self.links.custom_links,
        )

    def _is_custom_directive(self, name: str) -> bool:
        return name not in self.links.spec_directives and name not in _BUILTIN_DIRECTIVES

    def _compose_directives(self) -> list[str]:
        names = []
        for directive in self.schema_directives:
            if self.links.canonical(directive.name.value) == "composeDirective":
                value = _arg(directive, "name")
                if isinstance(value, str):
                    names.append(value.removeprefix("@"))
        return names

    def _fold(self, types: dict[str, SubType], kind: TypeKind, name: str, node: object) -> None:
        existing = types.get(name)
        if existing is None:
            existing = types[name] = SubType(kind=kind, name=name)
        elif existing.kind != kind:
            self.issues.append(
                CompositionIssue(
                    "TYPE_KIND_MISMATCH",
                    f'Subgraph "{self.name}" defines "{name}" both as {existing.kind} and {kind}',
                    subgraph=self.name,
                    type_name=name,
                )
            )
            return
        is_extension = isinstance(node, _EXTENSIONS)
        if is_extension:
            existing.extension = True
        else:
            existing.has_definition = True
            description = getattr(node, "description", None)
            if description is not None and existing.meta.description is None:
                existing.meta.description = description.value
        flags = self._read_type_directives(existing, getattr(node, "directives", None) or ())
        if kind in ("object", "interface"):
            existing.interfaces.extend(
                i.name.value
                for i in getattr(node, "interfaces", None) or ()
                if i.name.value not in existing.interfaces
            )
        if kind in ("object", "interface", "input"):
            for field_node in getattr(node, "fields", None) or ():
                sub_field = self._read_field(field_node, kind == "input")
                if "shareable" in flags or self.links.version is None:
                    sub_field.shareable = True
                if "external" in flags:
                    sub_field.external = True
                existing.fields[sub_field.name] = sub_field
        elif kind == "union":
            existing.members.extend(
                self.renames.get(m.name.value, m.name.value)
                for m in getattr(node, "types", None) or ()
            )
        elif kind == "enum":
            for value_node in getattr(node, "values", None) or ():
                meta = self._read_meta(value_node.directives or (), value_node.description)
                existing.values[value_node.name.value] = SubEnumValue(value_node.name.value, meta)

    def _read_type_directives(
        self, sub_type: SubType, directives: Sequence[ConstDirectiveNode]
    ) -> set[str]:
        """Apply type-level directives to ``sub_type``; returns the flags that apply to fields."""
        flags: set[str] = set()
        rest: list[ConstDirectiveNode] = []
        for directive in directives:
            canonical = self.links.canonical(directive.name.value)
            if canonical == "key":
                fields = _arg(directive, "fields")
                resolvable = _arg(directive, "resolvable")
                if isinstance(fields, str):
                    sub_type.keys.append(Key(fields.strip(), resolvable is not False))
            elif canonical == "extends":
                sub_type.extension = True
                sub_type.extends_directive = True
            elif canonical == "interfaceObject":
                sub_type.interface_object = True
            elif canonical in ("shareable", "external"):
                flags.add(canonical)
            elif canonical == "context":
                name = _arg(directive, "name")
                if isinstance(name, str) and name not in sub_type.contexts:
                    sub_type.contexts.append(name)
            else:
                rest.append(directive)
        self._apply_meta(sub_type.meta, rest)
        return flags

    def _read_field(self, node: object, is_input: bool) -> SubField:
        sub_field = SubField(
            name=node.name.value,  # type: ignore[attr-defined]
            type=_type_string(node.type, self.renames),  # type: ignore[attr-defined]
        )
        description = getattr(node, "description", None)
        sub_field.meta.description = description.value if description is not None else None
        if is_input:
            sub_field.default = getattr(node, "default_value", None)
        for arg_node in getattr(node, "arguments", None) or ():
            directives = list(arg_node.directives or ())
            from_context = self._from_context(sub_field.name, directives)
            sub_field.args[arg_node.name.value] = SubArgument(
                name=arg_node.name.value,
                type=_type_string(arg_node.type, self.renames),
                default=arg_node.default_value,
                meta=self._read_meta(directives, arg_node.description),
                from_context=from_context,
            )
        rest: list[ConstDirectiveNode] = []
        for directive in getattr(node, "directives", None) or ():
            canonical = self.links.canonical(directive.name.value)
            if canonical == "external":
                sub_field.external = True
            elif canonical == "shareable":
                sub_field.shareable = True
            elif canonical in ("requires", "provides"):
                value = _arg(directive, "fields")
                if isinstance(value, str):
                    setattr(sub_field, canonical, value.strip())
            elif canonical == "override":
                source = _arg(directive, "from")
                label = _arg(directive, "label")
                sub_field.override = source if isinstance(source, str) else None
                sub_field.override_label = label if isinstance(label, str) else None
            else:
                rest.append(directive)
        self._apply_meta(sub_field.meta, rest)
        return sub_field

    def _from_context(
        self, field_name: str, directives: list[ConstDirectiveNode]
    ) -> FromContext | None:
        """Pop ``@fromContext`` from ``directives`` and read ``"$name selection"``."""
        for directive in directives:
            if self.links.canonical(directive.name.value) != "fromContext":
                continue
            directives.remove(directive)
            value = _arg(directive, "field")
            match = _CONTEXT_FIELD.match(value) if isinstance(value, str) else None
            if match is None:
                self.issues.append(
                    CompositionIssue(
                        "CONTEXT_INVALID_SELECTION",
                        f'[{self.name}] @fromContext on an argument of "{field_name}" needs'
                        f' field: "$context {{ selection }}", got {value!r}',
                        subgraph=self.name,
                        field_name=field_name,
                    )
                )
                return None
            return FromContext(match.group(1), match.group(2))
        return None

    def _read_meta(self, directives: Iterable[ConstDirectiveNode], description: object) -> Metadata:
        meta = Metadata(description=getattr(description, "value", None))
        self._apply_meta(meta, list(directives))
        return meta

    def _apply_meta(self, meta: Metadata, directives: Iterable[ConstDirectiveNode]) -> None:
        for directive in directives:
            name = directive.name.value
            canonical = self.links.canonical(name)
            if canonical == "inaccessible":
                meta.inaccessible = True
            elif canonical == "tag":
                tag = _arg(directive, "name")
                if isinstance(tag, str) and tag not in meta.tags:
                    meta.tags.append(tag)
            elif canonical == "authenticated":
                meta.authenticated = True
            elif canonical in ("requiresScopes", "policy"):
                value = _arg(directive, "scopes" if canonical == "requiresScopes" else "policies")
                target = meta.scopes if canonical == "requiresScopes" else meta.policies
                for group in value if isinstance(value, list) else ():
                    if isinstance(group, list) and group not in target:
                        target.append([str(item) for item in group])
            elif canonical == "cost":
                weight = _arg(directive, "weight")
                if isinstance(weight, int):
                    meta.cost = weight if meta.cost is None else max(meta.cost, weight)
            elif canonical == "listSize":
                meta.list_size = directive
            elif canonical is not None:
                continue
            elif name == "deprecated":
                meta.deprecated = directive
            elif name in _KEPT_BUILTINS or name not in self.links.spec_directives:
                meta.kept.append(directive)
