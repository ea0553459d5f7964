"""Pure rules of Bank D: fee maths (incl. the worked example), calendar, suitability, JSON."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from sandbox.bank_d import calendar, jsonio, paging, pricing
from sandbox.bank_d.errors import FdxError
from sandbox.bank_d.suitability import RiskProfile, check_purchase

SHANGHAI = calendar.SHANGHAI
CUTOFF = dt.time(15, 0)


def test_worked_subscription_example() -> None:
    deal = pricing.subscribe(Decimal("10000.00"), Decimal("0.012"), Decimal("1.2345"))
    assert deal.amount - deal.fee == Decimal("9881.42")
    assert deal.fee == Decimal("118.58")
    assert deal.units == Decimal("8004.39")


def test_redemption_maths() -> None:
    deal = pricing.redeem(Decimal("8004.39"), Decimal("0.005"), Decimal("1.2500"))
    # gross 10005.4875 -> 10005.49; fee 50.02745 -> 50.03; proceeds 9955.46
    assert (deal.fee, deal.amount, deal.units) == (
        Decimal("50.03"), Decimal("9955.46"), Decimal("8004.39"),
    )  # fmt: skip


def test_zero_fee_money_market() -> None:
    deal = pricing.subscribe(Decimal("100.00"), Decimal("0"), Decimal("1.0000"))
    assert (deal.units, deal.fee) == (Decimal("100.00"), Decimal("0.00"))


def test_market_value_rounds_half_up() -> None:
    assert pricing.market_value(Decimal("8004.39"), Decimal("1.2500")) == Decimal("10005.49")


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=SHANGHAI)


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        ("2024-06-11 14:59:59", "2024-06-11"),  # Tuesday before the cut-off
        ("2024-06-11 15:00:00", "2024-06-12"),  # at the cut-off: next trading day
        ("2024-06-14 16:00:00", "2024-06-17"),  # Friday after the cut-off: Monday
        ("2024-06-15 10:00:00", "2024-06-17"),  # Saturday: Monday
        ("2024-06-16 23:59:59", "2024-06-17"),  # Sunday
        ("2024-06-17 00:00:00", "2024-06-17"),  # Monday morning
    ],
)
def test_trade_date(moment: str, expected: str) -> None:
    assert calendar.trade_date(at(moment), CUTOFF).isoformat() == expected


def test_trade_date_uses_shanghai_not_utc() -> None:
    # 2024-06-11 23:30 UTC is Wednesday 07:30 in Shanghai.
    moment = dt.datetime(2024, 6, 11, 23, 30, tzinfo=dt.UTC)
    assert calendar.trade_date(moment, CUTOFF) == dt.date(2024, 6, 12)


def test_fixed_closures() -> None:
    assert calendar.trade_date(at("2024-09-30 15:30:00"), CUTOFF) == dt.date(2024, 10, 8)
    assert calendar.next_trading_day(dt.date(2024, 4, 30)) == dt.date(2024, 5, 6)
    assert not calendar.is_trading_day(dt.date(2025, 1, 2))


def test_confirm_and_settlement_days() -> None:
    friday = dt.date(2024, 6, 14)
    assert calendar.next_trading_day(friday) == dt.date(2024, 6, 17)
    assert calendar.next_trading_day(friday, 2) == dt.date(2024, 6, 18)


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        ("2024-06-11 19:59:59", "2024-06-10"),
        ("2024-06-11 20:00:00", "2024-06-11"),
        ("2024-06-15 12:00:00", "2024-06-14"),
        ("2024-06-17 08:00:00", "2024-06-14"),
    ],
)
def test_latest_published_nav_date(moment: str, expected: str) -> None:
    assert calendar.latest_published_nav_date(at(moment)).isoformat() == expected


TODAY = dt.date(2024, 6, 11)


def profile(tolerance: str, *, lowest: bool = False, kind: str = "ORDINARY",
            expires: dt.date = dt.date(2025, 1, 1)) -> RiskProfile:  # fmt: skip
    return RiskProfile("x", kind, tolerance, lowest, dt.date(2024, 1, 1), expires)


@pytest.mark.parametrize(
    ("tolerance", "level", "ack", "verdict"),
    [
        ("C1", "R1", False, "OK"), ("C1", "R2", False, "RISK_TOO_HIGH"),
        ("C2", "R2", False, "OK"), ("C3", "R3", False, "OK"), ("C3", "R4", False, "RISK_TOO_HIGH"),
        ("C3", "R4", True, "OK"), ("C4", "R4", False, "OK"), ("C4", "R5", False, "RISK_TOO_HIGH"),
        ("C5", "R5", False, "OK"),
    ],
)  # fmt: skip
def test_suitability_matrix(tolerance: str, level: str, ack: bool, verdict: str) -> None:
    assert check_purchase(profile(tolerance), level, ack, TODAY) == verdict


def test_lowest_category_may_never_acknowledge() -> None:
    assert check_purchase(profile("C1", lowest=True), "R2", True, TODAY) == "RISK_TOO_HIGH"
    assert check_purchase(profile("C1", lowest=True), "R1", False, TODAY) == "OK"


def test_professionals_buy_everything() -> None:
    assert check_purchase(profile("C1", kind="PROFESSIONAL"), "R5", False, TODAY) == "OK"


def test_expired_or_missing_assessment_blocks() -> None:
    expired = profile("C5", expires=dt.date(2024, 6, 10))
    assert check_purchase(expired, "R1", False, TODAY) == "ASSESSMENT_EXPIRED"
    assert check_purchase(None, "R1", False, TODAY) == "ASSESSMENT_EXPIRED"
    assert check_purchase(profile("C5", expires=TODAY), "R1", False, TODAY) == "OK"


def test_json_numbers_are_exact() -> None:
    text = jsonio.dumps({"nav": Decimal("1.2500"), "cash": Decimal("0.00"), "n": [Decimal("-2")]})
    assert text == b'{"nav":1.2500,"cash":0.00,"n":[-2]}'
    assert jsonio.loads(b'{"amount": 10000.10}') == {"amount": Decimal("10000.10")}
    with pytest.raises(ValueError):
        jsonio.loads(b'{"amount": NaN}')
    with pytest.raises(TypeError):
        jsonio.dumps({"x": Decimal("NaN")})


def test_cursors_round_trip_and_refuse_forgeries() -> None:
    assert paging.decode_cursor(paging.encode_cursor(50)) == 50
    for forged in ("abc", "!!", paging.encode_cursor(1)[:-1] + "@"):
        with pytest.raises(FdxError):
            paging.decode_cursor(forged)
