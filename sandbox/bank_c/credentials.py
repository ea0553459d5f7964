"""Bank C key material: partner certificates it trusts and platform keys it signs with.

``keys_from_credentials`` reads the world's generated credentials (``sandbox.credentials``,
one partner); ``generate_keys`` builds a fresh set in memory with any number of partners
(tests) and returns the partners' side too.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from sandbox.credentials import BankCKeys as BankCCredentials
from sandbox.credentials import new_rsa_key, self_signed_certificate

CERT_LIFETIME = dt.timedelta(days=3650)


@dataclass(frozen=True, slots=True)
class PartnerCertificate:
    """A partner (``mchid``) certificate: its serial names the key that signs requests."""

    mchid: str
    certificate: x509.Certificate

    @property
    def serial_no(self) -> str:
        return serial_hex(self.certificate)

    @property
    def public_key(self) -> rsa.RSAPublicKey:
        key = self.certificate.public_key()
        assert isinstance(key, rsa.RSAPublicKey)
        return key


@dataclass(frozen=True, slots=True)
class PlatformKey:
    """A Bank C platform certificate and its private key (hidden from ``repr``)."""

    certificate: x509.Certificate
    private_key: rsa.RSAPrivateKey = field(repr=False)

    @property
    def serial_no(self) -> str:
        return serial_hex(self.certificate)


@dataclass(frozen=True, slots=True)
class KeyRing:
    """Everything Bank C needs to verify requests and sign responses.

    ``platform[0]`` signs responses; every entry is listed by ``GET /open/v1/certificates``.
    """

    partners: tuple[PartnerCertificate, ...]
    platform: tuple[PlatformKey, ...]

    def partner(self, mchid: str, serial_no: str) -> PartnerCertificate | None:
        """Return the partner certificate with this ``mchid`` and serial, if registered."""
        for cert in self.partners:
            if cert.mchid == mchid and cert.serial_no == serial_no.upper():
                return cert
        return None

    def knows_mchid(self, mchid: str) -> bool:
        return any(cert.mchid == mchid for cert in self.partners)


@dataclass(frozen=True, slots=True)
class PartnerCredentials:
    """What a partner holds: its number, its private key and certificate, the platform certs."""

    mchid: str
    private_key: rsa.RSAPrivateKey = field(repr=False)
    certificate: x509.Certificate
    platform_certificates: tuple[x509.Certificate, ...]

    @property
    def serial_no(self) -> str:
        return serial_hex(self.certificate)


def serial_hex(certificate: x509.Certificate) -> str:
    """Return the certificate serial number as upper-case hex, as Bank C headers carry it."""
    return format(certificate.serial_number, "X")


def issue_certificate(
    common_name: str, key: rsa.RSAPrivateKey, now: dt.datetime
) -> x509.Certificate:
    """Return a self-signed certificate for ``key`` valid from ``now`` for ten years."""
    return self_signed_certificate(
        common_name, key, now - dt.timedelta(minutes=5), now + CERT_LIFETIME
    )


def generate_keys(
    mchids: tuple[str, ...] = ("1900001234",), now: dt.datetime | None = None
) -> tuple[KeyRing, tuple[PartnerCredentials, ...]]:
    """Generate a platform key and one partner key per ``mchid``; return both sides."""
    now = now or dt.datetime.now(dt.UTC)
    platform_key = new_rsa_key()
    platform = PlatformKey(issue_certificate("Bank C platform", platform_key, now), platform_key)
    partners: list[PartnerCertificate] = []
    holders: list[PartnerCredentials] = []
    for mchid in mchids:
        key = new_rsa_key()
        cert = issue_certificate(f"Bank C partner {mchid}", key, now)
        partners.append(PartnerCertificate(mchid, cert))
        holders.append(PartnerCredentials(mchid, key, cert, (platform.certificate,)))
    return KeyRing(tuple(partners), (platform,)), tuple(holders)


def keys_from_credentials(credentials: BankCCredentials) -> KeyRing:
    """The key ring of the world's one partner, from PEM texts."""
    platform_key = serialization.load_pem_private_key(
        str(credentials.platform_private_key_pem).encode(), None
    )
    if not isinstance(platform_key, rsa.RSAPrivateKey):
        raise ValueError("the Bank C platform key must be an RSA key")
    platform_cert = x509.load_pem_x509_certificate(credentials.platform_cert_pem.encode())
    partner_cert = x509.load_pem_x509_certificate(credentials.partner_cert_pem.encode())
    return KeyRing(
        (PartnerCertificate(credentials.mchid, partner_cert),),
        (PlatformKey(platform_cert, platform_key),),
    )
