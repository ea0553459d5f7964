"""Bank C key material: partner certificates it trusts and platform keys it signs with.

``generate_keys`` builds a fresh world in memory (tests); ``ensure_credentials`` generates it
once under a state directory and reloads it afterwards, writing the partner-side files named in
docs/sandbox-world.md to ``<state_dir>/credentials/``.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

import orjson
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

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
class BankCKeys:
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


def new_rsa_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def issue_certificate(
    common_name: str, key: rsa.RSAPrivateKey, now: dt.datetime
) -> x509.Certificate:
    """Return a self-signed certificate for ``key`` valid from ``now`` for ten years."""
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    return (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + CERT_LIFETIME)
        .sign(key, hashes.SHA256())
    )


def generate_keys(
    mchids: tuple[str, ...] = ("1900001234",), now: dt.datetime | None = None
) -> tuple[BankCKeys, tuple[PartnerCredentials, ...]]:
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
    return BankCKeys(tuple(partners), (platform,)), tuple(holders)


def ensure_credentials(state_dir: Path, mchid: str = "1900001234") -> BankCKeys:
    """Load Bank C keys from ``state_dir``, generating and writing them on first use.

    Writes ``credentials/bank_c_partner.json`` (``{mchid, serial_no, platform_serial_no}``),
    ``credentials/bank_c_partner_key.pem`` and ``credentials/bank_c_platform_cert.pem`` for the
    loans subgraph, and Bank C's own ``bank_c/platform_key.pem``, ``bank_c/platform_cert.pem``
    and ``bank_c/partner_cert.pem``. Private keys are written with mode 0600.
    """
    own = state_dir / "bank_c"
    if not (own / "platform_key.pem").exists():
        keys, (holder,) = generate_keys((mchid,))
        _write_all(state_dir, keys, holder)
    return _load(own)


def _write_all(state_dir: Path, keys: BankCKeys, holder: PartnerCredentials) -> None:
    own, shared = state_dir / "bank_c", state_dir / "credentials"
    own.mkdir(parents=True, exist_ok=True)
    shared.mkdir(parents=True, exist_ok=True)
    platform = keys.platform[0]
    partner_info = {
        "mchid": holder.mchid,
        "serial_no": holder.serial_no,
        "platform_serial_no": platform.serial_no,
    }
    (shared / "bank_c_partner.json").write_bytes(orjson.dumps(partner_info))
    _write_secret(shared / "bank_c_partner_key.pem", _private_pem(holder.private_key))
    (shared / "bank_c_platform_cert.pem").write_bytes(_cert_pem(platform.certificate))
    (own / "platform_cert.pem").write_bytes(_cert_pem(platform.certificate))
    (own / "partner_cert.pem").write_bytes(_cert_pem(holder.certificate))
    (own / "partner.json").write_bytes(orjson.dumps({"mchid": holder.mchid}))
    _write_secret(own / "platform_key.pem", _private_pem(platform.private_key))


def _load(own: Path) -> BankCKeys:
    key = serialization.load_pem_private_key((own / "platform_key.pem").read_bytes(), None)
    assert isinstance(key, rsa.RSAPrivateKey)
    platform_cert = x509.load_pem_x509_certificate((own / "platform_cert.pem").read_bytes())
    partner_cert = x509.load_pem_x509_certificate((own / "partner_cert.pem").read_bytes())
    mchid = orjson.loads((own / "partner.json").read_bytes())["mchid"]
    return BankCKeys((PartnerCertificate(mchid, partner_cert),), (PlatformKey(platform_cert, key),))


def _private_pem(key: rsa.RSAPrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def _cert_pem(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(serialization.Encoding.PEM)


def _write_secret(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
