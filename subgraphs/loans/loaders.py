"""Request-scoped loading for one customer at Bank C.

The borrower id and the loan list are fetched once per request (the list call returns every
field but the schedule), so resolving N loans costs one paged list walk; schedules are fetched
per loan with bounded concurrency only when asked for.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from aiodataloader import DataLoader

from subgraphs.common.batching import gather_bounded
from subgraphs.common.linked_accounts import LinkedAccount
from subgraphs.loans.bank_c.client import BankCClient
from subgraphs.loans.bank_c.mapping import (
    map_installment,
    map_loan,
    map_offer,
    map_user_account,
)
from subgraphs.loans.domain import InstallmentData, LoanData, OfferData

__all__ = ["LoanLoaders"]

T = TypeVar("T")


@dataclass(slots=True)
class LoanLoaders:
    """Loaders for `customer_id`; build one per GraphQL request."""

    client: BankCClient
    customer_id: str
    loans: DataLoader = field(init=False)
    schedules: DataLoader = field(init=False)
    _memo: dict[str, asyncio.Future[object]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.loans = DataLoader(self._load_loans)
        self.schedules = DataLoader(self._load_schedules)

    async def _once(self, name: str, make: Callable[[], Awaitable[T]]) -> T:
        if name not in self._memo:
            self._memo[name] = asyncio.ensure_future(make())
        return await self._memo[name]  # type: ignore[return-value]

    async def borrower_id(self) -> str | None:
        """The customer's borrower id at Bank C (None if they never applied)."""
        return await self._once("borrower", lambda: self.client.borrower_id(self.customer_id))

    async def all_loans(self) -> list[LoanData]:
        """Every loan of the customer."""

        async def fetch() -> list[LoanData]:
            borrower = await self.borrower_id()
            if borrower is None:
                return []
            return [map_loan(raw) for raw in await self.client.all_loans(borrower)]

        return await self._once("loans", fetch)

    async def offers(self) -> list[OfferData]:
        """Loan products on sale."""

        async def fetch() -> list[OfferData]:
            return [map_offer(raw) for raw in await self.client.products()]

        return await self._once("offers", fetch)

    async def bank_a_accounts(self) -> list[LinkedAccount]:
        """The customer's Bank A accounts as Bank C sees them (to receive or repay a loan)."""

        async def fetch() -> list[LinkedAccount]:
            return [
                map_user_account(raw) for raw in await self.client.user_accounts(self.customer_id)
            ]

        return await self._once("bank_a_accounts", fetch)

    def forget_loans(self) -> None:
        """Drop the cached loan list (after a mutation changed it)."""
        self._memo.pop("loans", None)
        self._memo.pop("borrower", None)
        self.loans.clear_all()

    async def _load_loans(self, loan_nos: Sequence[str]) -> list[LoanData | None]:
        by_no = {loan.loan_no: loan for loan in await self.all_loans()}
        return [by_no.get(loan_no) for loan_no in loan_nos]

    async def _load_schedules(
        self, loan_nos: Sequence[str]
    ) -> list[list[InstallmentData] | BaseException]:
        async def one(loan_no: str) -> list[InstallmentData]:
            return [map_installment(raw) for raw in await self.client.repay_plans(loan_no)]

        return await gather_bounded(loan_nos, one)
