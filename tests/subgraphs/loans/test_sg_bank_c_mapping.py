"""Bank C (CN open platform) wire JSON -> unified loans, table-driven."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

import pytest

from subgraphs.common.errors import BankProtocolError
from subgraphs.common.linked_accounts import LinkedAccount
from subgraphs.common.validation import InputError
from subgraphs.loans.bank_c.mapping import (
    basis_points_to_percent,
    fen,
    map_application,
    map_installment,
    map_loan,
    map_offer,
    map_repayment,
    map_user_account,
    parse_business_date,
    parse_timestamp,
    to_fen,
)
from subgraphs.loans.bank_c.wire import (
    parse_application,
    parse_installment,
    parse_loan,
    parse_product,
    parse_repayment,
    parse_user_account,
)
from subgraphs.loans.domain import ApplicationState, InstallmentState, LoanState
from subgraphs.loans.inputs import validate_borrower, validate_id_card

CST = timezone(timedelta(hours=8))


def loan(**overrides: Any) -> dict[str, Any]:
    record = {
        "loan_no": "LN2024061100000000000000000001",
        "apply_no": "AP1",
        "borrower_id": "BRW00091827",
        "product_code": "MICRO_BIZ_01",
        "principal": 1200000,
        "term_months": 12,
        "repay_method": "EQUAL_INSTALLMENT",
        "annual_rate": 1825,
        "penalty_rate": 2738,
        "value_date": "20240611",
        "maturity_date": "20250611",
        "status": "NORMAL",
        "outstanding_principal": 1108091,
        "overdue_days": 0,
        "overdue_amount": 0,
        "five_level_class": "NORMAL",
        "next_due_date": "20240811",
        "next_due_amount": 110159,
        "update_time": "2024-07-11 09:20:00",
    }
    record.update(overrides)
    return record


@pytest.mark.parametrize(
    ("value", "expected"), [(1200000, "12000.00"), (1, "0.01"), (0, "0.00"), (110157, "1101.57")]
)
def test_fen_become_cny_with_two_decimals(value: int, expected: str) -> None:
    money = fen(value)
    assert (format(money.amount, "f"), money.currency) == (expected, "CNY")


@pytest.mark.parametrize("value", [-1, 1.5, "100", True, None])
def test_fen_must_be_non_negative_integers(value: Any) -> None:
    with pytest.raises(BankProtocolError):
        fen(value)


def test_amounts_back_to_fen() -> None:
    assert to_fen(Decimal("12000.00")) == 1200000
    with pytest.raises(ValueError):
        to_fen(Decimal("0.001"))


@pytest.mark.parametrize(
    ("bp", "percent"), [(1825, Decimal("18.25")), (0, Decimal("0.00")), (36000, Decimal("360.00"))]
)
def test_basis_points_become_percent(bp: int, percent: Decimal) -> None:
    assert basis_points_to_percent(bp) == percent


def test_business_dates_and_shanghai_timestamps() -> None:
    assert parse_business_date("20240229") == date(2024, 2, 29)
    for bad in ("2024-02-29", "20240230", "2024022", None):
        with pytest.raises(BankProtocolError):
            parse_business_date(bad)
    stamp = parse_timestamp("2024-06-11 09:20:00")
    assert stamp.utcoffset() == timedelta(hours=8)
    assert stamp == datetime(2024, 6, 11, 9, 20, tzinfo=CST)
    # 1718068800 (the header timestamp of the dialect example) is the same instant.
    assert stamp.timestamp() == 1718068800
    with pytest.raises(BankProtocolError):
        parse_timestamp("2024-06-11T09:20:00+08:00")


@pytest.mark.parametrize(
    ("status", "state"),
    [("NORMAL", LoanState.ACTIVE), ("OVERDUE", LoanState.OVERDUE), ("SETTLED", LoanState.CLOSED)],
)
def test_loan_status_mapping(status: str, state: LoanState) -> None:
    assert map_loan(parse_loan(loan(status=status))).state is state


def test_loan_summary_maps_money_rate_dates_and_next_installment() -> None:
    data = map_loan(parse_loan(loan()))
    assert data.principal.amount == Decimal("12000.00")
    assert data.outstanding.amount == Decimal("11080.91")
    assert data.annual_rate == Decimal("18.25")
    assert data.value_date == date(2024, 6, 11) and data.maturity_date == date(2025, 6, 11)
    assert data.next_installment is not None
    assert data.next_installment.due_date == date(2024, 8, 11)
    assert data.next_installment.amount.amount == Decimal("1101.59")
    assert map_loan(parse_loan(loan(status="SETTLED", next_due_date=None))).next_installment is None
    with pytest.raises(BankProtocolError):
        map_loan(parse_loan(loan(status="WRITTEN_OFF")))


def test_schedule_term_keeps_bank_rounding() -> None:
    # Term 12 of the worked example: principal 108507 + interest 1650 = 110157 (not A = 110159).
    term = map_installment(
        parse_installment(
            {
                "term_no": 12,
                "due_date": "20250611",
                "principal": 108507,
                "interest": 1650,
                "penalty": 0,
                "total": 110157,
                "paid_principal": 0,
                "paid_interest": 0,
                "paid_penalty": 0,
                "status": "NOT_DUE",
                "overdue_days": 0,
            }
        )
    )
    assert term.amount.amount == Decimal("1101.57")
    assert term.principal.amount + term.interest.amount == term.amount.amount
    assert term.state is InstallmentState.NOT_DUE and term.paid.amount == Decimal("0.00")


@pytest.mark.parametrize(
    ("change", "field"),
    [({"principal": "1200000"}, "principal"), ({"principal": 1.5}, "principal"),
     ({"loan_no": None}, "loan_no"), ({"annual_rate": True}, "annual_rate")],
)  # fmt: skip
def test_wire_types_are_checked(change: dict[str, Any], field: str) -> None:
    with pytest.raises(BankProtocolError, match=field):
        parse_loan(loan(**change))


def test_negative_fen_in_a_record_is_refused() -> None:
    with pytest.raises(BankProtocolError):
        map_loan(parse_loan(loan(outstanding_principal=-1)))


def test_offer_application_and_repayment() -> None:
    offer = map_offer(
        parse_product(
            {
                "product_code": "MICRO_BIZ_01",
                "product_name": "小微经营贷",
                "min_amount": 100000,
                "max_amount": 5000000,
                "terms": [3, 6, 12],
                "repay_methods": ["EQUAL_INSTALLMENT"],
                "annual_rate_min": 1825,
                "annual_rate_max": 2400,
                "penalty_rate": 2738,
                "status": "ON_SALE",
            }
        )
    )
    assert offer.on_sale and offer.max_amount.amount == Decimal("50000.00")
    rejected = map_application(
        parse_application(
            {
                "apply_no": "AP1",
                "out_apply_no": "P1",
                "status": "REJECTED",
                "decision": {"result": "REJECTED", "reject_code": "R001", "reject_reason": "score"},
            }
        )
    )
    assert rejected.state is ApplicationState.REJECTED and rejected.reject_code == "R001"
    repaid = map_repayment(
        parse_repayment(
            {
                "repay_no": "R1",
                "out_repay_no": "X",
                "status": "SUCCESS",
                "amount": 110159,
                "allocation": {"penalty": 0, "interest": 18250, "principal": 91909},
                "repay_time": "2024-07-11 10:00:00",
            }
        )
    )
    assert repaid.interest.amount == Decimal("182.50") and repaid.principal.amount == Decimal(
        "919.09"
    )


def test_id_card_check_character() -> None:
    assert validate_id_card("510107200006153216") == "510107200006153216"
    assert validate_id_card("11010519491231002x") == "11010519491231002X"
    with pytest.raises(InputError):
        validate_id_card("510107200006153217")
    with pytest.raises(InputError):
        validate_borrower("王小明", "510107200006153216", "2380013812")


@pytest.mark.parametrize(
    ("status", "usable"), [("NORMAL", True), ("FROZEN", False), ("CLOSED", False)]
)
def test_user_accounts(status: str, usable: bool) -> None:
    raw = {"account_id": "acc-1", "currency": "CNY", "status": status, "card_no": None}
    assert map_user_account(parse_user_account(raw)) == LinkedAccount("acc-1", "CNY", usable)


@pytest.mark.parametrize("raw", [{"account_id": "a", "status": "NORMAL"}, {"currency": 1}, "x"])
def test_bad_user_accounts(raw: Any) -> None:
    with pytest.raises(BankProtocolError):
        parse_user_account(raw)
