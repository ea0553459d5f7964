"""``@link`` resolution (link spec v1.0): which specs a supergraph uses and their local names."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from graphql import (
    DocumentNode,
    ListValueNode,
    ObjectValueNode,
    SchemaDefinitionNode,
    SchemaExtensionNode,
    StringValueNode,
    ValueNode,
)
from graphql.language import DirectiveNode, EnumValueNode

from ._model import SupergraphError

__all__ = ["Link", "Links", "resolve_links"]

_URL = re.compile(
    r"^(?P<base>.*)/(?P<name>[A-Za-z_][A-Za-z0-9_-]*)/v(?P<major>\d+)\.(?P<minor>\d+)$"
)

_SUPPORTED: Mapping[str, frozenset[tuple[int, int]]] = {
    "link": frozenset({(1, 0)}),
    "join": frozenset({(0, 2), (0, 3), (0, 4), (0, 5)}),
    "inaccessible": frozenset({(0, 1), (0, 2)}),
    "tag": frozenset({(0, 1), (0, 2), (0, 3)}),
    "authenticated": frozenset({(0, 1)}),
    "requiresScopes": frozenset({(0, 1)}),
    "policy": frozenset({(0, 1)}),
    "context": frozenset({(0, 1)}),
    "cost": frozenset({(0, 1)}),
}
_APOLLO_SPECS = "https://specs.apollo.dev"


@dataclass(frozen=True, slots=True)
class Link:
    """One ``@link``: the spec's identity and the names its elements carry in this schema."""

    url: str
    name: str
    version: tuple[int, int]
    prefix: str
    purpose: str | None
    imports: Mapping[str, str]
    """Imported element (``@key``, ``FieldSet``) -> local name (``@key``, ``FieldSet``)."""

    def directive(self, element: str) -> str:
        """Local name (without ``@``) of the spec's directive ``element``."""
        imported = self.imports.get(f"@{element}")
        if imported is not None:
            return imported[1:]
        if element == self.name:
            return self.prefix
        return f"{self.prefix}__{element}"

    def type(self, element: str) -> str:
        """Local name of the spec's type ``element``."""
        return self.imports.get(element) or f"{self.prefix}__{element}"

    def owns(self, local_name: str) -> bool:
        """Whether a definition named ``local_name`` (directives without ``@``) is this spec's."""
        if local_name == self.prefix or local_name.startswith(f"{self.prefix}__"):
            return True
        return local_name in {imported.lstrip("@") for imported in self.imports.values()}


@dataclass(frozen=True, slots=True)
class Links:
    """The known specs a supergraph links, by spec name, plus every link (for stripping)."""

    by_name: Mapping[str, Link]
    all: tuple[Link, ...]

    def get(self, name: str) -> Link | None:
        return self.by_name.get(name)

    def owns(self, local_name: str) -> bool:
        """Whether a definition belongs to any linked spec (removed from the API schema)."""
        return any(link.owns(local_name) for link in self.all)


def resolve_links(document: DocumentNode) -> Links:
    """Read the schema's ``@link``s; refuse Fed 1 and unsupported EXECUTION/SECURITY specs."""
    directives = [
        directive
        for definition in document.definitions
        if isinstance(definition, SchemaDefinitionNode | SchemaExtensionNode)
        for directive in definition.directives or ()
    ]
    if any(directive.name.value == "core" for directive in directives):
        raise SupergraphError(
            "Federation 1 supergraphs (@core) are not supported; recompose with Federation 2"
        )
    link_name = _link_directive_name(directives)
    links = [_read_link(d) for d in directives if d.name.value == link_name]
    if not links:
        raise SupergraphError("not a supergraph: the schema has no @link directives")
    by_name: dict[str, Link] = {}
    for link in links:
        supported = link.url.startswith(_APOLLO_SPECS) and link.version in _SUPPORTED.get(
            link.name, frozenset()
        )
        if supported:
            by_name[link.name] = link
        elif link.purpose in {"EXECUTION", "SECURITY"}:
            raise SupergraphError(
                f"unsupported {link.purpose} feature {link.url!r}: this gateway cannot serve it"
            )
    if "join" not in by_name:
        raise SupergraphError(
            "not a Federation 2 supergraph: no supported join spec link (join v0.2 to v0.5)"
        )
    return Links(by_name=by_name, all=tuple(links))


def _link_directive_name(directives: list[DirectiveNode]) -> str:
    for directive in directives:
        url = _argument(directive, "url")
        if isinstance(url, StringValueNode) and "/link/v" in url.value:
            alias = _argument(directive, "as")
            return alias.value if isinstance(alias, StringValueNode) else "link"
    return "link"


def _read_link(directive: DirectiveNode) -> Link:
    url_node = _argument(directive, "url")
    if not isinstance(url_node, StringValueNode):
        raise SupergraphError("@link without a url string")
    match = _URL.match(url_node.value.rstrip("/"))
    if match is None:
        raise SupergraphError(f"@link url {url_node.value!r} is not <base>/<name>/v<major>.<minor>")
    name = match["name"]
    alias = _argument(directive, "as")
    purpose = _argument(directive, "for")
    return Link(
        url=url_node.value,
        name=name,
        version=(int(match["major"]), int(match["minor"])),
        prefix=alias.value if isinstance(alias, StringValueNode) else name,
        purpose=purpose.value if isinstance(purpose, EnumValueNode) else None,
        imports=_read_imports(_argument(directive, "import")),
    )


def _read_imports(node: ValueNode | None) -> dict[str, str]:
    imports: dict[str, str] = {}
    items = node.values if isinstance(node, ListValueNode) else ()
    for item in items:
        if isinstance(item, StringValueNode):
            imports[item.value] = item.value
        elif isinstance(item, ObjectValueNode):
            fields = {f.name.value: f.value for f in item.fields}
            name, alias = fields.get("name"), fields.get("as")
            if isinstance(name, StringValueNode):
                local = alias.value if isinstance(alias, StringValueNode) else name.value
                imports[name.value] = local
    return imports


def _argument(directive: DirectiveNode, name: str) -> ValueNode | None:
    for argument in directive.arguments or ():
        if argument.name.value == name:
            return argument.value
    return None
