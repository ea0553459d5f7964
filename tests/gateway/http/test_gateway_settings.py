"""The gateway Settings: typed, frozen, validated, secrets hidden."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from gateway.settings import Secret, Settings, SettingsError, load_settings


def test_defaults_are_safe() -> None:
    settings = Settings()
    assert settings.introspection is False
    assert settings.csrf_prevention is True
    assert settings.batching is False
    assert "none" not in settings.jwt_algorithms


def test_from_mapping_converts_and_freezes() -> None:
    settings = Settings.from_mapping(
        {
            "jwt_audiences": ["bankgraph"],
            "subgraph_urls": {"accounts": "http://127.0.0.1:1/graphql"},
            "rate_limit_per_second": 5,
            "redis_url": "redis://:hunter2@127.0.0.1:6379/0",
        }
    )
    assert settings.jwt_audiences == ("bankgraph",)
    assert settings.rate_limit_per_second == 5.0
    assert settings.redis_url is not None
    assert settings.redis_url.reveal().endswith("/0")
    assert "hunter2" not in repr(settings)
    with pytest.raises(dataclasses.FrozenInstanceError):
        settings.batching = True  # type: ignore[misc]
    with pytest.raises(TypeError):
        settings.subgraph_urls["x"] = "y"  # type: ignore[index]


@pytest.mark.parametrize(
    ("mapping", "message"),
    [
        ({"introspecton": True}, "unknown setting"),
        ({"introspection": "yes"}, "introspection must be true or false"),
        ({"max_depth": "10"}, "max_depth must be an integer"),
        ({"max_depth": -1}, "max_depth must not be negative"),
        ({"request_error_status": "teapot"}, "request_error_status must be one of"),
        ({"jwt_algorithms": ["HS256"]}, "may not include"),
        ({"jwks_url": "http://a", "jwks_file": "b"}, "not both"),
        ({"require_authentication": True}, "needs jwks_url or jwks_file"),
        ({"trusted_documents_only": True}, "needs trusted_documents_file"),
        ({"jwt_audiences": "bankgraph"}, "must be a list of strings"),
        ({"graphql_path": "/health"}, "may not be /health"),
        ({"cors_allow_origins": ["*"], "cors_allow_credentials": True}, "explicit origins"),
    ],
)
def test_bad_values_are_refused_with_the_key_named(
    mapping: dict[str, object], message: str
) -> None:
    with pytest.raises(SettingsError, match=message):
        Settings.from_mapping(mapping)


def test_yaml_file_then_environment(tmp_path: Path) -> None:
    path = tmp_path / "gateway.yaml"
    path.write_text("introspection: true\nmax_depth: 7\njwt_audiences: [a, b]\n")
    settings = load_settings(
        path,
        {
            "BANKGRAPH_GATEWAY_MAX_DEPTH": "9",
            "BANKGRAPH_GATEWAY_SUBGRAPH_URLS": "a=http://x, b=http://y",
            "UNRELATED": "1",
        },
    )
    assert settings.introspection is True
    assert settings.max_depth == 9
    # the environment wins even when it sets a default value back
    reset = load_settings(path, {"BANKGRAPH_GATEWAY_INTROSPECTION": "false"})
    assert reset.introspection is False
    assert settings.jwt_audiences == ("a", "b")
    assert dict(settings.subgraph_urls) == {"a": "http://x", "b": "http://y"}
    with pytest.raises(SettingsError, match="unknown setting BANKGRAPH_GATEWAY_NOPE"):
        Settings.from_env({"BANKGRAPH_GATEWAY_NOPE": "1"})
    with pytest.raises(SettingsError, match="cannot read"):
        load_settings(tmp_path / "missing.yaml")


def test_secret_never_prints() -> None:
    secret = Secret("s3cret")
    assert "s3cret" not in repr(secret) and "s3cret" not in str(secret)
    assert secret.reveal() == "s3cret"
