"""The composition config (YAML), compatible with Rover's ``supergraph.yaml``::

    subgraphs:
      accounts:
        routing_url: http://127.0.0.1:4001/graphql
        schema:
          file: schema/accounts.graphql        # relative to the config file
      payments:
        routing_url: http://127.0.0.1:4002/graphql
        schema: introspect                     # fetch `_service { sdl }` from routing_url
      loans:
        routing_url: http://127.0.0.1:4003/graphql
        schema:
          subgraph_url: http://127.0.0.1:9003/graphql   # introspect another URL

Subgraphs keep the order they are listed in. ``schema: {sdl: "..."}`` gives the SDL inline.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml

from gateway.compose.errors import ConfigError


@dataclass(frozen=True, slots=True)
class SubgraphConfig:
    """Where one subgraph's SDL comes from: exactly one of ``file``, ``sdl``, ``introspect_url``."""

    name: str
    routing_url: str
    file: Path | None = None
    sdl: str | None = None
    introspect_url: str | None = None


@dataclass(frozen=True, slots=True)
class ComposeConfig:
    subgraphs: tuple[SubgraphConfig, ...]


def load_config(path: str | Path) -> ComposeConfig:
    """Read and validate the YAML config at ``path``; raises ``ConfigError``."""
    config_path = Path(path)
    try:
        raw = yaml.safe_load(config_path.read_text())
    except OSError as error:
        raise ConfigError(f"cannot read config {config_path}: {error.strerror}") from error
    except yaml.YAMLError as error:
        raise ConfigError(f"config {config_path} is not valid YAML: {error}") from error
    return parse_config(raw, base_dir=config_path.parent)


def parse_config(raw: object, *, base_dir: Path) -> ComposeConfig:
    """Validate an already-parsed config mapping; file paths resolve against ``base_dir``."""
    if not isinstance(raw, Mapping) or not isinstance(raw.get("subgraphs"), Mapping):
        raise ConfigError('config must be a mapping with a "subgraphs" mapping')
    subgraphs = raw["subgraphs"]
    if not subgraphs:
        raise ConfigError("config lists no subgraph")
    return ComposeConfig(
        tuple(_subgraph(str(name), entry, base_dir) for name, entry in subgraphs.items())
    )


def _subgraph(name: str, entry: object, base_dir: Path) -> SubgraphConfig:
    if not isinstance(entry, Mapping):
        raise ConfigError(f'subgraph "{name}": expected a mapping')
    routing_url = entry.get("routing_url", entry.get("url"))
    if not isinstance(routing_url, str) or not routing_url:
        raise ConfigError(f'subgraph "{name}": "routing_url" must be a non-empty string')
    schema = entry.get("schema")
    if schema == "introspect":
        return SubgraphConfig(name, routing_url, introspect_url=routing_url)
    if not isinstance(schema, Mapping) or len(schema) != 1:
        raise ConfigError(
            f'subgraph "{name}": "schema" must be "introspect" or a mapping with one of'
            ' "file", "sdl", "subgraph_url"'
        )
    ((kind, value),) = schema.items()
    if not isinstance(value, str) or not value:
        raise ConfigError(f'subgraph "{name}": schema "{kind}" must be a non-empty string')
    if kind == "file":
        return SubgraphConfig(name, routing_url, file=(base_dir / value))
    if kind == "sdl":
        return SubgraphConfig(name, routing_url, sdl=value)
    if kind == "subgraph_url":
        return SubgraphConfig(name, routing_url, introspect_url=value)
    raise ConfigError(f'subgraph "{name}": unknown schema source "{kind}"')
