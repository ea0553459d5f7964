"""The IdP's signing keys in a state dir: both generated on first start, the ES256 key added to
a state dir written before the IdP signed ES256, and `token --alg` choosing the signature."""

from __future__ import annotations

import stat
from pathlib import Path

import orjson
import pytest
from joserfc import jwt
from joserfc.jwk import KeySet

from sandbox.__main__ import main
from sandbox.credentials import ensure_credentials


def _served_jwks(state_dir: Path) -> KeySet:
    return KeySet.import_key_set(
        orjson.loads((state_dir / "credentials" / "idp_jwks.json").read_bytes())
    )


def test_first_start_writes_both_keys_privately(tmp_path: Path) -> None:
    creds = ensure_credentials(tmp_path).idp
    assert creds.kid != creds.ec_kid
    assert [(key.kid, key.alg) for key in _served_jwks(tmp_path).keys] == [
        (creds.kid, "RS256"),
        (creds.ec_kid, "ES256"),
    ]
    for name in ("idp_key.pem", "idp_ec_key.pem"):
        assert stat.S_IMODE((tmp_path / "server" / name).stat().st_mode) == 0o600
    assert str(creds.ec_private_key_pem) not in repr(creds)
    again = ensure_credentials(tmp_path).idp
    assert (again.ec_kid, str(again.ec_private_key_pem)) == (
        creds.ec_kid,
        str(creds.ec_private_key_pem),
    )


def test_a_state_dir_without_the_ec_key_gets_one_and_keeps_its_rsa_key(tmp_path: Path) -> None:
    before = ensure_credentials(tmp_path)
    server = tmp_path / "server"
    # the layout before ES256: no EC key, idp.json with the RSA kid only, a one-key JWKS
    (server / "idp_ec_key.pem").unlink()
    (server / "idp.json").write_bytes(orjson.dumps({"kid": before.idp.kid}))
    old_jwks = {"keys": [before.idp.public_jwks["keys"][0]]}
    (tmp_path / "credentials" / "idp_jwks.json").write_bytes(orjson.dumps(old_jwks))

    after = ensure_credentials(tmp_path)
    assert (after.idp.kid, str(after.idp.private_key_pem)) == (
        before.idp.kid,
        str(before.idp.private_key_pem),
    )
    assert str(after.bank_a.client_secret) == str(before.bank_a.client_secret)
    assert after.idp.ec_kid != after.idp.kid
    assert [key.alg for key in _served_jwks(tmp_path).keys] == ["RS256", "ES256"]


@pytest.mark.parametrize("alg", ["RS256", "ES256"])
def test_token_command_signs_with_the_chosen_alg(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], alg: str
) -> None:
    args = ["token", "alice", "--state-dir", str(tmp_path), "--ledger", ":memory:"]
    assert main([*args, "--alg", alg] if alg != "RS256" else args) == 0
    decoded = jwt.decode(capsys.readouterr().out.strip(), _served_jwks(tmp_path), algorithms=[alg])
    assert (decoded.header["alg"], decoded.claims["sub"]) == (alg, "alice")


def test_token_command_refuses_other_algs(tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as refused:
        main(["token", "alice", "--state-dir", str(tmp_path), "--alg", "HS256"])
    assert refused.value.code == 2
    assert not (tmp_path / "server").exists()  # argparse refused before any credentials
