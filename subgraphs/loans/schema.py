"""The loans subgraph schema (Bank C): Query, Mutation and the entity types."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from subgraphs.common.types import (
    FEDERATION_VERSION,
    SCHEMA_CONFIG,
)
from subgraphs.loans.mutations import Mutation
from subgraphs.loans.types import Customer, Loan, loan_by_global_id

__all__ = ["build_schema"]


@strawberry.type
class Query:
    @strawberry.field(description="One of the caller's loans; null for any other id.")
    async def loan(self, info: Info, id: strawberry.ID) -> Loan | None:
        return await loan_by_global_id(info, id)


def build_schema() -> strawberry.federation.Schema:
    """The loans subgraph schema (Federation 2)."""
    return strawberry.federation.Schema(
        query=Query,
        mutation=Mutation,
        types=[Customer, Loan],
        config=SCHEMA_CONFIG,
        federation_version=FEDERATION_VERSION,
    )
