"""Opaque global ids: base64url of "<Type>:<bank>:<bank-local id>"."""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass

__all__ = [
    "GlobalId",
    "InvalidGlobalId",
    "customer_global_id",
    "decode_global_id",
    "encode_global_id",
]


class InvalidGlobalId(ValueError):
    """An id that is not a global id of the expected type."""


@dataclass(frozen=True, slots=True)
class GlobalId:
    """The parts of a global id."""

    typename: str
    bank: str
    local_id: str


def encode_global_id(typename: str, bank: str, local_id: str) -> str:
    """The opaque id of `local_id` at `bank` for GraphQL type `typename`."""
    raw = f"{typename}:{bank}:{local_id}".encode()
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode_global_id(global_id: str, typename: str, bank: str | None = None) -> GlobalId:
    """Decode `global_id`, requiring `typename` (and `bank` if given); raises InvalidGlobalId."""
    try:
        padded = global_id + "=" * (-len(global_id) % 4)
        raw = base64.urlsafe_b64decode(padded.encode("ascii")).decode()
    except (binascii.Error, UnicodeError, ValueError) as error:
        raise InvalidGlobalId(f"malformed id: {global_id!r}") from error
    parts = raw.split(":", 2)
    if len(parts) != 3 or not parts[2] or parts[0] != typename:
        raise InvalidGlobalId(f"not a {typename} id: {global_id!r}")
    if bank is not None and parts[1] != bank:
        raise InvalidGlobalId(f"not a {typename} id of bank {bank}: {global_id!r}")
    return GlobalId(*parts)


def customer_global_id(customer_id: str) -> str:
    """The Customer id every subgraph uses for customer `customer_id` (a customer spans banks)."""
    return encode_global_id("Customer", "bankgraph", customer_id)
