"""The gateway's one typed, frozen configuration object.

`Settings` is built once at start-up from a mapping: a dict in tests, a YAML file
(`load_settings`) or the environment (`Settings.from_env`, variables named
``BANKGRAPH_GATEWAY_<FIELD>``) in production. Nothing else in the gateway reads
``os.environ``. Building validates every value; a bad value raises `SettingsError` naming the
key, and unknown keys are refused so that a typo never silently leaves a protection off.
Secrets (`Secret`) never show in ``repr``.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import yaml

__all__ = ["ENV_PREFIX", "Secret", "Settings", "SettingsError", "load_settings"]

ENV_PREFIX = "BANKGRAPH_GATEWAY_"


class SettingsError(ValueError):
    """A configuration value is missing, unknown or of the wrong type; the message names it."""


@dataclass(frozen=True, slots=True)
class Secret:
    """A string that ``repr``/``str`` never reveal; read it with `reveal()`."""

    _value: str = field(repr=False)

    def reveal(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return "Secret('**********')"

    __str__ = __repr__


RequestErrorStatus = Literal["legacy", "graphql-response"]
AuthorizationMode = Literal["filter", "reject"]


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything an operator can tune. Defaults are the safe production choice."""

    # --- GraphQL over HTTP -------------------------------------------------------------
    graphql_path: str = "/graphql"
    """URL path of the GraphQL endpoint (GET and POST)."""
    request_error_status: RequestErrorStatus = "legacy"
    """Status for parse/validation/variable errors answered as ``application/json``:
    ``legacy`` = 200 (what the graphql-http audit checks), ``graphql-response`` = 400 as for
    ``application/graphql-response+json`` (2026 draft, Apollo)."""
    batching: bool = False
    """Accept a JSON array body as a batch of operations."""
    max_batch_size: int = 10
    """Largest batch accepted; larger ones are refused whole with 400."""
    introspection: bool = False
    """Answer ``__schema``/``__type``; ``__typename`` is always allowed."""
    expose_query_plan: bool = False
    """Return the query plan in ``extensions`` when the client sends
    ``X-Bankgraph-Query-Plan: true`` (with the response) or ``only`` (plan, execute nothing)."""
    graphiql: bool = False
    """Serve GraphiQL to browsers at the GraphQL path (usually with ``introspection``)."""
    graphiql_examples_dir: str | None = None
    """Directory of ``*.graphql`` operations (``NAME.variables.json`` beside them) that GraphiQL
    opens as ready-to-run tabs."""
    graphiql_headers: Mapping[str, str] = field(
        default_factory=lambda: types.MappingProxyType({}), repr=False
    )
    """Request headers pre-filled in GraphiQL, e.g. a demo token. Development only: every
    visitor of the page sees them."""
    metrics: bool = False
    """Serve Prometheus metrics at ``/metrics`` (responses by status, errors by code, latency)."""
    override_labels_enabled: tuple[str, ...] = ()
    """Progressive-override labels always enabled."""
    override_labels_disabled: tuple[str, ...] = ()
    """Progressive-override labels always disabled (``percent(x)`` labels otherwise follow a
    deterministic per-request hash)."""

    # --- limits --------------------------------------------------------------------------
    max_body_bytes: int = 1_000_000
    """Largest request body (or URL query string for GET); larger ones get 413."""
    max_document_bytes: int = 100_000
    """Largest GraphQL document (UTF-8 bytes)."""
    max_variables_bytes: int = 200_000
    """Largest ``variables`` JSON (UTF-8 bytes) as received."""
    max_tokens: int = 15_000
    """Largest number of lexical tokens the parser will read (protects the parser)."""
    max_depth: int = 20
    """Deepest field nesting, fragments expanded (the standard introspection query that
    GraphiQL sends is 15 deep)."""
    max_aliases: int = 30
    """Most aliases in one operation, fragments expanded."""
    max_root_fields: int = 20
    """Most root fields in one operation, fragments expanded."""
    max_directives: int = 50
    """Most directive applications in one operation, fragments expanded."""
    max_cost: int | None = None
    """Demand control budget computed from ``@cost``/``@listSize``; ``None`` turns it off."""
    cost_default_list_size: int = 10
    """Assumed size of a list field with no ``@listSize`` and no slicing argument."""

    # --- authentication -----------------------------------------------------------------
    jwks_url: str | None = None
    """Where the identity provider publishes its JWKS (fetched lazily, cached)."""
    jwks_file: str | None = None
    """A local JWKS file, instead of ``jwks_url``."""
    jwt_issuer: str | None = None
    """Required ``iss`` claim; ``None`` skips the check (not recommended)."""
    jwt_audiences: tuple[str, ...] = ()
    """Accepted ``aud`` values; empty skips the check (not recommended)."""
    jwt_algorithms: tuple[str, ...] = ("RS256", "ES256")
    """Signature algorithms accepted; ``none`` and HMAC are never accepted."""
    jwt_clock_skew_seconds: int = 30
    """Leeway for ``exp``/``nbf``/``iat``."""
    jwks_cache_seconds: int = 600
    """How long a fetched JWKS is trusted before it is fetched again."""
    jwks_min_refresh_seconds: int = 10
    """Least time between two refreshes triggered by an unknown ``kid``."""
    require_authentication: bool = False
    """Refuse requests without a bearer token (401); otherwise they run anonymously and
    ``@authenticated`` fields are filtered."""
    scope_claim: str = "scope"
    """Claim holding the token's scopes (space-separated string or list)."""

    # --- authorization ------------------------------------------------------------------
    authorization_mode: AuthorizationMode = "filter"
    """``filter``: unauthorized selections become null + error; ``reject``: refuse the whole
    operation."""
    policy_hook: str | None = None
    """``module:function`` evaluating ``@policy`` names (see gateway.edge.authorizer);
    without one every policy is denied."""

    # --- identity and headers to subgraphs ----------------------------------------------
    forward_authorization: bool = True
    """Forward the verified bearer token to subgraphs as ``Authorization``."""
    propagate_headers: tuple[str, ...] = ("accept-language",)
    """Client headers copied to subgraph requests (never hop-by-hop or identity headers)."""
    subgraph_urls: Mapping[str, str] = field(default_factory=lambda: types.MappingProxyType({}))
    """Override subgraph URLs by subgraph name."""
    subgraph_timeout_seconds: float = 10.0
    """Timeout of one subgraph request."""

    # --- persisted documents ------------------------------------------------------------
    apq: bool = True
    """Automatic Persisted Queries (``persistedQuery`` extension)."""
    apq_cache_size: int = 10_000
    """Documents kept by the in-memory APQ store (LRU)."""
    apq_ttl_seconds: int = 86_400
    """Lifetime of an APQ entry in Redis."""
    trusted_documents_file: str | None = None
    """JSON manifest ``{sha256: document}`` (or Apollo's ``{"operations": [...]}``)."""
    trusted_documents_only: bool = False
    """Run only documents from the manifest; any other document is refused."""
    redis_url: Secret | None = None
    """Redis for shared APQ documents and rate-limit counters; in-memory when unset."""

    # --- browser protections ------------------------------------------------------------
    csrf_prevention: bool = True
    """Refuse requests a browser could send cross-site without a CORS preflight."""
    csrf_required_headers: tuple[str, ...] = ("apollo-require-preflight", "x-apollo-operation-name")
    """Any of these non-empty headers marks a request as preflighted."""
    cors_allow_origins: tuple[str, ...] = ()
    """Origins allowed by CORS; empty disables CORS headers."""
    cors_allow_credentials: bool = False
    """Let browsers send cookies/credentials cross-origin."""
    cors_max_age_seconds: int = 600
    """How long browsers may cache a preflight answer."""

    # --- abuse controls -----------------------------------------------------------------
    rate_limit_per_second: float | None = None
    """Sustained requests per second per client; ``None`` turns rate limiting off."""
    rate_limit_burst: int = 20
    """Requests a client may send at once before the sustained rate applies."""
    mask_errors: bool = True
    """Strip stack traces, URLs and hostnames from error messages sent to clients."""

    def __post_init__(self) -> None:
        _validate(self)

    @classmethod
    def from_mapping(cls, mapping: Mapping[str, Any]) -> Settings:
        """Build from plain values (YAML/JSON shapes). Raises `SettingsError`."""
        known = {f.name: f for f in dataclasses.fields(cls)}
        unknown = sorted(set(mapping) - set(known))
        if unknown:
            raise SettingsError(f"unknown setting(s): {', '.join(unknown)}")
        hints = typing.get_type_hints(cls)
        values = {name: _coerce(name, hints[name], value) for name, value in mapping.items()}
        return cls(**values)

    @classmethod
    def from_env(cls, environ: Mapping[str, str]) -> Settings:
        """Build from ``BANKGRAPH_GATEWAY_<FIELD>`` strings (lists comma-separated,
        mappings ``name=url`` comma-separated). Raises `SettingsError`."""
        return cls.from_mapping(_env_mapping(environ))


def load_settings(path: str | Path | None, environ: Mapping[str, str] | None = None) -> Settings:
    """Settings from a YAML file (a mapping at the top level), then the environment on top.

    Raises `SettingsError` for unreadable files or bad values.
    """
    mapping: dict[str, Any] = {}
    if path is not None:
        try:
            loaded = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as error:
            raise SettingsError(f"cannot read settings file {path}: {error}") from None
        if loaded is not None and not isinstance(loaded, dict):
            raise SettingsError(f"settings file {path} must hold a mapping")
        mapping.update(loaded or {})
    mapping.update(_env_mapping(environ or {}))
    return Settings.from_mapping(mapping)


def _env_mapping(environ: Mapping[str, str]) -> dict[str, Any]:
    """The ``BANKGRAPH_GATEWAY_*`` variables as plain setting values; unknown ones refused."""
    hints = typing.get_type_hints(Settings)
    mapping: dict[str, Any] = {}
    for key, raw in environ.items():
        if not key.startswith(ENV_PREFIX):
            continue
        name = key[len(ENV_PREFIX) :].lower()
        if name not in hints:
            raise SettingsError(f"unknown setting {key}")
        mapping[name] = _from_env_string(name, hints[name], raw)
    return mapping


def _coerce(name: str, hint: Any, value: Any) -> Any:
    """Check `value` against the field's type hint; convert lists/dicts to frozen shapes."""
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin in (types.UnionType, typing.Union):
        if value is None and type(None) in args:
            return None
        (inner,) = [a for a in args if a is not type(None)]
        return _coerce(name, inner, value)
    if origin is Literal:
        if value not in args:
            raise SettingsError(f"{name} must be one of {', '.join(map(repr, args))}")
        return value
    if hint is Secret:
        if isinstance(value, Secret):
            return value
        if not isinstance(value, str):
            raise SettingsError(f"{name} must be a string")
        return Secret(value)
    if origin is tuple:
        if isinstance(value, str) or not isinstance(value, list | tuple):
            raise SettingsError(f"{name} must be a list of strings")
        if not all(isinstance(item, str) for item in value):
            raise SettingsError(f"{name} must be a list of strings")
        return tuple(value)
    if origin is Mapping:
        if not isinstance(value, Mapping) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in value.items()
        ):
            raise SettingsError(f"{name} must be a mapping of strings to strings")
        return types.MappingProxyType(dict(value))
    return _coerce_scalar(name, hint, value)


def _coerce_scalar(name: str, hint: Any, value: Any) -> Any:
    if hint is bool:
        if not isinstance(value, bool):
            raise SettingsError(f"{name} must be true or false")
        return value
    if hint is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise SettingsError(f"{name} must be an integer")
        return value
    if hint is float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise SettingsError(f"{name} must be a number")
        return float(value)
    if hint is str:
        if not isinstance(value, str):
            raise SettingsError(f"{name} must be a string")
        return value
    raise SettingsError(f"{name}: unsupported setting type {hint!r}")  # a bug in Settings


def _from_env_string(name: str, hint: Any, raw: str) -> Any:
    """Turn an environment string into the plain value `_coerce` expects."""
    inner = hint
    if typing.get_origin(hint) in (types.UnionType, typing.Union):
        if raw == "":
            return None
        inner = next(a for a in typing.get_args(hint) if a is not type(None))
    origin = typing.get_origin(inner)
    if inner is bool:
        if raw.lower() not in ("true", "false", "1", "0"):
            raise SettingsError(f"{name} must be true or false")
        return raw.lower() in ("true", "1")
    if inner in (int, float):
        try:
            return inner(raw)
        except ValueError:
            raise SettingsError(f"{name} must be a number") from None
    if origin is tuple:
        return [part.strip() for part in raw.split(",") if part.strip()]
    if origin is Mapping:
        pairs = [part.split("=", 1) for part in raw.split(",") if part.strip()]
        if any(len(pair) != 2 for pair in pairs):
            raise SettingsError(f"{name} must be name=value pairs separated by commas")
        return {k.strip(): v.strip() for k, v in pairs}
    return raw


def _validate(settings: Settings) -> None:
    """Cross-field and range checks; raises `SettingsError`."""
    for f in dataclasses.fields(settings):
        value = getattr(settings, f.name)
        if isinstance(value, int | float) and not isinstance(value, bool) and value < 0:
            raise SettingsError(f"{f.name} must not be negative")
    if not settings.graphql_path.startswith("/"):
        raise SettingsError("graphql_path must start with '/'")
    if settings.graphql_path in ("/health", "/metrics"):
        raise SettingsError(f"graphql_path may not be {settings.graphql_path}")
    if settings.cors_allow_credentials and "*" in settings.cors_allow_origins:
        raise SettingsError("cors_allow_credentials needs explicit origins, not '*'")
    if settings.jwks_url and settings.jwks_file:
        raise SettingsError("set jwks_url or jwks_file, not both")
    if settings.require_authentication and not (settings.jwks_url or settings.jwks_file):
        raise SettingsError("require_authentication needs jwks_url or jwks_file")
    forbidden = {a.lower() for a in settings.jwt_algorithms} & {"none", "hs256", "hs384", "hs512"}
    if forbidden:
        raise SettingsError(f"jwt_algorithms may not include {', '.join(sorted(forbidden))}")
    if settings.trusted_documents_only and not settings.trusted_documents_file:
        raise SettingsError("trusted_documents_only needs trusted_documents_file")
    if settings.max_batch_size < 1:
        raise SettingsError("max_batch_size must be at least 1")
    if settings.rate_limit_per_second == 0:
        raise SettingsError("rate_limit_per_second must be positive (or unset)")
