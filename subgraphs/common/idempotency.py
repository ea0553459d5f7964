"""Bank idempotency keys derived from (customer, client idempotency key).

The same client key from the same customer always yields the same bank key, so a mutation
retried through the gateway reuses the bank's own de-duplication; different customers never
collide. Nothing needs to be stored.
"""

from __future__ import annotations

import hashlib
import re
import uuid

__all__ = ["InvalidIdempotencyKey", "bank_key_hex", "bank_key_uuid", "validate_idempotency_key"]

_KEY = re.compile(r"^[\x21-\x7e]{1,64}$")


class InvalidIdempotencyKey(ValueError):
    """A client idempotency key that is empty, too long or not printable ASCII."""


def validate_idempotency_key(key: str) -> str:
    """`key` if 1-64 printable ASCII characters; raises InvalidIdempotencyKey otherwise."""
    if not _KEY.match(key):
        raise InvalidIdempotencyKey("idempotencyKey must be 1-64 printable ASCII characters")
    return key


def _digest(customer_id: str, key: str, purpose: str) -> bytes:
    material = "\x1f".join(("bankgraph", purpose, customer_id, validate_idempotency_key(key)))
    return hashlib.sha256(material.encode()).digest()


def bank_key_hex(customer_id: str, key: str, purpose: str, length: int = 32) -> str:
    """A deterministic hex key of `length` characters (<= 64) for one logical operation."""
    return _digest(customer_id, key, purpose).hex()[:length]


def bank_key_uuid(customer_id: str, key: str, purpose: str) -> str:
    """A deterministic RFC 4122 UUID (version 8 layout) for one logical operation."""
    raw = bytearray(_digest(customer_id, key, purpose)[:16])
    raw[6] = (raw[6] & 0x0F) | 0x80
    raw[8] = (raw[8] & 0x3F) | 0x80
    return str(uuid.UUID(bytes=bytes(raw)))
