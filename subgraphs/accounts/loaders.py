"""Request-scoped batching for one customer at Bank A.

However many accounts a query touches, the account list costs one walk of `/accounts`, all
balances one walk of bulk `/balances`, and the first transactions of every account shown one
walk of bulk `/transactions` per booking window (`subgraphs.accounts.transactions`).
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass, field

from aiodataloader import DataLoader

from subgraphs.accounts.bank_a.client import BankAClient
from subgraphs.accounts.bank_a.mapping import map_account, map_balances
from subgraphs.accounts.domain import AccountData, BalanceData
from subgraphs.accounts.transactions import TransactionPages

__all__ = ["AccountLoaders"]


@dataclass(slots=True)
class AccountLoaders:
    """Loaders for `customer_id`; build one per GraphQL request."""

    client: BankAClient
    customer_id: str
    accounts: DataLoader = field(init=False)
    balances: DataLoader = field(init=False)
    transactions: TransactionPages = field(init=False)
    _all: asyncio.Task[list[AccountData]] | None = None

    def __post_init__(self) -> None:
        self.accounts = DataLoader(self._load_accounts)
        self.balances = DataLoader(self._load_balances)
        self.transactions = TransactionPages(self.client, self.customer_id)

    async def all_accounts(self) -> list[AccountData]:
        """Every consented account, fetched once per request."""
        if self._all is None:
            self._all = asyncio.ensure_future(self._fetch_all())
        return await self._all

    async def _fetch_all(self) -> list[AccountData]:
        return [map_account(raw) for raw in await self.client.list_accounts(self.customer_id)]

    async def _load_accounts(self, account_ids: Sequence[str]) -> list[AccountData | None]:
        by_id = {account.account_id: account for account in await self.all_accounts()}
        return [by_id.get(account_id) for account_id in account_ids]

    async def _load_balances(self, account_ids: Sequence[str]) -> list[BalanceData]:
        raw = await self.client.bulk_balances(self.customer_id)
        return [map_balances(account_id, raw) for account_id in account_ids]

    async def account_by_iban(self, iban: str) -> AccountData | None:
        """The customer's account with this IBAN (compared normalised), if any."""
        wanted = iban.replace(" ", "").upper()
        return next((a for a in await self.all_accounts() if a.iban == wanted), None)
