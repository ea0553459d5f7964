"""Bank C settings from the sandbox mapping and the world's generated credentials."""

from __future__ import annotations

import httpx
import pytest
from bankc_world import Clock, Partner
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from sandbox.bank_c import PartnerCredentials, Settings, create_app
from sandbox.credentials import Credentials, generate_credentials
from sandbox.ledger import Ledger


@pytest.fixture(scope="module")
def world_credentials() -> Credentials:
    return generate_credentials()


def test_defaults_and_overrides(world_credentials: Credentials) -> None:
    settings = Settings.from_mapping(
        {}, credentials=world_credentials, public_url="http://127.0.0.1:9003/"
    )
    assert settings.public_url == "http://127.0.0.1:9003"
    assert (settings.timestamp_tolerance, settings.nonce_ttl) == (300, 600)
    assert settings.faults.rate_limit_per_second == 50
    assert settings.keys.partners[0].mchid == world_credentials.bank_c.mchid
    assert settings.keys.platform[0].serial_no == world_credentials.bank_c.platform_serial_no
    assert "PRIVATE" not in repr(settings)
    tuned = Settings.from_mapping(
        {
            "BANKGRAPH_SANDBOX_BANK_C_TIMESTAMP_TOLERANCE": "60",
            "BANKGRAPH_SANDBOX_BANK_C_FAULT_RATE_LIMIT_PER_SECOND": "off",
            "BANKGRAPH_SANDBOX_BANK_C_FAULT_LATENCY_MS": "5",
        },
        credentials=world_credentials,
        public_url="http://x",
    )
    assert tuned.timestamp_tolerance == 60
    assert tuned.faults.rate_limit_per_second is None
    assert tuned.faults.latency_ms == 5
    with pytest.raises(ValueError):
        Settings.from_mapping(
            {"BANKGRAPH_SANDBOX_BANK_C_NONCE_TTL": "-1"},
            credentials=world_credentials,
            public_url="http://x",
        )


async def test_the_world_partner_can_call(world_credentials: Credentials, clock: Clock) -> None:
    creds = world_credentials.bank_c
    key = serialization.load_pem_private_key(str(creds.partner_private_key_pem).encode(), None)
    assert isinstance(key, rsa.RSAPrivateKey)
    holder = PartnerCredentials(
        creds.mchid,
        key,
        x509.load_pem_x509_certificate(creds.partner_cert_pem.encode()),
        (x509.load_pem_x509_certificate(creds.platform_cert_pem.encode()),),
    )
    settings = Settings.from_mapping(
        {}, credentials=world_credentials, public_url="http://bank-c.test"
    )
    with Ledger.open(":memory:", clock=clock) as ledger:
        app = create_app(settings, ledger)
        assert app.state.faults.settings.rate_limit_per_second == 50
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://bank-c.test") as http:
            partner = Partner(http, holder, clock)
            result = await partner.get("/open/v1/certificates")
            assert result.data["list"][0]["serial_no"] == creds.platform_serial_no
