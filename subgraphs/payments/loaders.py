"""Request-scoped batching for one PSU at Bank B.

Payments by id have no bulk read (bounded concurrency); payments by debtor account, however
many accounts a query shows, cost one call of the [Sandbox] list without `debtorIban` (all the
PSU's payments, newest first), grouped here by debtor IBAN.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from aiodataloader import DataLoader

from subgraphs.common.batching import gather_bounded
from subgraphs.common.validation import normalise_iban
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

    async def _load_by_debtor(self, ibans: Sequence[str]) -> list[list[PaymentData]]:
        """Each IBAN's payments, newest first; [] for an IBAN that is not the PSU's (Bank B
        lists only payments from the PSU's own EUR accounts)."""
        grouped: dict[str, list[PaymentData]] = defaultdict(list)
        for item in await self.client.list_payments(self.customer_id):
            payment = map_payment(item)
            grouped[normalise_iban(payment.debtor_iban)].append(payment)
        return [grouped.get(normalise_iban(iban), []) for iban in ibans]
