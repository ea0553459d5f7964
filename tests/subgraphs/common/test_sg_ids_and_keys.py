"""Global ids and derived idempotency keys."""

from __future__ import annotations

import pytest

from subgraphs.common.idempotency import (
    InvalidIdempotencyKey,
    bank_key_hex,
    bank_key_uuid,
)
from subgraphs.common.ids import InvalidGlobalId, decode_global_id, encode_global_id


def test_global_id_round_trip_and_opacity() -> None:
    gid = encode_global_id("Account", "A", "acc-7f3a:91")
    assert "acc" not in gid
    parts = decode_global_id(gid, "Account", "A")
    assert (parts.typename, parts.bank, parts.local_id) == ("Account", "A", "acc-7f3a:91")


@pytest.mark.parametrize(
    ("gid", "typename", "bank"),
    [
        (encode_global_id("Loan", "C", "L1"), "Account", None),
        (encode_global_id("Account", "B", "x"), "Account", "A"),
        ("%%%", "Account", None),
        (encode_global_id("Account", "A", "x")[:-2] + "!!", "Account", None),
    ],
)
def test_foreign_ids_are_refused(gid: str, typename: str, bank: str | None) -> None:
    with pytest.raises(InvalidGlobalId):
        decode_global_id(gid, typename, bank)


def test_bank_keys_are_deterministic_per_customer_and_purpose() -> None:
    assert bank_key_uuid("alice", "k1", "p") == bank_key_uuid("alice", "k1", "p")
    assert bank_key_uuid("alice", "k1", "p") != bank_key_uuid("bo", "k1", "p")
    assert bank_key_uuid("alice", "k1", "p") != bank_key_uuid("alice", "k1", "q")
    assert bank_key_hex("alice", "k1", "p", 30) != bank_key_hex("alice", "k2", "p", 30)
    assert len(bank_key_hex("alice", "k1", "p", 30)) == 30


def test_bank_uuid_is_rfc4122_shaped() -> None:
    value = bank_key_uuid("alice", "k1", "p")
    assert len(value) == 36 and value[14] == "8" and value[19] in "89ab"


@pytest.mark.parametrize("key", ["", "x" * 65, "has space", "é"])
def test_bad_idempotency_keys_are_refused(key: str) -> None:
    with pytest.raises(InvalidIdempotencyKey):
        bank_key_uuid("alice", key, "p")
