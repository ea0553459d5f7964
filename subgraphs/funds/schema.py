"""The funds subgraph schema (Bank D): Query, Mutation and the entity types."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from subgraphs.common.relay import BankPage, page_through
from subgraphs.common.types import (
    FEDERATION_VERSION,
    SCHEMA_CONFIG,
    Connection,
    Edge,
    PageInfo,
)
from subgraphs.funds.bank_d.mapping import map_fund
from subgraphs.funds.domain import FundData
from subgraphs.funds.mutations import Mutation
from subgraphs.funds.types import Customer, Fund, FundOrder, loaders_of

__all__ = ["build_schema"]


@strawberry.type
class Query:
    @strawberry.field(description="The fund catalogue, optionally up to a risk level.")
    async def funds(
        self,
        info: Info,
        max_risk_level: int | None = None,
        first: int = 20,
        after: str | None = None,
    ) -> Connection[Fund]:
        loaders = loaders_of(info)

        async def fetch(token: str | None) -> BankPage[FundData]:
            page = await loaders.client.funds_page(token)
            items = [map_fund(raw) for raw in page.items]
            if max_risk_level is not None:
                items = [f for f in items if f.risk_level <= max_risk_level]
            return BankPage(items, page.next_offset)

        slice_ = await page_through(fetch, first, after)
        return Connection(
            edges=[Edge(node=Fund.of(item), cursor=cursor) for item, cursor in slice_.items],
            page_info=PageInfo(has_next_page=slice_.has_next_page, end_cursor=slice_.end_cursor),
        )

    @strawberry.field(description="One fund by code.")
    async def fund(self, info: Info, code: strawberry.ID) -> Fund | None:
        data = await loaders_of(info).funds.load(str(code))
        return Fund.of(data) if data is not None else None


def build_schema() -> strawberry.federation.Schema:
    """The funds subgraph schema (Federation 2)."""
    return strawberry.federation.Schema(
        query=Query,
        mutation=Mutation,
        types=[Customer, Fund, FundOrder],
        config=SCHEMA_CONFIG,
        federation_version=FEDERATION_VERSION,
    )
