"""Link resolution for one subgraph: which local names stand for which federation directives.

A Federation 2 subgraph opts in with ``@link(url: ".../federation/v2.x", import: [...])``: imported
elements keep their bare (or ``as:``-renamed) name, every other element of the linked version is
spelled ``<prefix>__<name>`` (prefix ``federation`` or the link's ``as:``). A subgraph without a
federation link is Federation 1: its federation directives are spelled bare.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from graphql import ConstDirectiveNode, ListValueNode, ObjectValueNode, StringValueNode

from gateway.compose.errors import CompositionIssue

FEDERATION_URL = "https://specs.apollo.dev/federation/"
LINK_URL = "https://specs.apollo.dev/link/"

# Federation directive -> the federation version that introduced it.
FEDERATION_DIRECTIVES: Mapping[str, tuple[int, int]] = {
    "key": (2, 0),
    "requires": (2, 0),
    "provides": (2, 0),
    "external": (2, 0),
    "tag": (2, 0),
    "extends": (2, 0),
    "shareable": (2, 0),
    "inaccessible": (2, 0),
    "override": (2, 0),
    "composeDirective": (2, 1),
    "interfaceObject": (2, 3),
    "authenticated": (2, 5),
    "requiresScopes": (2, 5),
    "policy": (2, 6),
    "context": (2, 8),
    "fromContext": (2, 8),
    "cost": (2, 9),
    "listSize": (2, 9),
    "cacheTag": (2, 12),
}
FEDERATION_TYPES = ("FieldSet", "Scope", "Policy", "ContextFieldValue")
FEDERATION_1_DIRECTIVES = ("key", "requires", "provides", "external", "extends", "tag")
_URL_VERSION = re.compile(r"/v(\d+)\.(\d+)/?$")


@dataclass(frozen=True, slots=True)
class CustomLink:
    """A non-federation ``@link`` (candidate spec for ``@composeDirective``)."""

    url: str
    name: str
    version: tuple[int, int]
    directives: Mapping[str, str]  # local directive name -> name inside the spec


@dataclass(frozen=True, slots=True)
class LinkedNames:
    """Local-name resolution of one subgraph.

    ``version`` is ``None`` for Federation 1. ``directives`` maps each local directive name to its
    canonical federation name; ``spec_types`` lists local type names that belong to the
    federation/link specs (stripped before merging).
    """

    version: tuple[int, int] | None
    directives: Mapping[str, str]
    spec_types: frozenset[str]
    spec_directives: frozenset[str]
    custom_links: tuple[CustomLink, ...] = field(default=())

    def canonical(self, directive_name: str) -> str | None:
        """The federation directive a local name stands for, or ``None`` for other directives."""
        return self.directives.get(directive_name)


def _string_arg(directive: ConstDirectiveNode, name: str) -> str | None:
    for argument in directive.arguments or ():
        if argument.name.value == name and isinstance(argument.value, StringValueNode):
            return argument.value.value
    return None


def _imports(directive: ConstDirectiveNode) -> list[tuple[str, str]]:
    """``import:`` entries as (name in spec, local name) pairs, both with their leading ``@``."""
    pairs: list[tuple[str, str]] = []
    for argument in directive.arguments or ():
        if argument.name.value != "import" or not isinstance(argument.value, ListValueNode):
            continue
        for item in argument.value.values:
            if isinstance(item, StringValueNode):
                pairs.append((item.value, item.value))
            elif isinstance(item, ObjectValueNode):
                entries = {
                    f.name.value: f.value.value
                    for f in item.fields
                    if isinstance(f.value, StringValueNode)
                }
                if "name" in entries:
                    pairs.append((entries["name"], entries.get("as", entries["name"])))
    return pairs


def _parse_url(url: str) -> tuple[str, tuple[int, int]] | None:
    match = _URL_VERSION.search(url)
    if match is None:
        return None
    name = url[: match.start()].rstrip("/").rsplit("/", 1)[-1]
    return name, (int(match.group(1)), int(match.group(2)))


def resolve_links(
    subgraph: str, schema_directives: Iterable[ConstDirectiveNode], issues: list[CompositionIssue]
) -> LinkedNames:
    """Resolve the schema-level ``@link``s of ``subgraph``; problems are appended to ``issues``."""
    links = [d for d in schema_directives if d.name.value == "link"]
    federation = [d for d in links if (_string_arg(d, "url") or "").startswith(FEDERATION_URL)]
    if not federation:
        return _federation_1_names()
    if len(federation) > 1:
        issues.append(
            CompositionIssue(
                "INVALID_LINK_DIRECTIVE_USAGE",
                f'Subgraph "{subgraph}" links the federation spec more than once',
                subgraph=subgraph,
            )
        )
    link = federation[0]
    url = _string_arg(link, "url") or ""
    parsed = _parse_url(url)
    if parsed is None or parsed[1][0] != 2:
        issues.append(
            CompositionIssue(
                "UNKNOWN_FEDERATION_LINK_VERSION",
                f'Subgraph "{subgraph}" links an unknown federation version: "{url}"',
                subgraph=subgraph,
            )
        )
        return _federation_1_names()
    version = parsed[1]
    prefix = _string_arg(link, "as") or "federation"
    available = {name for name, since in FEDERATION_DIRECTIVES.items() if since <= version}
    directives = {f"{prefix}__{name}": name for name in available}
    spec_types = {f"{prefix}__{name}" for name in FEDERATION_TYPES}
    for spec_name, local_name in _imports(link):
        bare = spec_name.removeprefix("@")
        if spec_name.startswith("@"):
            if bare not in available:
                issues.append(
                    CompositionIssue(
                        "INVALID_LINK_DIRECTIVE_USAGE",
                        f'Subgraph "{subgraph}" imports unknown federation directive "{spec_name}"'
                        f" (federation v{version[0]}.{version[1]})",
                        subgraph=subgraph,
                    )
                )
                continue
            directives[local_name.removeprefix("@")] = bare
        elif bare in FEDERATION_TYPES:
            spec_types.add(local_name)
    custom = tuple(_custom_links(links, federation[0]))
    link_prefix = "link"
    for other in links:
        other_url = _string_arg(other, "url") or ""
        if other_url.startswith(LINK_URL):
            link_prefix = _string_arg(other, "as") or "link"
    spec_types |= {f"{link_prefix}__Import", f"{link_prefix}__Purpose", "FieldSet", "_FieldSet"}
    return LinkedNames(
        version=version,
        directives=directives,
        spec_types=frozenset(spec_types),
        spec_directives=frozenset(set(directives) | {"link"}),
        custom_links=custom,
    )


def _custom_links(
    links: Iterable[ConstDirectiveNode], federation: ConstDirectiveNode
) -> Iterable[CustomLink]:
    for link in links:
        url = _string_arg(link, "url") or ""
        if link is federation or url.startswith(LINK_URL):
            continue
        parsed = _parse_url(url)
        if parsed is None:
            continue
        name, version = parsed
        prefix = _string_arg(link, "as") or name
        directives = {prefix: name}
        for spec_name, local_name in _imports(link):
            if spec_name.startswith("@"):
                directives[local_name.removeprefix("@")] = spec_name.removeprefix("@")
        yield CustomLink(url=url, name=name, version=version, directives=directives)


def _federation_1_names() -> LinkedNames:
    directives = {name: name for name in FEDERATION_1_DIRECTIVES}
    return LinkedNames(
        version=None,
        directives=directives,
        spec_types=frozenset({"_FieldSet", "FieldSet", "link__Import", "link__Purpose"}),
        spec_directives=frozenset(set(directives) | {"link"}),
    )
