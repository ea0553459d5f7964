"""Bank C over the deterministic demo world of ``sandbox.seed`` and its generated credentials:
the contract's borrower binding and a heavy customer's 50+ loans paged to the end."""

from __future__ import annotations

import datetime as dt

import httpx
from bankc_world import Clock, Partner
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from sandbox.bank_c import PartnerCredentials, Settings, create_app
from sandbox.credentials import generate_credentials
from sandbox.ledger import Ledger
from sandbox.seed import seed_world


async def test_demo_customers_at_bank_c() -> None:
    clock = Clock(dt.datetime(2024, 6, 11, 1, 20, tzinfo=dt.UTC))
    credentials = generate_credentials()
    creds = credentials.bank_c
    key = serialization.load_pem_private_key(str(creds.partner_private_key_pem).encode(), None)
    assert isinstance(key, rsa.RSAPrivateKey)
    holder = PartnerCredentials(
        creds.mchid, key, x509.load_pem_x509_certificate(creds.partner_cert_pem.encode()),
        (x509.load_pem_x509_certificate(creds.platform_cert_pem.encode()),),
    )  # fmt: skip
    with Ledger.open(":memory:", clock=clock) as ledger:
        app = create_app(Settings.from_mapping({}, credentials=credentials, public_url="x"), ledger)
        seed_world(ledger)
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://bank-c.test") as http:
            partner = Partner(http, holder, clock)
            bo = (await partner.get("/open/v1/borrowers?out_user_id=bo")).data
            loans = (await partner.get(f"/open/v1/loans?borrower_id={bo['borrower_id']}")).data
            assert loans["total_count"] >= 1
            loan = loans["list"][0]
            plans = await partner.get(f"/open/v1/loans/{loan['loan_no']}/repay-plans")
            assert len(plans.data["list"]) == loan["term_months"]
            heavy = (await partner.get("/open/v1/borrowers?out_user_id=heavy")).data
            seen, page_no, total = set(), 1, None
            while page_no < 20:
                page = (await partner.get(
                    f"/open/v1/loans?borrower_id={heavy['borrower_id']}&page_size=20"
                    f"&page_no={page_no}"
                )).data  # fmt: skip
                total = page["total_count"]
                seen |= {item["loan_no"] for item in page["list"]}
                if page_no * page["page_size"] >= total:
                    break
                page_no += 1
            assert total is not None and total >= 50
            assert len(seen) == total
            alice = await partner.get("/open/v1/borrowers?out_user_id=alice")
            assert alice.sub_code == "BORROWER_NOT_FOUND"
        assert all(amount == 0 for amount in ledger.totals().values())
