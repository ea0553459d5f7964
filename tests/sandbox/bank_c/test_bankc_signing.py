"""The signing strings and Authorization header of bank-dialects.md §3.2 and §3.8."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from sandbox.bank_c import signing

EXAMPLE_BODY = (
    '{"out_apply_no":"P20240611000123","product_code":"MICRO_BIZ_01","apply_amount":1200000,'
    '"term_months":12,"repay_method":"EQUAL_INSTALLMENT","loan_purpose":"WORKING_CAPITAL",'
    '"borrower":{"name":"王小明","id_card_no":"510107200006153216","mobile":"13800138123"},'
    '"receive_card_no":"6222020200112233445"}'
).encode()


def test_request_message_is_the_documented_five_lines() -> None:
    message = signing.request_message(
        "POST", "/open/v1/loan/applications", "1718068800",
        "QX7T2M9KD4R8W1ZB6N3P5C0VJ8H2L4YA", EXAMPLE_BODY,
    )  # fmt: skip
    expected = (
        b"POST\n/open/v1/loan/applications\n1718068800\nQX7T2M9KD4R8W1ZB6N3P5C0VJ8H2L4YA\n"
        + EXAMPLE_BODY
        + b"\n"
    )
    assert message == expected
    assert message.count(b"\n") == 5


def test_get_has_an_empty_body_line() -> None:
    message = signing.request_message("get", "/open/v1/loans?borrower_id=B1", "1", "n", b"")
    assert message == b"GET\n/open/v1/loans?borrower_id=B1\n1\nn\n\n"


def test_response_message() -> None:
    assert signing.response_message("1718068800", "abc", b"{}") == b"1718068800\nabc\n{}\n"


def test_sign_and_verify_round_trip() -> None:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    signature = signing.sign(key, b"hello\n")
    assert signing.verify(key.public_key(), b"hello\n", signature)
    assert not signing.verify(key.public_key(), b"hello!\n", signature)
    assert not signing.verify(key.public_key(), b"hello\n", "not base64!")
    assert not signing.verify(key.public_key(), b"hello\n", "")


def test_parse_and_render_authorization() -> None:
    header = (
        'BANKC-SHA256-RSA2048 signature="kP3v==",serial_no="5E1F",timestamp="1718068800",'
        'nonce_str="QX7T2M9KD4R8W1ZB",mchid="1900001234"'
    )
    params = signing.parse_authorization(header)
    assert params == signing.AuthorizationParams(
        "1900001234", "QX7T2M9KD4R8W1ZB", "1718068800", "5E1F", "kP3v=="
    )
    assert signing.parse_authorization(signing.authorization_header(params)) == params


def test_scheme_token_is_configurable() -> None:
    header = (
        'WECHATPAY2-SHA256-RSA2048 mchid="1",nonce_str="n",timestamp="1",serial_no="s",'
        'signature="x"'
    )
    assert signing.parse_authorization(header, "WECHATPAY2-SHA256-RSA2048").mchid == "1"
    with pytest.raises(signing.MalformedAuthorization):
        signing.parse_authorization(header)


@pytest.mark.parametrize(
    "header",
    [
        None,
        "",
        'BANKC-SHA256-RSA2048 mchid="1",mchid="2",nonce_str="n",timestamp="1",serial_no="s",'
        'signature="x"',
        'BANKC-SHA256-RSA2048 mchid="1",nonce_str="n",timestamp="1",serial_no="s",'
        'signature="x",extra="y"',
        'BANKC-SHA256-RSA2048 mchid="1",nonce_str="n",timestamp="1",serial_no="s"',
        "BANKC-SHA256-RSA2048 mchid='1',nonce_str='n',timestamp='1',serial_no='s',signature='x'",
    ],
)
def test_malformed_headers(header: str | None) -> None:
    with pytest.raises(signing.MalformedAuthorization):
        signing.parse_authorization(header)
