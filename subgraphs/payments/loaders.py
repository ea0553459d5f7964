"""Request-scoped batching for one PSU at Bank B (no bulk endpoint: bounded concurrency)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from aiodataloader import DataLoader

from subgraphs.common.batching import gather_bounded
from subgraphs.common.errors import BankRejected
from subgraphs.payments.bank_b.client import BankBClient
from subgraphs.payments.bank_b.mapping import map_payment
from subgraphs.payments.domain import PaymentData

__all__ = ["PaymentLoaders"]


@dataclass(slots=True)
class PaymentLoaders:
    """Loaders for `customer_id` (the PSU); build one per GraphQL request."""

    client: BankBClient
    customer_id: str
    payments: DataLoader = field(init=False)
    by_debtor: DataLoader = field(init=False)

    def __post_init__(self) -> None:
        self.payments = DataLoader(self._load_payments)
        self.by_debtor = DataLoader(self._load_by_debtor)

    async def _load_payments(self, ids: Sequence[str]) -> list[PaymentData | BaseException]:
        async def one(payment_id: str) -> PaymentData:
            return map_payment(await self.client.get_payment(self.customer_id, payment_id))

        return await gather_bounded(ids, one)

    async def _load_by_debtor(
        self, ibans: Sequence[str]
    ) -> list[list[PaymentData] | BaseException]:
        async def one(iban: str) -> list[PaymentData]:
            try:
                raw = await self.client.list_payments(self.customer_id, iban)
            except BankRejected as error:
                # Bank B refuses an IBAN that is not a EUR account of this PSU: none are theirs.
                if error.code in ("PARAMETER_NOT_CONSISTENT", "FORMAT_ERROR"):
                    return []
                raise
            return [map_payment(item) for item in raw]

        return await gather_bounded(ibans, one)
