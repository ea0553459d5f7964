"""GraphQL types shared by every subgraph: value types (all `@shareable`), the Relay `Node`
interface and the Decimal scalar."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Generic, TypeVar

import strawberry
from strawberry.schema.config import StrawberryConfig

from subgraphs.common.money import MoneyValue, format_decimal, parse_decimal

__all__ = [
    "FEDERATION_VERSION",
    "SCHEMA_CONFIG",
    "Connection",
    "DecimalScalar",
    "Edge",
    "InsufficientFunds",
    "InvalidInput",
    "Money",
    "Node",
    "PageInfo",
]

T = TypeVar("T")
# The newest Federation version the reference composer in tools/node accepts.
FEDERATION_VERSION = "2.9"


def _parse_decimal_literal(value: Any) -> Decimal:
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    return parse_decimal(value)


DecimalScalar = strawberry.scalar(
    name="Decimal",
    description='Exact decimal number sent as a string in plain notation, e.g. "1234.50".',
    serialize=format_decimal,
    parse_value=_parse_decimal_literal,
)
SCHEMA_CONFIG = StrawberryConfig(scalar_map={Decimal: DecimalScalar})
"""Schema config every subgraph uses: Decimal as the plain-notation Decimal scalar."""


@strawberry.interface(description="An object with a global, opaque id.")
class Node:
    id: strawberry.ID


@strawberry.federation.type(shareable=True, description="An amount in an ISO 4217 currency.")
class Money:
    amount: Decimal
    currency: str

    @classmethod
    def of(cls, value: MoneyValue) -> Money:
        """The GraphQL view of a domain MoneyValue."""
        return cls(amount=value.amount, currency=value.currency)


@strawberry.federation.type(shareable=True, description="Relay page information.")
class PageInfo:
    has_next_page: bool
    end_cursor: str | None


@strawberry.type(description="One node of a connection with its cursor.")
class Edge(Generic[T]):
    node: T
    cursor: str


@strawberry.type(description="A Relay connection: a slice of a list and how to get the next one.")
class Connection(Generic[T]):
    edges: list[Edge[T]]
    page_info: PageInfo


@strawberry.federation.type(shareable=True, description="The input was refused; nothing changed.")
class InvalidInput:
    message: str
    field: str | None


@strawberry.federation.type(shareable=True, description="The source account cannot cover it.")
class InsufficientFunds:
    message: str
    available: Money | None
