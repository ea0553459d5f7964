"""Contract tests of the product catalogue and the platform certificates."""

from __future__ import annotations

from bankc_world import Partner
from cryptography import x509
from cryptography.hazmat.primitives import serialization

PRODUCT_FIELDS = {
    "product_code", "product_name", "min_amount", "max_amount", "terms", "repay_methods",
    "annual_rate_min", "annual_rate_max", "penalty_rate", "status",
}  # fmt: skip


async def test_products_page_to_the_end(partner: Partner) -> None:
    first = (await partner.get("/open/v1/loan/products?page_no=1&page_size=2")).data
    assert (first["page_no"], first["page_size"], first["total_count"]) == (1, 2, 3)
    second = (await partner.get("/open/v1/loan/products?page_no=2&page_size=2")).data
    items = first["list"] + second["list"]
    assert len(second["list"]) == 1
    assert [item["product_code"] for item in items] == ["AGRI_02", "CONSUMER_03", "MICRO_BIZ_01"]
    assert all(set(item) == PRODUCT_FIELDS for item in items)
    assert items[2] == {
        "product_code": "MICRO_BIZ_01", "product_name": "小微经营贷", "min_amount": 100_000,
        "max_amount": 10_000_000, "terms": [3, 6, 12, 24],
        "repay_methods": ["EQUAL_INSTALLMENT", "EQUAL_PRINCIPAL"], "annual_rate_min": 1825,
        "annual_rate_max": 2400, "penalty_rate": 2737, "status": "ON_SALE",
    }  # fmt: skip
    past = (await partner.get("/open/v1/loan/products?page_no=9")).data
    assert (past["list"], past["total_count"], past["page_size"]) == ([], 3, 20)


async def test_chinese_text_is_sent_unescaped(partner: Partner) -> None:
    result = await partner.get("/open/v1/loan/products")
    assert "小微经营贷".encode() in result.response.content


async def test_certificates(partner: Partner) -> None:
    result = await partner.get("/open/v1/certificates")
    (item,) = result.data["list"]
    assert set(item) == {"serial_no", "effective_time", "expire_time", "public_key_pem"}
    (pinned,) = partner.credentials.platform_certificates
    assert item["serial_no"] == format(pinned.serial_number, "X")
    assert item["serial_no"] == result.response.headers["Bankc-Serial"]
    key = serialization.load_pem_public_key(item["public_key_pem"].encode())
    assert key.public_numbers() == pinned.public_key().public_numbers()
    assert isinstance(pinned, x509.Certificate)
    assert len(item["effective_time"]) == len("2024-06-11 09:15:00")
    assert item["effective_time"] < item["expire_time"]
