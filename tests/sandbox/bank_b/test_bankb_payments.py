"""Bank B PIS contract: token, initiation, reads, idempotency, status progression with
settlement in the ledger, future dates, cancellation, SCA, list, products, faults."""

from __future__ import annotations

import base64
import hashlib
import uuid
from decimal import Decimal

import httpx
import orjson
from bankb_client import EXTERNAL, PIS, URL, BankB, eur_account, payment_body
from starlette.datastructures import Secret

from sandbox.bank_b import Settings, create_app
from sandbox.credentials import Credentials, OAuthClient
from sandbox.ledger import Ledger


async def statuses(bank_b: BankB, payment_id: str, polls: int) -> list[str]:
    seen = []
    for _ in range(polls):
        response = await bank_b.get(f"{PIS}/{payment_id}/status")
        seen.append(response.json()["transactionStatus"])
    return seen


async def test_token_endpoint(bank_b: BankB) -> None:
    good = await bank_b.http.post(
        "/oauth2/token",
        data={
            "grant_type": "client_credentials",
            "scope": "PIS",
            "client_id": bank_b.client_id,
            "client_secret": bank_b.secret,
        },
    )
    assert good.json()["token_type"] == "Bearer" and good.json()["scope"] == "PIS"
    basic = await bank_b.http.post(
        "/oauth2/token",
        data={"grant_type": "client_credentials"},
        auth=(bank_b.client_id, bank_b.secret),
    )
    assert (basic.status_code, basic.json()["error"]) == (401, "invalid_client")
    grant = await bank_b.http.post(
        "/oauth2/token",
        data={
            "grant_type": "authorization_code",
            "client_id": bank_b.client_id,
            "client_secret": bank_b.secret,
        },
    )
    assert grant.json()["error"] == "unsupported_grant_type"


async def test_initiation_response_shape(bank_b: BankB, ledger: Ledger) -> None:
    headers = await bank_b.headers()
    body = payment_body(eur_account(ledger, "alice").iban or "")
    response = await bank_b.http.post(PIS, json=body, headers=headers)
    document = response.json()
    payment_id = document["paymentId"]
    assert response.status_code == 201 and document["transactionStatus"] == "RCVD"
    assert response.headers["X-Request-ID"] == headers["X-Request-ID"]
    assert response.headers["Location"] == f"{PIS}/{payment_id}"
    assert response.headers["ASPSP-SCA-Approach"] == "REDIRECT"
    links = document["_links"]
    assert set(links) == {"scaRedirect", "self", "status", "scaStatus"}
    assert links["scaRedirect"]["href"].startswith(f"{URL}/sca/")
    assert links["self"]["href"] == f"{PIS}/{payment_id}"
    assert links["status"]["href"] == f"{PIS}/{payment_id}/status"
    read = await bank_b.get(f"{PIS}/{payment_id}")
    assert read.json() == {**body, "paymentId": payment_id, "transactionStatus": "RCVD"}
    assert read.headers["X-Request-ID"]
    sca = await bank_b.get(links["scaStatus"]["href"])
    assert sca.json() == {"scaStatus": "finalised"}  # auto-approved on the way


async def test_each_poll_takes_one_step_and_settles_once(bank_b: BankB, ledger: Ledger) -> None:
    debtor = eur_account(ledger, "alice")
    before = ledger.balance(debtor.id)
    created = await bank_b.initiate(payment_body(debtor.iban or "", amount="99.95"))
    payment_id = created.json()["paymentId"]
    seen = await statuses(bank_b, payment_id, 6)
    assert seen == ["RCVD", "ACTC", "ACSP", "ACSC", "ACSC", "ACSC"]
    assert ledger.balance(debtor.id) == before - Decimal("99.95")
    entry = ledger.entries(debtor.id)[0]
    assert (entry.kind, entry.amount, entry.details["counterparty_iban"]) == (
        "sepa_credit_transfer",
        Decimal("-99.95"),
        EXTERNAL,
    )
    final = await bank_b.get(f"{PIS}/{payment_id}/status")
    assert final.json() == {"transactionStatus": "ACSC", "fundsAvailable": True}


async def test_time_moves_payments_nobody_polls(
    bank_b: BankB, bank_b_app, ledger: Ledger, clock
) -> None:
    debtor = eur_account(ledger, "alice")
    created = await bank_b.initiate(payment_body(debtor.iban or ""))
    payments = bank_b_app.state.payments
    for _ in range(3):
        clock.advance(2)
        payments.advance_all()
    assert (await statuses(bank_b, created.json()["paymentId"], 1)) == ["ACSC"]
    assert payments.advance_all() == 0


async def test_internal_creditor_is_credited(bank_b: BankB, ledger: Ledger) -> None:
    bo = eur_account(ledger, "bo")
    before = ledger.balance(bo.id)
    body = payment_body(
        eur_account(ledger, "alice").iban or "", amount="10.00", creditorAccount={"iban": bo.iban}
    )
    payment_id = (await bank_b.initiate(body)).json()["paymentId"]
    await statuses(bank_b, payment_id, 4)
    assert ledger.balance(bo.id) == before + Decimal("10.00")
    assert all(total == 0 for total in ledger.totals().values())


async def test_insufficient_funds_rejects_at_execution(bank_b: BankB, ledger: Ledger) -> None:
    debtor = eur_account(ledger, "alice")
    before = ledger.balance(debtor.id)
    amount = str(before + Decimal("0.01"))
    payment_id = (await bank_b.initiate(payment_body(debtor.iban or "", amount=amount))).json()[
        "paymentId"
    ]
    assert await statuses(bank_b, payment_id, 3) == ["RCVD", "ACTC", "RJCT"]
    status = (await bank_b.get(f"{PIS}/{payment_id}/status")).json()
    assert status["fundsAvailable"] is False and status["psuMessage"]
    assert ledger.balance(debtor.id) == before


async def test_same_request_id_replays_different_body_conflicts(
    bank_b: BankB, ledger: Ledger, clock
) -> None:
    debtor = eur_account(ledger, "alice")
    headers = await bank_b.headers()
    body = payment_body(debtor.iban or "", amount="20.00")
    first = await bank_b.http.post(PIS, json=body, headers=headers)
    await statuses(bank_b, first.json()["paymentId"], 4)
    again = await bank_b.http.post(PIS, json=body, headers=headers)
    assert again.status_code == 201
    assert again.json()["paymentId"] == first.json()["paymentId"]
    assert again.json()["transactionStatus"] == "ACSC"
    assert again.headers["Location"] == first.headers["Location"]
    payment_id = first.json()["paymentId"]
    moved = [e for e in ledger.entries(debtor.id) if e.details.get("payment_id") == payment_id]
    assert len(moved) == 1
    changed = await bank_b.http.post(
        PIS, json={**body, "creditorName": "Someone Else"}, headers=headers
    )
    assert changed.status_code == 400
    assert changed.json()["tppMessages"][0]["code"] == "PARAMETER_NOT_CONSISTENT"
    clock.advance(24 * 3600 + 1)
    bank_b.token = None  # the old access token expired too
    headers = {**headers, **(await bank_b.auth())}
    later = await bank_b.http.post(PIS, json=body, headers=headers)
    assert later.status_code == 201 and later.json()["paymentId"] != first.json()["paymentId"]


async def test_future_dated_payment_waits_in_pdng(bank_b: BankB, ledger: Ledger, clock) -> None:
    debtor = eur_account(ledger, "alice")
    before = ledger.balance(debtor.id)
    body = payment_body(debtor.iban or "", amount="5.00", requestedExecutionDate="2026-06-17")
    payment_id = (await bank_b.initiate(body)).json()["paymentId"]
    assert await statuses(bank_b, payment_id, 5) == ["RCVD", "ACTC", "PDNG", "PDNG", "PDNG"]
    assert ledger.balance(debtor.id) == before
    clock.advance(2 * 24 * 3600)
    bank_b.token = None
    assert await statuses(bank_b, payment_id, 2) == ["ACSP", "ACSC"]
    assert ledger.balance(debtor.id) == before - Decimal("5.00")


async def test_weekend_date_is_moved_with_acwc(bank_b: BankB, ledger: Ledger) -> None:
    body = payment_body(
        eur_account(ledger, "alice").iban or "", requestedExecutionDate="2026-06-20"
    )  # a Saturday
    payment_id = (await bank_b.initiate(body)).json()["paymentId"]
    assert await statuses(bank_b, payment_id, 3) == ["RCVD", "ACWC", "PDNG"]


async def test_cancel_before_execution_only(bank_b: BankB, ledger: Ledger) -> None:
    debtor = eur_account(ledger, "alice")
    before = ledger.balance(debtor.id)
    payment_id = (await bank_b.initiate(payment_body(debtor.iban or ""))).json()["paymentId"]
    deleted = await bank_b.http.delete(f"{PIS}/{payment_id}", headers=await bank_b.headers())
    assert (deleted.status_code, deleted.content) == (204, b"")
    assert await statuses(bank_b, payment_id, 3) == ["CANC"] * 3
    assert ledger.balance(debtor.id) == before
    done = (await bank_b.initiate(payment_body(debtor.iban or ""))).json()["paymentId"]
    await statuses(bank_b, done, 4)
    refused = await bank_b.http.delete(f"{PIS}/{done}", headers=await bank_b.headers())
    assert refused.status_code == 405
    assert refused.json()["tppMessages"][0]["code"] == "CANCELLATION_INVALID"


async def test_unknown_and_foreign_payments(
    bank_b: BankB, ledger: Ledger, credentials: Credentials
) -> None:
    missing = await bank_b.get(f"{PIS}/pmt-nope")
    assert missing.status_code == 404
    assert missing.json()["tppMessages"][0]["code"] == "RESOURCE_UNKNOWN"
    payment_id = (
        await bank_b.initiate(payment_body(eur_account(ledger, "alice").iban or ""))
    ).json()["paymentId"]
    other = OAuthClient("other-tpp", Secret("other-secret"))
    other_app = create_app(Settings(public_url=URL, client=other, step_seconds=2), ledger)
    transport = httpx.ASGITransport(app=other_app)
    async with httpx.AsyncClient(transport=transport, base_url=URL) as client:
        token = (
            await client.post(
                "/oauth2/token",
                data={
                    "grant_type": "client_credentials",
                    "client_id": "other-tpp",
                    "client_secret": "other-secret",
                },
            )
        ).json()["access_token"]
        response = await client.get(
            f"{PIS}/{payment_id}",
            headers={
                "Authorization": f"Bearer {token}",
                "X-Request-ID": str(uuid.uuid4()),
                "PSU-ID": "alice",
            },
        )
    assert response.status_code == 403
    assert response.json()["tppMessages"][0]["code"] == "RESOURCE_UNKNOWN"


async def test_another_psu_can_neither_read_nor_cancel_a_payment(
    bank_b: BankB, ledger: Ledger
) -> None:
    created = await bank_b.initiate(payment_body(eur_account(ledger, "alice").iban or ""))
    own = f"{PIS}/{created.json()['paymentId']}"
    for path in (own, f"{own}/status"):
        response = await bank_b.get(path, psu="bo")
        assert response.status_code == 403
        assert response.json()["tppMessages"][0]["code"] == "RESOURCE_UNKNOWN"
    cancelled = await bank_b.http.delete(own, headers=await bank_b.headers("bo"))
    assert cancelled.status_code == 403
    still = await bank_b.get(f"{own}/status")
    assert still.json()["transactionStatus"] != "CANC"


async def test_reads_need_request_id_and_token(bank_b: BankB, clock) -> None:
    auth = await bank_b.auth()
    missing_id = await bank_b.http.get(f"{PIS}/pmt-x/status", headers=auth)
    assert missing_id.json()["tppMessages"][0]["path"] == "X-Request-ID"
    clock.advance(3601)
    expired = await bank_b.get(f"{PIS}/pmt-x/status")
    assert expired.status_code == 401
    assert expired.json()["tppMessages"][0]["code"] == "TOKEN_EXPIRED"


async def test_list_payments_of_a_debtor_account(bank_b: BankB, ledger: Ledger) -> None:
    iban = eur_account(ledger, "alice").iban or ""
    ids = [
        (await bank_b.initiate(payment_body(iban, amount=f"{n}.00"))).json()["paymentId"]
        for n in (1, 2, 3)
    ]
    listed = await bank_b.http.get(PIS, params={"debtorIban": iban}, headers=await bank_b.headers())
    listed_ids = [p["paymentId"] for p in listed.json()["payments"]]
    assert listed_ids[:3] == ids[::-1] and len(listed_ids) == len(set(listed_ids)) > 3
    foreign = await bank_b.http.get(
        PIS, params={"debtorIban": eur_account(ledger, "bo").iban}, headers=await bank_b.headers()
    )
    assert foreign.json()["tppMessages"][0]["code"] == "PARAMETER_NOT_CONSISTENT"
    invalid = await bank_b.http.get(
        PIS, params={"debtorIban": "DE00123"}, headers=await bank_b.headers()
    )
    assert invalid.json()["tppMessages"][0]["path"] == "debtorIban"


async def test_list_payments_of_the_whole_psu(bank_b: BankB, ledger: Ledger) -> None:
    eur = [a for a in ledger.accounts("heavy", bank="A") if a.currency == "EUR"]
    newest = (await bank_b.initiate(payment_body(eur[1].iban or ""), psu="heavy")).json()
    headers = await bank_b.headers("heavy")
    everything = (await bank_b.http.get(PIS, headers=headers)).json()["payments"]
    assert len(everything) == 71 and everything[0]["paymentId"] == newest["paymentId"]
    per_account = {}
    for account in eur:
        listed = await bank_b.http.get(PIS, params={"debtorIban": account.iban},
                                       headers=await bank_b.headers("heavy"))  # fmt: skip
        per_account[account.iban] = listed.json()["payments"]
    for iban, items in per_account.items():
        assert items == [p for p in everything if p["debtorAccount"]["iban"] == iban]
    two = [("debtorIban", eur[0].iban or ""), ("debtorIban", eur[1].iban or "")]
    both = (await bank_b.http.get(PIS, params=two, headers=headers)).json()["payments"]
    assert both == [p for p in everything if p["debtorAccount"]["iban"] in {v for _, v in two}]
    assert len(both) == 11
    alice = (await bank_b.http.get(PIS, headers=await bank_b.headers("alice"))).json()
    assert {p["paymentId"] for p in alice["payments"]}.isdisjoint(
        p["paymentId"] for p in everything
    )
    unknown = await bank_b.http.get(PIS, headers=await bank_b.headers("nobody"))
    assert unknown.status_code == 401
    assert unknown.json()["tppMessages"][0]["code"] == "PSU_CREDENTIALS_INVALID"
    mixed = [*two, ("debtorIban", eur_account(ledger, "bo").iban or "")]
    refused = await bank_b.http.get(PIS, params=mixed, headers=headers)
    assert refused.json()["tppMessages"][0]["code"] == "PARAMETER_NOT_CONSISTENT"


async def test_other_products_and_services(bank_b: BankB, ledger: Ledger) -> None:
    body = payment_body(eur_account(ledger, "alice").iban or "")
    headers = await bank_b.headers()
    product = await bank_b.http.post(
        "/v1/payments/instant-sepa-credit-transfers", json=body, headers=headers
    )
    assert (product.status_code, product.json()["tppMessages"][0]["code"]) == (
        404,
        "PRODUCT_UNKNOWN",
    )
    for service in ("bulk-payments", "periodic-payments"):
        response = await bank_b.http.post(
            f"/v1/{service}/sepa-credit-transfers", json=body, headers=headers
        )
        assert (response.status_code, response.json()["tppMessages"][0]["code"]) == (
            405,
            "SERVICE_INVALID",
        )


async def test_digest_with_signature(bank_b: BankB, ledger: Ledger) -> None:
    raw = orjson.dumps(payment_body(eur_account(ledger, "alice").iban or ""))
    digest = "SHA-256=" + base64.b64encode(hashlib.sha256(raw).digest()).decode()
    headers = {
        **(await bank_b.headers()),
        "Content-Type": "application/json",
        "Signature": 'keyId="tpp",signature="x"',
        "Digest": digest,
    }
    assert (await bank_b.http.post(PIS, content=raw, headers=headers)).status_code == 201


async def test_manual_sca(ledger: Ledger, credentials: Credentials, clock) -> None:
    app = create_app(
        Settings(public_url=URL, client=credentials.bank_b, step_seconds=0, auto_sca=False), ledger
    )
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url=URL) as client:
        bank_b = BankB(client, credentials)
        iban = eur_account(ledger, "alice").iban or ""
        ok = (await bank_b.initiate(payment_body(iban))).json()
        assert await statuses(bank_b, ok["paymentId"], 2) == ["RCVD", "RCVD"]
        redirect = await client.get(ok["_links"]["scaRedirect"]["href"], params={"result": "ok"})
        assert redirect.status_code == 302
        assert redirect.headers["location"].startswith("https://tpp.test/ok?")
        assert await statuses(bank_b, ok["paymentId"], 1) == ["ACSC"]
        nok = (await bank_b.initiate(payment_body(iban))).json()
        failed = await client.get(nok["_links"]["scaRedirect"]["href"], params={"result": "nok"})
        assert failed.headers["location"].startswith("https://tpp.test/nok?")
        assert await statuses(bank_b, nok["paymentId"], 1) == ["RJCT"]
        abandoned = (await bank_b.initiate(payment_body(iban))).json()
        clock.advance(901)
        assert await statuses(bank_b, abandoned["paymentId"], 1) == ["RJCT"]
        sca = await bank_b.get(abandoned["_links"]["scaStatus"]["href"])
        assert sca.json() == {"scaStatus": "failed"}


async def test_throttling_is_a_bare_429(bank_b: BankB, bank_b_app) -> None:
    admin = await bank_b.http.put("/_sandbox/faults", json={"rate_limit_per_second": 1})
    assert admin.status_code == 200
    await bank_b.auth()
    codes = [(await bank_b.get(f"{PIS}/pmt-x/status")).status_code for _ in range(3)]
    assert 429 in codes
    throttled = await bank_b.get(f"{PIS}/pmt-x/status")
    assert throttled.content == b"" and "Retry-After" not in throttled.headers
