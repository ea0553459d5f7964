"""The PIS endpoints for `sepa-credit-transfers`, and the SCA redirect page.

    POST   /v1/payments/sepa-credit-transfers                 initiate (idempotent on X-Request-ID)
    GET    /v1/payments/sepa-credit-transfers[?debtorIban=...] [Sandbox] list, newest first
    GET    /v1/payments/sepa-credit-transfers/{paymentId}     the initiation + transactionStatus
    GET    .../{paymentId}/status                              transactionStatus, fundsAvailable
    GET    .../{paymentId}/authorisations/{authorisationId}   scaStatus
    DELETE .../{paymentId}                                     cancel (204) before execution
    GET    /sca/{authorisationId}?result=ok|nok               the PSU's SCA page (302)

Another product in the path -> 404 `PRODUCT_UNKNOWN`; `bulk-payments` / `periodic-payments`
-> 405 `SERVICE_INVALID`. Unknown payment -> 404 `RESOURCE_UNKNOWN`, another client's -> 403.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
from datetime import timedelta
from typing import Any
from urllib.parse import urlencode

import orjson
from starlette.datastructures import Headers
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from sandbox.bank_b import lifecycle, store
from sandbox.bank_b.calendar import berlin_date
from sandbox.bank_b.errors import Bodiless, TppError, format_error, not_consistent
from sandbox.bank_b.oauth import TokenEndpoint
from sandbox.bank_b.settings import Settings
from sandbox.bank_b.store import Payment
from sandbox.bank_b.validation import (
    Initiation,
    check_psu_ip,
    check_redirect_uri,
    check_request_id,
    parse_initiation,
)
from sandbox.iban import is_valid_iban, normalise_iban
from sandbox.ledger import Account, Ledger, LedgerTx, UnknownAccount, UnknownCustomer

PRODUCT = "sepa-credit-transfers"
BASE = f"/v1/payments/{PRODUCT}"
CANCELLABLE = frozenset({"RCVD", "ACTC", "ACWC", "PDNG"})
REPLAY_WINDOW = timedelta(hours=24)


class PaymentEndpoints:
    """PIS handlers over the ledger (see module docstring)."""

    def __init__(self, settings: Settings, ledger: Ledger, tokens: TokenEndpoint) -> None:
        self.settings, self.ledger, self.tokens = settings, ledger, tokens

    async def initiate(self, request: Request) -> Response:
        client_id = self.tokens.client_id(request.headers)
        headers = request.headers
        request_id = check_request_id(headers.get("x-request-id"))
        if headers.get("content-type", "").split(";")[0].strip().lower() != "application/json":
            raise Bodiless(415)
        check_psu_ip(headers.get("psu-ip-address"))
        check_redirect_uri(headers.get("tpp-redirect-uri"), "TPP-Redirect-URI", required=True)
        check_redirect_uri(headers.get("tpp-nok-redirect-uri"), "TPP-Nok-Redirect-URI",
                           required=False)  # fmt: skip
        body = await request.body()
        _check_digest(headers.get("signature"), headers.get("digest"), body)
        psu_id = _psu_id(headers.get("psu-id"))
        fingerprint = hashlib.sha256(body).hexdigest()
        scope = f"bank_b:{client_id}"
        with self.ledger.transaction() as tx:
            earlier = tx.recall(scope, request_id, not_before=tx.now() - REPLAY_WINDOW)
            if earlier is not None:
                if earlier.fingerprint != fingerprint:
                    raise not_consistent("X-Request-ID",
                                         "X-Request-ID was used with a different body")  # fmt: skip
                payment = store.get(tx, orjson.loads(earlier.response)["paymentId"])
                assert payment is not None
            else:
                initiation = parse_initiation(body, berlin_date(tx.now()))
                payment = self._create(tx, client_id, psu_id, request_id, initiation, headers)
                tx.remember(scope, request_id, fingerprint,
                            orjson.dumps({"paymentId": payment.payment_id}))  # fmt: skip
            payment = self._advance(tx, payment)
        return self._created(payment, request_id)

    async def list_payments(self, request: Request) -> Response:
        """[Sandbox] The calling client's payments for the `PSU-ID`, newest first, in one
        response: from the accounts named by (repeatable) `debtorIban`, or from every
        account of the PSU when it is absent."""
        client_id = self.tokens.client_id(request.headers)
        check_request_id(request.headers.get("x-request-id"))
        psu_id = _psu_id(request.headers.get("psu-id"))
        ibans = request.query_params.getlist("debtorIban")
        if not all(is_valid_iban(iban) for iban in ibans):
            raise format_error("debtorIban", "debtorIban must be a valid IBAN")
        with self.ledger.transaction() as tx:
            _psu(tx, psu_id)
            accounts = {_debtor_account(tx, psu_id, normalise_iban(iban), "debtorIban").id
                        for iban in ibans}  # fmt: skip
            found = store.by_psu(tx, client_id, psu_id)
            chosen = [p for p in found if not accounts or p.debtor_account_id in accounts]
            payments = [self._advance(tx, p) for p in chosen]
        return _json({"payments": [_resource(p) for p in payments]})

    async def read(self, request: Request) -> Response:
        with self.ledger.transaction() as tx:
            payment = self._readable(tx, request, seen=True)
        return _json(_resource(payment))

    async def status(self, request: Request) -> Response:
        with self.ledger.transaction() as tx:
            payment = self._readable(tx, request, seen=True)
        body: dict[str, Any] = {"transactionStatus": payment.status}
        if payment.funds_available is not None:
            body["fundsAvailable"] = payment.funds_available
        if payment.psu_message:
            body["psuMessage"] = payment.psu_message
        return _json(body)

    async def authorisation(self, request: Request) -> Response:
        with self.ledger.transaction() as tx:
            payment = self._readable(tx, request, seen=False)
        if request.path_params["authorisationId"] != payment.authorisation_id:
            raise TppError(404, "RESOURCE_UNKNOWN", "unknown authorisationId")
        return _json({"scaStatus": payment.sca_status})

    async def cancel(self, request: Request) -> Response:
        with self.ledger.transaction() as tx:
            payment = self._readable(tx, request, seen=False)
            if payment.status not in CANCELLABLE:
                text = f"a payment in status {payment.status} cannot be cancelled"
                raise TppError(405, "CANCELLATION_INVALID", text)
            lifecycle.cancel(tx, payment)
        return Response(status_code=204)

    async def sca_page(self, request: Request) -> Response:
        result = request.query_params.get("result")
        if result not in {"ok", "nok"}:
            raise format_error("result", "result must be ok or nok")
        with self.ledger.transaction() as tx:
            payment = store.by_authorisation(tx, request.path_params["authorisationId"])
            if payment is None:
                raise TppError(404, "RESOURCE_UNKNOWN", "unknown authorisation")
            payment = self._advance(tx, payment)
            payment = lifecycle.finish_sca(tx, payment, approved=result == "ok")
        ok = payment.sca_status == "finalised"
        target = payment.redirect_uri if ok else payment.nok_redirect_uri or payment.redirect_uri
        query = urlencode({"paymentId": payment.payment_id, "scaStatus": payment.sca_status})
        separator = "&" if "?" in target else "?"
        return RedirectResponse(f"{target}{separator}{query}", status_code=302)

    async def unknown_product(self, request: Request) -> Response:
        self.tokens.client_id(request.headers)
        params = request.path_params
        if params["service"] in {"bulk-payments", "periodic-payments"} or (
            params["service"] == "payments" and params["product"] == PRODUCT
        ):
            raise TppError(405, "SERVICE_INVALID", "this payment service is not offered")
        raise TppError(404, "PRODUCT_UNKNOWN", "this payment product is not offered")

    def advance_all(self) -> int:
        """Advance every payment not yet final (the background tick); returns how many."""
        with self.ledger.transaction() as tx:
            for payment_id in store.open_ids(tx):
                payment = store.get(tx, payment_id)
                assert payment is not None
                self._advance(tx, payment)
            return len(store.open_ids(tx))

    def _create(self, tx: LedgerTx, client_id: str, psu_id: str, request_id: str,
                initiation: Initiation, headers: Headers) -> Payment:  # fmt: skip
        debtor = _debtor_account(tx, psu_id, initiation.debtor_iban, "debtorAccount.iban")
        creditor = _creditor_account(tx, initiation.creditor_iban)
        if creditor is not None and creditor.id == debtor.id:
            raise not_consistent("creditorAccount.iban", "creditor and debtor are the same")
        now = tx.now()
        payment = Payment(
            payment_id=f"pmt-{secrets.token_hex(8)}",
            client_id=client_id, psu_id=psu_id, request_id=request_id,
            document=initiation.document, debtor_account_id=debtor.id,
            creditor_iban=initiation.creditor_iban,
            creditor_account_id=creditor.id if creditor else None,
            amount=initiation.amount, execution_date=initiation.execution_date,
            date_moved=initiation.date_moved, status="RCVD", status_changed_at=now,
            status_seen=False, sca_status="received",
            authorisation_id=f"auth-{secrets.token_hex(8)}",
            redirect_uri=headers["tpp-redirect-uri"],
            nok_redirect_uri=headers.get("tpp-nok-redirect-uri"),
            funds_available=None, psu_message=None, transfer_id=None, created_at=now,
        )  # fmt: skip
        store.insert(tx, payment)
        return payment

    def _readable(self, tx: LedgerTx, request: Request, *, seen: bool) -> Payment:
        client_id = self.tokens.client_id(request.headers)
        check_request_id(request.headers.get("x-request-id"))
        psu_id = _psu_id(request.headers.get("psu-id"))
        payment = store.get(tx, request.path_params["paymentId"])
        if payment is None:
            raise TppError(404, "RESOURCE_UNKNOWN", "unknown paymentId")
        if payment.client_id != client_id:
            raise TppError(403, "RESOURCE_UNKNOWN", "the payment belongs to another client")
        # One client (the TPP) acts for many PSUs: none may see or cancel another's payment.
        if payment.psu_id != psu_id:
            raise TppError(403, "RESOURCE_UNKNOWN", "the payment belongs to another PSU")
        payment = self._advance(tx, payment)
        return lifecycle.mark_seen(tx, payment) if seen else payment

    def _advance(self, tx: LedgerTx, payment: Payment) -> Payment:
        s = self.settings
        return lifecycle.advance(tx, payment, step_seconds=s.step_seconds, auto_sca=s.auto_sca,
                                 sca_timeout_seconds=s.sca_timeout_seconds)  # fmt: skip

    def _created(self, payment: Payment, request_id: str) -> Response:
        own = f"{BASE}/{payment.payment_id}"
        body = {
            "transactionStatus": payment.status,
            "paymentId": payment.payment_id,
            "_links": {
                "scaRedirect": {
                    "href": f"{self.settings.public_url}/sca/{payment.authorisation_id}"
                },
                "self": {"href": own},
                "status": {"href": f"{own}/status"},
                "scaStatus": {"href": f"{own}/authorisations/{payment.authorisation_id}"},
            },
        }
        headers = {"Location": own, "ASPSP-SCA-Approach": "REDIRECT", "X-Request-ID": request_id}
        return Response(orjson.dumps(body), status_code=201, media_type="application/json",
                        headers=headers)  # fmt: skip


def _resource(payment: Payment) -> dict[str, Any]:
    return {**payment.document, "paymentId": payment.payment_id,
            "transactionStatus": payment.status}  # fmt: skip


def _psu_id(value: str | None) -> str:
    if not value:
        raise format_error("PSU-ID", "PSU-ID header is missing")
    return value


def _psu(tx: LedgerTx, psu_id: str) -> None:
    """Raises 401 `PSU_CREDENTIALS_INVALID` for a `PSU-ID` that is no customer."""
    try:
        tx.customer(psu_id)
    except UnknownCustomer:
        raise TppError(401, "PSU_CREDENTIALS_INVALID", "PSU-ID is not known") from None


def _debtor_account(tx: LedgerTx, psu_id: str, iban: str, path: str) -> Account:
    _psu(tx, psu_id)
    try:
        account = tx.account_by_iban(iban)
    except UnknownAccount:
        account = None
    if account is None or account.customer_id != psu_id or account.bank != "A":
        raise not_consistent(path, "the debtor account is not an account of the PSU")
    if account.currency != "EUR":
        raise not_consistent(path, "the debtor account is not a EUR account")
    return account


def _creditor_account(tx: LedgerTx, iban: str) -> Account | None:
    try:
        account = tx.account_by_iban(iban)
    except UnknownAccount:
        return None
    if account.currency != "EUR":
        raise not_consistent("creditorAccount.iban", "the creditor account is not in EUR")
    return account


def _check_digest(signature: str | None, digest: str | None, body: bytes) -> None:
    """With a `Signature`, `Digest: SHA-256=<base64>` must match the body."""
    if signature is None:
        return
    expected = "SHA-256=" + base64.b64encode(hashlib.sha256(body).digest()).decode()
    if digest is None or digest.strip() != expected:
        raise TppError(401, "SIGNATURE_INVALID", "Digest is missing or does not match the body")


def _json(document: Any, status: int = 200) -> Response:
    return Response(orjson.dumps(document), status_code=status, media_type="application/json")
