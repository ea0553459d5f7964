"""Every key and client secret of the sandbox world, generated on first start.

`ensure_credentials(state_dir)` loads them from `state_dir`, generating and writing them the
first time. Files the *subgraphs* use (see docs/sandbox-world.md) go to
`state_dir/credentials/`; the banks' and IdP's own private material to `state_dir/server/`:

    credentials/bank_a_client.json          {client_id, client_secret}
    credentials/bank_b_client.json          {client_id, client_secret}
    credentials/bank_c_partner.json         {mchid, serial_no, platform_serial_no}
    credentials/bank_c_partner_key.pem      partner RSA private key (signs requests)
    credentials/bank_c_platform_cert.pem    Bank C platform certificate (verifies responses)
    credentials/bank_d_client.json          {client_id, kid, alg}
    credentials/bank_d_client_key.pem       private key for private_key_jwt assertions
    credentials/idp_jwks.json               the IdP's public JWKS
    server/idp.json                         IdP key ids {kid (RS256), ec_kid (ES256)}
    server/idp_key.pem + idp_ec_key.pem     IdP RSA-2048 and P-256 signing keys
    server/bank_c_partner_cert.pem          the partner certificate registered at Bank C
    server/bank_c_platform_key.pem          Bank C's response-signing key
    server/bank_d_client_jwks.json          the public JWKS registered for the Bank D client

Tests call `generate_credentials()` and keep everything in memory. Secrets are wrapped in
`starlette.datastructures.Secret` (hidden in repr; `str(secret)` gives the value).
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import NameOID
from joserfc.jwk import ECKey, RSAKey
from starlette.datastructures import Secret


@dataclass(frozen=True, slots=True)
class OAuthClient:
    """A client registered at Bank A or Bank B (client_secret_basic / client_secret_post)."""

    client_id: str
    client_secret: Secret


@dataclass(frozen=True, slots=True)
class IdpKeys:
    """The identity provider's signing keys, RSA-2048 for RS256 (`kid`) and P-256 for ES256
    (`ec_kid`), and the public JWKS of both (each key with `kid`, `use: sig` and `alg`)."""

    kid: str
    private_key_pem: Secret
    public_jwks: dict[str, Any]
    ec_kid: str
    ec_private_key_pem: Secret


@dataclass(frozen=True, slots=True)
class BankCKeys:
    """Bank C request/response signing material for its one partner.

    The partner signs requests with `partner_private_key_pem`; Bank C verifies them with
    `partner_cert_pem` (selected by `partner_serial_no`), signs responses with
    `platform_private_key_pem`, and partners verify with `platform_cert_pem`. Serial numbers
    are upper-case hex of the certificates' serials.
    """

    mchid: str
    partner_serial_no: str
    partner_private_key_pem: Secret
    partner_cert_pem: str
    platform_serial_no: str
    platform_private_key_pem: Secret
    platform_cert_pem: str


@dataclass(frozen=True, slots=True)
class BankDKeys:
    """Bank D's one `private_key_jwt` client: its key and the public JWKS registered for it."""

    client_id: str
    kid: str
    alg: str
    client_private_key_pem: Secret
    client_public_jwks: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Credentials:
    """All sandbox credentials."""

    idp: IdpKeys
    bank_a: OAuthClient
    bank_b: OAuthClient
    bank_c: BankCKeys
    bank_d: BankDKeys


def generate_credentials() -> Credentials:
    """Fresh random credentials (four RSA-2048 keys and one P-256 key; a fraction of a second)."""
    idp_key = new_rsa_key()
    idp_kid = "idp-" + secrets.token_hex(4)
    partner_key, platform_key = new_rsa_key(), new_rsa_key()
    partner_cert, platform_cert = (
        _certificate(partner_key, "partner"),
        _certificate(platform_key, "bank-c-platform"),
    )
    bank_d_key = new_rsa_key()
    bank_d_kid = "funds-" + secrets.token_hex(4)
    return Credentials(
        idp=_idp_keys(
            idp_kid, _private_pem(idp_key), _new_idp_ec_kid(), _private_pem(_new_ec_key())
        ),
        bank_a=OAuthClient("accounts-subgraph", Secret(secrets.token_urlsafe(32))),
        bank_b=OAuthClient("payments-subgraph", Secret(secrets.token_urlsafe(32))),
        bank_c=BankCKeys(
            mchid="19" + "".join(secrets.choice("0123456789") for _ in range(8)),
            partner_serial_no=format(partner_cert.serial_number, "X"),
            partner_private_key_pem=Secret(_private_pem(partner_key)),
            partner_cert_pem=_cert_pem(partner_cert),
            platform_serial_no=format(platform_cert.serial_number, "X"),
            platform_private_key_pem=Secret(_private_pem(platform_key)),
            platform_cert_pem=_cert_pem(platform_cert),
        ),
        bank_d=BankDKeys(
            client_id="funds-subgraph",
            kid=bank_d_kid,
            alg="PS256",
            client_private_key_pem=Secret(_private_pem(bank_d_key)),
            client_public_jwks=_public_jwks(bank_d_key, bank_d_kid),
        ),
    )


def ensure_credentials(state_dir: Path) -> Credentials:
    """Load the credentials under `state_dir`, generating and writing them on first use."""
    if not (state_dir / "server" / "idp.json").exists():
        write_credentials(generate_credentials(), state_dir)
    elif not (state_dir / "server" / "idp_ec_key.pem").exists():
        _add_idp_ec_key(state_dir)  # a state dir from before the IdP signed ES256
    return load_credentials(state_dir)


def write_credentials(creds: Credentials, state_dir: Path) -> None:
    """Write `creds` in the layout of the module docstring (private keys mode 0600)."""
    public, server = state_dir / "credentials", state_dir / "server"
    for client, name in ((creds.bank_a, "bank_a_client"), (creds.bank_b, "bank_b_client")):
        _write_json(public / f"{name}.json", _client_json(client), private=True)
    c, d = creds.bank_c, creds.bank_d
    partner = {"mchid": c.mchid, "serial_no": c.partner_serial_no}
    _write_json(
        public / "bank_c_partner.json", partner | {"platform_serial_no": c.platform_serial_no}
    )
    _write(public / "bank_c_partner_key.pem", str(c.partner_private_key_pem), private=True)
    _write(public / "bank_c_platform_cert.pem", c.platform_cert_pem)
    _write_json(
        public / "bank_d_client.json", {"client_id": d.client_id, "kid": d.kid, "alg": d.alg}
    )
    _write(public / "bank_d_client_key.pem", str(d.client_private_key_pem), private=True)
    _write_idp(creds.idp, state_dir)
    _write(server / "bank_c_partner_cert.pem", c.partner_cert_pem)
    _write(server / "bank_c_platform_key.pem", str(c.platform_private_key_pem), private=True)
    _write_json(server / "bank_d_client_jwks.json", d.client_public_jwks)


def load_credentials(state_dir: Path) -> Credentials:
    """Read credentials written by `write_credentials`; raises `OSError`/`KeyError` if absent."""
    public, server = state_dir / "credentials", state_dir / "server"
    partner = _read_json(public / "bank_c_partner.json")
    bank_d = _read_json(public / "bank_d_client.json")
    idp_kids = _read_json(server / "idp.json")
    return Credentials(
        idp=IdpKeys(
            kid=idp_kids["kid"],
            private_key_pem=Secret((server / "idp_key.pem").read_text()),
            public_jwks=_read_json(public / "idp_jwks.json"),
            ec_kid=idp_kids["ec_kid"],
            ec_private_key_pem=Secret((server / "idp_ec_key.pem").read_text()),
        ),
        bank_a=_read_client(public / "bank_a_client.json"),
        bank_b=_read_client(public / "bank_b_client.json"),
        bank_c=BankCKeys(
            mchid=partner["mchid"],
            partner_serial_no=partner["serial_no"],
            partner_private_key_pem=Secret((public / "bank_c_partner_key.pem").read_text()),
            partner_cert_pem=(server / "bank_c_partner_cert.pem").read_text(),
            platform_serial_no=partner["platform_serial_no"],
            platform_private_key_pem=Secret((server / "bank_c_platform_key.pem").read_text()),
            platform_cert_pem=(public / "bank_c_platform_cert.pem").read_text(),
        ),
        bank_d=BankDKeys(
            client_id=bank_d["client_id"],
            kid=bank_d["kid"],
            alg=bank_d["alg"],
            client_private_key_pem=Secret((public / "bank_d_client_key.pem").read_text()),
            client_public_jwks=_read_json(server / "bank_d_client_jwks.json"),
        ),
    )


def new_rsa_key() -> rsa.RSAPrivateKey:
    """A fresh RSA-2048 private key."""
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _idp_keys(kid: str, rsa_pem: str, ec_kid: str, ec_pem: str) -> IdpKeys:
    rsa_jwk = RSAKey.import_key(rsa_pem, parameters={"kid": kid, "use": "sig", "alg": "RS256"})
    ec_jwk = ECKey.import_key(ec_pem, parameters={"kid": ec_kid, "use": "sig", "alg": "ES256"})
    jwks = {"keys": [jwk.as_dict(private=False) for jwk in (rsa_jwk, ec_jwk)]}
    return IdpKeys(kid, Secret(rsa_pem), jwks, ec_kid, Secret(ec_pem))


def _new_ec_key() -> ec.EllipticCurvePrivateKey:
    return ec.generate_private_key(ec.SECP256R1())


def _new_idp_ec_kid() -> str:
    return "idp-es-" + secrets.token_hex(4)


def _add_idp_ec_key(state_dir: Path) -> None:
    """Give an existing state dir the IdP's ES256 key; the RSA key and its kid stay."""
    server = state_dir / "server"
    rsa_kid = _read_json(server / "idp.json")["kid"]
    rsa_pem = (server / "idp_key.pem").read_text()
    _write_idp(
        _idp_keys(rsa_kid, rsa_pem, _new_idp_ec_kid(), _private_pem(_new_ec_key())), state_dir
    )


def _write_idp(keys: IdpKeys, state_dir: Path) -> None:
    public, server = state_dir / "credentials", state_dir / "server"
    _write_json(public / "idp_jwks.json", keys.public_jwks)
    _write_json(server / "idp.json", {"kid": keys.kid, "ec_kid": keys.ec_kid})
    _write(server / "idp_key.pem", str(keys.private_key_pem), private=True)
    # last: its presence is what marks the IdP's keys complete (see ensure_credentials)
    _write(server / "idp_ec_key.pem", str(keys.ec_private_key_pem), private=True)


def _private_pem(key: rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey) -> str:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()


def _public_jwks(key: rsa.RSAPrivateKey, kid: str) -> dict[str, Any]:
    jwk = RSAKey.import_key(_private_pem(key), parameters={"kid": kid, "use": "sig"})
    return {"keys": [jwk.as_dict(private=False)]}


def _certificate(key: rsa.RSAPrivateKey, common_name: str) -> x509.Certificate:
    now = dt.datetime.now(dt.UTC)
    return self_signed_certificate(
        common_name, key, now - dt.timedelta(days=1), now + dt.timedelta(days=3650)
    )


def self_signed_certificate(
    common_name: str, key: rsa.RSAPrivateKey, valid_from: dt.datetime, valid_until: dt.datetime
) -> x509.Certificate:
    """A certificate for ``key``, signed by itself (SHA-256), with a random serial number."""
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    return (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(valid_from)
        .not_valid_after(valid_until)
        .sign(key, hashes.SHA256())
    )


def _cert_pem(cert: x509.Certificate) -> str:
    return cert.public_bytes(serialization.Encoding.PEM).decode()


def _client_json(client: OAuthClient) -> dict[str, str]:
    return {"client_id": client.client_id, "client_secret": str(client.client_secret)}


def _read_client(path: Path) -> OAuthClient:
    data = _read_json(path)
    return OAuthClient(data["client_id"], Secret(data["client_secret"]))


def _read_json(path: Path) -> Any:
    return orjson.loads(path.read_bytes())


def _write_json(path: Path, document: Any, *, private: bool = False) -> None:
    _write(path, orjson.dumps(document, option=orjson.OPT_INDENT_2).decode(), private=private)


def _write(path: Path, text: str, *, private: bool = False) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600 if private else 0o644)
    with os.fdopen(fd, "w") as handle:
        handle.write(text)
