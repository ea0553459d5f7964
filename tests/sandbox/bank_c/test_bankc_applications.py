"""Contract tests of loan applications: intake, decision, disbursement, idempotency."""

from __future__ import annotations

from decimal import Decimal

import pytest
from bankc_world import ALICE_CARD, Partner, application_body, disbursed_loan, state

from sandbox.ledger import Ledger

APPLY = "/open/v1/loan/applications"


async def test_create_returns_processing_with_envelope(partner: Partner) -> None:
    result = await partner.post(APPLY, application_body())
    assert result.response.status_code == 200
    assert result.body["message"] == "Success"
    data = result.data
    assert set(data) == {"apply_no", "out_apply_no", "borrower_id", "status", "create_time"}
    assert len(data["apply_no"]) == 32 and data["apply_no"].startswith("AP")
    assert data["out_apply_no"] == "P20240611000123"
    assert data["status"] == "PROCESSING"
    assert data["create_time"] == "2024-06-11 09:20:00"


async def test_first_query_processing_then_disbursed_into_cny_account(
    partner: Partner, ledger: Ledger
) -> None:
    before = ledger.balance("a-bo-cny")
    created = (await partner.post(APPLY, application_body())).data
    first = (await partner.get(f"{APPLY}/{created['apply_no']}")).data
    assert first["status"] == "PROCESSING" and "decision" not in first
    assert first["loan_no"] is None
    second = (await partner.get(f"{APPLY}?out_apply_no=P20240611000123")).data
    assert second["status"] == "DISBURSED"
    assert second["decision"] == {
        "result": "APPROVED",
        "approved_amount": 1_200_000,
        "approved_term_months": 12,
        "annual_rate": 1825,
        "reject_code": None,
        "reject_reason": None,
        "decision_time": "2024-06-11 09:20:00",
    }
    assert second["loan_no"].startswith("LN") and len(second["loan_no"]) == 32
    assert ledger.balance("a-bo-cny") == before + Decimal("12000.00")
    assert sum(ledger.totals().values()) == 0
    again = (await partner.get(f"{APPLY}/{created['apply_no']}")).data
    assert again == second


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        ({"apply_amount": 5_000_001}, "R001"),
        ({"borrower": {"name": "王小明", "id_card_no": "510107200006153216",
                       "mobile": "13800000000"}}, "R003"),
    ],
)  # fmt: skip
async def test_rejections_are_successful_calls(
    partner: Partner, ledger: Ledger, overrides: dict, code: str
) -> None:
    created = (await partner.post(APPLY, application_body(**overrides))).data
    await partner.get(f"{APPLY}/{created['apply_no']}")
    decided = await partner.get(f"{APPLY}/{created['apply_no']}")
    assert decided.code == "10000"
    assert decided.data["status"] == "REJECTED"
    assert decided.data["decision"]["result"] == "REJECTED"
    assert decided.data["decision"]["reject_code"] == code
    assert decided.data["loan_no"] is None
    assert ledger.balance("a-bo-cny") == Decimal("20000.00")


async def test_same_out_apply_no_same_fields_returns_existing(
    partner: Partner, ledger: Ledger
) -> None:
    first = (await partner.post(APPLY, application_body())).data
    snapshot = state(ledger)
    again = (await partner.post(APPLY, application_body())).data
    assert again == first
    assert state(ledger) == snapshot


async def test_same_out_apply_no_different_fields_conflicts(
    partner: Partner, ledger: Ledger
) -> None:
    await partner.post(APPLY, application_body())
    snapshot = state(ledger)
    result = await partner.post(APPLY, application_body(apply_amount=1_300_000))
    assert result.code == "40004"
    assert result.sub_code == "OUT_NO_CONFLICT"
    assert "data" not in result.body
    assert state(ledger) == snapshot


async def test_replay_after_disbursement_does_not_disburse_twice(
    partner: Partner, ledger: Ledger
) -> None:
    await disbursed_loan(partner)
    balance = ledger.balance("a-bo-cny")
    again = (await partner.post(APPLY, application_body())).data
    assert again["status"] == "DISBURSED"
    assert ledger.balance("a-bo-cny") == balance


async def test_active_application_blocks_a_second_one(partner: Partner, ledger: Ledger) -> None:
    await partner.post(APPLY, application_body())
    snapshot = state(ledger)
    result = await partner.post(APPLY, application_body(out_apply_no="P20240611000124"))
    assert (result.code, result.sub_code) == ("40004", "ACTIVE_APPLICATION_EXISTS")
    assert state(ledger) == snapshot


async def test_out_apply_no_is_per_partner(partner: Partner, other_partner: Partner) -> None:
    created = (await partner.post(APPLY, application_body())).data
    result = await other_partner.get(f"{APPLY}/{created['apply_no']}")
    assert (result.code, result.sub_code) == ("40004", "APPLY_NOT_FOUND")
    result = await other_partner.get(f"{APPLY}?out_apply_no=P20240611000123")
    assert (result.code, result.sub_code) == ("40004", "APPLY_NOT_FOUND")


@pytest.mark.parametrize(
    ("overrides", "sub_code"),
    [
        ({"product_code": "NOPE_99"}, "PRODUCT_NOT_FOUND"),
        ({"product_code": "CONSUMER_03", "term_months": 3}, "PRODUCT_OFF_SALE"),
        ({"apply_amount": 99_999}, "AMOUNT_OUT_OF_RANGE"),
        ({"apply_amount": 10_000_001}, "AMOUNT_OUT_OF_RANGE"),
        ({"term_months": 9}, "TERM_NOT_SUPPORTED"),
        ({"product_code": "AGRI_02"}, "REPAY_METHOD_NOT_SUPPORTED"),
    ],
)
async def test_business_refusals_change_nothing(
    partner: Partner, ledger: Ledger, overrides: dict, sub_code: str
) -> None:
    snapshot = state(ledger)
    result = await partner.post(APPLY, application_body(**overrides))
    assert (result.code, result.sub_code) == ("40004", sub_code)
    assert result.body["message"] == "Business Failed"
    assert set(result.body) == {"code", "message", "request_id", "sub_code", "sub_message"}
    assert state(ledger) == snapshot


BAD_FIELDS = [
    ({"out_apply_no": None}, "40001"),
    ({"out_apply_no": "P1"}, "40002"),
    ({"out_apply_no": "P2024 0611"}, "40002"),
    ({"apply_amount": None}, "40001"),
    ({"apply_amount": "1200000"}, "40002"),
    ({"apply_amount": 1200000.5}, "40002"),
    ({"apply_amount": 12000.00}, "40002"),
    ({"apply_amount": -1200000}, "40002"),
    ({"apply_amount": 0}, "40002"),
    ({"apply_amount": True}, "40002"),
    ({"term_months": "12"}, "40002"),
    ({"repay_method": "BALLOON"}, "40002"),
    ({"loan_purpose": "GAMBLING"}, "40002"),
    ({"borrower": None}, "40001"),
    ({"borrower": "王小明"}, "40002"),
    ({"borrower": {"name": "王小明", "id_card_no": "510107200006153217",
                   "mobile": "13800138123"}}, "40002"),
    ({"borrower": {"name": "王小明", "id_card_no": "510107200006153216",
                   "mobile": "23800138123"}}, "40002"),
    ({"borrower": {"id_card_no": "510107200006153216", "mobile": "13800138123"}}, "40001"),
    ({"receive_card_no": "6222-0202"}, "40002"),
    ({"receive_card_no": "6222020200000000000"}, "40002"),
    ({"receive_card_no": "6222020200555555555"}, "40002"),
    ({"receive_card_no": "6222020200998877665", "out_user_id": "bo"}, "40002"),
    ({"receive_card_no": "6222020200000000000", "out_user_id": "nobody"}, "40002"),
]  # fmt: skip


@pytest.mark.parametrize(("overrides", "code"), BAD_FIELDS)
async def test_bad_fields_are_refused_and_change_nothing(
    partner: Partner, ledger: Ledger, overrides: dict, code: str
) -> None:
    body = {k: v for k, v in application_body(**overrides).items() if v is not None}
    snapshot = state(ledger)
    result = await partner.post(APPLY, body)
    assert result.code == code, result.body
    assert result.sub_code == {"40001": "PARAM_MISSING", "40002": "PARAM_INVALID"}[code]
    assert state(ledger) == snapshot


@pytest.mark.parametrize("raw", [b"{", b"[]", b'"x"', b"", b"\xff\xfe"])
async def test_malformed_json_is_param_invalid(
    partner: Partner, ledger: Ledger, raw: bytes
) -> None:
    snapshot = state(ledger)
    result = await partner.post(APPLY, raw=raw)
    assert (result.code, result.sub_code) == ("40002", "PARAM_INVALID")
    assert state(ledger) == snapshot


async def test_out_user_id_with_unknown_card_uses_the_customer_cny_account(
    partner: Partner, ledger: Ledger
) -> None:
    await disbursed_loan(partner, receive_card_no="6222020200000000000", out_user_id="bo")
    assert ledger.balance("a-bo-cny") == Decimal("32000.00")


async def test_id_card_bound_to_another_customer_is_refused(
    partner: Partner, ledger: Ledger
) -> None:
    await disbursed_loan(partner)
    snapshot = state(ledger)
    body = application_body(out_apply_no="P20240611000999", receive_card_no=ALICE_CARD)
    result = await partner.post(APPLY, body)
    assert (result.code, result.sub_code) == ("40002", "PARAM_INVALID")
    assert state(ledger) == snapshot


async def test_query_needs_a_number(partner: Partner) -> None:
    result = await partner.get(APPLY)
    assert (result.code, result.sub_code) == ("40001", "PARAM_MISSING")
    result = await partner.get(f"{APPLY}/AP0000")
    assert (result.code, result.sub_code) == ("40004", "APPLY_NOT_FOUND")


async def test_receive_account_id_instead_of_a_card(partner: Partner, ledger: Ledger) -> None:
    body = application_body(receive_account_id="a-bo-cny", out_user_id="bo")
    del body["receive_card_no"]
    loan_no = await disbursed_loan_from(partner, body)
    loan = (await partner.get(f"/open/v1/loans/{loan_no}")).data
    assert loan["receive_account_id"] == "a-bo-cny"
    assert loan["receive_card_no"] == "622202*********3445"
    assert ledger.balance("a-bo-cny") == Decimal("32000.00")


@pytest.mark.parametrize(
    "overrides",
    [
        {"receive_account_id": "a-bo-gbp"},
        {"receive_account_id": "a-nobody"},
        {"receive_account_id": "a-alice-cny", "out_user_id": "bo"},
        {"receive_account_id": "a-bo-cny", "receive_card_no": ALICE_CARD},
        {"receive_account_id": "sys-loans-CNY"},
    ],
)
async def test_bad_receive_account_id(partner: Partner, ledger: Ledger, overrides: dict) -> None:
    ledger.system_account("loans", "CNY")
    snapshot = state(ledger)
    result = await partner.post(APPLY, application_body(**overrides))
    assert (result.code, result.sub_code) == ("40002", "PARAM_INVALID")
    assert state(ledger) == snapshot


async def disbursed_loan_from(partner: Partner, body: dict) -> str:
    created = (await partner.post(APPLY, body)).data
    await partner.get(f"{APPLY}/{created['apply_no']}")
    decided = (await partner.get(f"{APPLY}/{created['apply_no']}")).data
    assert decided["status"] == "DISBURSED"
    return decided["loan_no"]


async def test_disbursement_to_a_disabled_account_fails_and_moves_nothing(
    partner: Partner, ledger: Ledger
) -> None:
    created = (await partner.post(APPLY, application_body())).data
    await partner.get(f"{APPLY}/{created['apply_no']}")
    with ledger.transaction() as tx:
        tx.set_account_status("a-bo-cny", "Disabled")
    decided = (await partner.get(f"{APPLY}/{created['apply_no']}")).data
    assert decided["status"] == "DISBURSE_FAILED"
    assert decided["decision"]["result"] == "APPROVED"
    assert decided["loan_no"] is None
    assert ledger.balance("a-bo-cny") == Decimal("20000.00")
    assert sum(ledger.totals().values()) == 0
