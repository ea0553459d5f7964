"""Build the sandbox world's apps over one ledger: the IdP and every bank package present.

Bank packages follow the convention in `sandbox/__init__.py`; a bank whose package is not
there yet is left out (and reported as missing), so the world starts with what exists.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from dataclasses import dataclass

from starlette.types import ASGIApp

from sandbox.credentials import Credentials
from sandbox.idp import IdpSettings
from sandbox.idp import create_app as create_idp
from sandbox.ledger import Ledger
from sandbox.settings import COMPONENTS, Component

BANKS: tuple[Component, ...] = ("bank_a", "bank_b", "bank_c", "bank_d")


@dataclass(frozen=True, slots=True)
class WorldApps:
    """apps: component -> ASGI app; missing: bank packages not available."""

    apps: dict[Component, ASGIApp]
    missing: tuple[Component, ...]


def build_world(
    mapping: Mapping[str, str],
    *,
    ledger: Ledger,
    credentials: Credentials,
    urls: Mapping[Component, str],
) -> WorldApps:
    """Every app of the world; `urls` gives each component's public base URL."""
    apps: dict[Component, ASGIApp] = {
        "idp": create_idp(IdpSettings(urls["idp"], credentials.idp), ledger)
    }
    missing: list[Component] = []
    for bank in BANKS:
        try:
            package = importlib.import_module(f"sandbox.{bank}")
            settings_type, factory = package.Settings, package.create_app
        except (ModuleNotFoundError, AttributeError):
            missing.append(bank)
            continue
        settings = settings_type.from_mapping(
            mapping, credentials=credentials, public_url=urls[bank]
        )
        apps[bank] = factory(settings, ledger)
    assert set(apps) | set(missing) == set(COMPONENTS)
    return WorldApps(apps, tuple(missing))
