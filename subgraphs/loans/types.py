"""GraphQL object types of the loans subgraph: Customer.loans, Loan, Installment, LoanOffer."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal
from typing import Any

import strawberry
from strawberry.types import Info

from subgraphs.common.app import RequestContext
from subgraphs.common.ids import (
    InvalidGlobalId,
    decode_global_id,
    encode_global_id,
)
from subgraphs.common.money import money
from subgraphs.common.types import (
    Money,
    Node,
)
from subgraphs.loans.domain import (
    ApplicationState,
    InstallmentData,
    InstallmentState,
    LoanData,
    LoanState,
    OfferData,
)
from subgraphs.loans.loaders import LoanLoaders

__all__ = [
    "Customer",
    "Installment",
    "Loan",
    "LoanApplicationStatus",
    "LoanOffer",
    "context_of",
    "loaders_of",
    "loan_by_global_id",
]

LoanStatus = strawberry.enum(LoanState, name="LoanStatus")
InstallmentStatus = strawberry.enum(InstallmentState, name="InstallmentStatus")
LoanApplicationStatus = strawberry.enum(ApplicationState, name="LoanApplicationStatus")


def context_of(info: Info) -> tuple[str, LoanLoaders]:
    context: RequestContext[LoanLoaders] = info.context
    identity, loaders = context.customer()
    return identity.customer_id, loaders


def loaders_of(info: Info) -> LoanLoaders:
    return context_of(info)[1]


@strawberry.type(description="One repayment term; summary installments carry only date and amount.")
class Installment:
    term_number: int | None
    due_date: date
    amount: Money
    principal: Money | None
    interest: Money | None
    penalty: Money | None
    paid: Money | None
    status: InstallmentStatus | None  # type: ignore[valid-type]

    @classmethod
    def of(cls, data: InstallmentData) -> Installment:
        def opt(value: Any) -> Money | None:
            return Money.of(value) if value is not None else None

        return cls(
            term_number=data.term_number,
            due_date=data.due_date,
            amount=Money.of(data.amount),
            principal=opt(data.principal),
            interest=opt(data.interest),
            penalty=opt(data.penalty),
            paid=opt(data.paid),
            status=data.state,
        )


@strawberry.federation.type(keys=["id"], description="A loan at Bank C.")
class Loan(Node):
    id: strawberry.ID
    product_code: str
    currency: str
    principal: Money
    outstanding: Money
    annual_rate: Decimal = strawberry.field(description="Percent per year (18.25 = 18.25 %).")
    term_months: int
    repay_method: str
    status: LoanStatus  # type: ignore[valid-type]
    overdue_days: int
    risk_classification: str | None
    value_date: date | None
    maturity_date: date | None
    next_installment: Installment | None
    data: strawberry.Private[LoanData]

    @classmethod
    def of(cls, data: LoanData) -> Loan:
        return cls(
            id=strawberry.ID(encode_global_id("Loan", "C", data.loan_no)),
            product_code=data.product_code,
            currency=data.principal.currency,
            principal=Money.of(data.principal),
            outstanding=Money.of(data.outstanding),
            annual_rate=data.annual_rate,
            term_months=data.term_months,
            repay_method=data.repay_method,
            status=data.state,
            overdue_days=data.overdue_days,
            risk_classification=data.risk_class,
            value_date=data.value_date,
            maturity_date=data.maturity_date,
            next_installment=Installment.of(data.next_installment)
            if data.next_installment
            else None,
            data=data,
        )

    @classmethod
    async def resolve_reference(cls, info: Info, id: strawberry.ID) -> Loan | None:
        return await loan_by_global_id(info, id)

    @strawberry.field(description="The loan product's name (its code if no longer listed).")
    async def product(self, info: Info) -> str:
        offers = await loaders_of(info).offers()
        return next(
            (o.name for o in offers if o.product_code == self.product_code), self.product_code
        )

    @strawberry.field(description="The full repayment schedule.")
    async def schedule(self, info: Info) -> list[Installment]:
        terms = await loaders_of(info).schedules.load(self.data.loan_no)
        return [Installment.of(term) for term in terms]


async def loan_by_global_id(info: Info, global_id: str) -> Loan | None:
    try:
        loan_no = decode_global_id(global_id, "Loan", "C").local_id
    except InvalidGlobalId:
        return None
    data = await loaders_of(info).loans.load(loan_no)
    return Loan.of(data) if data is not None else None


@strawberry.type(description="A loan product the customer can apply for.")
class LoanOffer:
    product_code: str
    name: str
    min_amount: Money
    max_amount: Money
    terms_months: list[int]
    repay_methods: list[str]
    annual_rate_min: Decimal
    annual_rate_max: Decimal

    @classmethod
    def of(cls, data: OfferData) -> LoanOffer:
        return cls(
            product_code=data.product_code,
            name=data.name,
            min_amount=Money.of(data.min_amount),
            max_amount=Money.of(data.max_amount),
            terms_months=list(data.terms_months),
            repay_methods=list(data.repay_methods),
            annual_rate_min=data.annual_rate_min,
            annual_rate_max=data.annual_rate_max,
        )


@strawberry.federation.type(keys=["id"], description="A bank customer (the signed-in user).")
class Customer:
    id: strawberry.ID

    @classmethod
    def resolve_reference(cls, info: Info, id: strawberry.ID) -> Customer:
        info.context.check_own_customer(id, "C")
        return cls(id=id)

    @strawberry.field(description="The customer's loans at Bank C.")
    async def loans(self, info: Info) -> list[Loan]:
        return [Loan.of(data) for data in await loaders_of(info).all_loans()]

    @strawberry.field(description="Loan products on sale.")
    async def loan_offers(self, info: Info) -> list[LoanOffer]:
        return [LoanOffer.of(data) for data in await loaders_of(info).offers() if data.on_sale]

    @strawberry.field(description="Outstanding principal of open loans, one total per currency.")
    async def total_outstanding(self, info: Info) -> list[Money]:
        totals: dict[str, Decimal] = defaultdict(Decimal)
        for loan in await loaders_of(info).all_loans():
            if loan.state is not LoanState.CLOSED:
                totals[loan.outstanding.currency] += loan.outstanding.amount
        return [Money.of(money(totals[c], c)) for c in sorted(totals)]
