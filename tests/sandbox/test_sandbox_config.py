"""Settings, credentials on disk, IBANs, and the exported surface of the sandbox packages."""

from __future__ import annotations

import stat
from pathlib import Path

import orjson
import pytest

import sandbox.bank_a
import sandbox.bank_b
import sandbox.idp
import sandbox.ledger
from sandbox.credentials import ensure_credentials, load_credentials
from sandbox.iban import is_valid_iban, make_iban
from sandbox.settings import SandboxSettings


def test_settings_defaults_and_overrides() -> None:
    default = SandboxSettings.from_mapping({})
    assert (default.host, default.ports["idp"], default.ports["bank_d"]) == (
        "127.0.0.1",
        9000,
        9004,
    )
    assert default.ledger_path == str(Path("var/sandbox") / "ledger.db") and default.seed == 42
    custom = SandboxSettings.from_mapping(
        {
            "BANKGRAPH_SANDBOX_BANK_A_PORT": "0",
            "BANKGRAPH_SANDBOX_STATE_DIR": "/tmp/x",
            "BANKGRAPH_SANDBOX_SEED": "5",
        }
    )
    assert (custom.ports["bank_a"], custom.ledger_path, custom.seed) == (0, "/tmp/x/ledger.db", 5)
    with pytest.raises(ValueError):
        SandboxSettings.from_mapping({"BANKGRAPH_SANDBOX_IDP_PORT": "many"})
    with pytest.raises(ValueError):
        SandboxSettings.from_mapping({"BANKGRAPH_SANDBOX_IDP_PORT": "70000"})


def test_credentials_are_generated_once_and_private(tmp_path: Path) -> None:
    first = ensure_credentials(tmp_path)
    second = ensure_credentials(tmp_path)
    assert str(first.bank_a.client_secret) == str(second.bank_a.client_secret)
    assert first.bank_c.partner_serial_no == load_credentials(tmp_path).bank_c.partner_serial_no
    public = tmp_path / "credentials"
    expected = {
        "bank_a_client.json",
        "bank_b_client.json",
        "bank_c_partner.json",
        "bank_c_partner_key.pem",
        "bank_c_platform_cert.pem",
        "bank_d_client.json",
        "bank_d_client_key.pem",
        "idp_jwks.json",
    }
    assert expected <= {p.name for p in public.iterdir()}
    assert stat.S_IMODE((public / "bank_a_client.json").stat().st_mode) == 0o600
    assert set(orjson.loads((public / "bank_c_partner.json").read_bytes())) == {
        "mchid",
        "serial_no",
        "platform_serial_no",
    }
    assert "**" in repr(first.bank_a) and str(first.bank_a.client_secret) not in repr(first)


def test_iban_rules() -> None:
    assert is_valid_iban("DE89370400440532013000") and is_valid_iban("de89 3704 0044 0532 0130 00")
    assert not is_valid_iban("DE89370400440532013001")
    assert not is_valid_iban("DE8937040044053201300")  # one digit short
    assert not is_valid_iban("XX89370400440532013000")
    assert is_valid_iban(make_iban("GB", "BKAA20451412345678"))


def test_exported_names() -> None:
    assert sorted(sandbox.ledger.__all__) == sorted(
        [
            "CURRENCY_EXPONENTS",
            "SYSTEM_PURPOSES",
            "Account",
            "AccountNotEnabled",
            "Bank",
            "Clock",
            "CurrencyMismatch",
            "Customer",
            "DuplicateRecord",
            "Entry",
            "IdempotencyConflict",
            "IdempotencyRecord",
            "InsufficientFunds",
            "InvalidAmount",
            "Ledger",
            "LedgerError",
            "LedgerTx",
            "SystemPurpose",
            "Transfer",
            "UnknownAccount",
            "UnknownCurrency",
            "UnknownCustomer",
            "from_minor",
            "to_minor",
            "utc_now",
        ]
    )
    assert sandbox.bank_a.__all__ == sandbox.bank_b.__all__ == ["Settings", "create_app"]
    assert sorted(sandbox.idp.__all__) == sorted(
        [
            "AUDIENCE",
            "DEFAULT_SCOPE",
            "SCOPES",
            "IdentityProvider",
            "IdpSettings",
            "create_app",
        ]
    )
