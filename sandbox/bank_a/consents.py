"""`/account-access-consents`: create (POST), read (GET) and delete (DELETE) consents.

All three need a client-credentials token of the registered TPP. Bodies are
`OBReadConsent1` in, `OBReadConsentResponse1` out. Creation is not idempotent.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import orjson
from starlette.datastructures import Headers
from starlette.requests import Request
from starlette.responses import Response

from sandbox.bank_a.errors import ObError, field_invalid, field_missing, not_found
from sandbox.bank_a.grants import PERMISSIONS, AccessToken, AuthState, Consent
from sandbox.bank_a.timefmt import london, parse_request_datetime
from sandbox.ledger import Ledger

BASE = "/open-banking/v3.1/aisp"
DATE_FIELDS = ("ExpirationDateTime", "TransactionFromDateTime", "TransactionToDateTime")


def consent_document(consent: Consent, public_url: str) -> dict[str, Any]:
    """`OBReadConsentResponse1` for the consent."""
    data: dict[str, Any] = {
        "ConsentId": consent.consent_id,
        "CreationDateTime": london(consent.created_at),
        "Status": consent.status,
        "StatusUpdateDateTime": london(consent.status_updated_at),
        "Permissions": list(consent.permissions),
    }
    data.update(consent.raw_dates)
    return {
        "Data": data,
        "Risk": {},
        "Links": {"Self": f"{public_url}{BASE}/account-access-consents/{consent.consent_id}"},
        "Meta": {},
    }


def parse_consent_request(body: bytes) -> tuple[tuple[str, ...], dict[str, str]]:
    """Validate an `OBReadConsent1` body; returns (permissions, date fields as sent).
    Raises `ObError` naming the offending path."""
    try:
        document = orjson.loads(body)
    except orjson.JSONDecodeError:
        raise ObError(400, "UK.OBIE.Resource.InvalidFormat", "body is not valid JSON") from None
    if not isinstance(document, dict):
        raise ObError(400, "UK.OBIE.Resource.InvalidFormat", "body must be a JSON object")
    data = document.get("Data")
    if data is None:
        raise field_missing("Data")
    if not isinstance(data, dict):
        raise field_invalid("Data", "Data must be an object")
    if "Risk" not in document:
        raise field_missing("Risk")
    if not isinstance(document["Risk"], dict):
        raise field_invalid("Risk", "Risk must be an object")
    permissions = data.get("Permissions")
    if permissions is None:
        raise field_missing("Data.Permissions")
    if not isinstance(permissions, list) or not permissions:
        raise field_invalid("Data.Permissions", "Permissions must be a non-empty array")
    for item in permissions:
        if not isinstance(item, str) or item not in PERMISSIONS:
            raise field_invalid("Data.Permissions", f"unknown permission {item!r}")
    chosen = set(permissions)
    if chosen & {"ReadTransactionsCredits", "ReadTransactionsDebits"} and not chosen & {
        "ReadTransactionsBasic",
        "ReadTransactionsDetail",
    }:
        raise field_invalid(
            "Data.Permissions",
            "ReadTransactionsCredits/Debits need ReadTransactionsBasic or ReadTransactionsDetail",
        )
    dates: dict[str, str] = {}
    for name in DATE_FIELDS:
        if name in data:
            if parse_request_datetime(data[name]) is None:
                raise ObError(400, "UK.OBIE.Field.InvalidDate", f"{name} is not a date-time",
                              f"Data.{name}")  # fmt: skip
            dates[name] = data[name]
    return tuple(dict.fromkeys(permissions)), dates


class ConsentEndpoints:
    """Consent handlers; `authenticate(request)` returns the client-credentials token."""

    def __init__(
        self,
        state: AuthState,
        ledger: Ledger,
        public_url: str,
        authenticate: Callable[[Headers], AccessToken],
    ) -> None:
        self.state, self.ledger, self.public_url = state, ledger, public_url
        self._authenticate = authenticate

    async def create(self, request: Request) -> Response:
        token = self._authenticate(request.headers)
        content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if content_type != "application/json":
            return Response(status_code=415)
        permissions, dates = parse_consent_request(await request.body())
        now = self.ledger.now()
        consent = Consent(
            consent_id=f"aac-{uuid.uuid4()}",
            client_id=token.client_id,
            permissions=permissions,
            created_at=now,
            status="AwaitingAuthorisation",
            status_updated_at=now,
            expiration=_date(dates, "ExpirationDateTime"),
            transaction_from=_date(dates, "TransactionFromDateTime"),
            transaction_to=_date(dates, "TransactionToDateTime"),
            raw_dates=dates,
        )
        self.state.consents[consent.consent_id] = consent
        return _json(consent_document(consent, self.public_url), 201)

    async def read(self, request: Request) -> Response:
        consent = self._own(request)
        return _json(consent_document(consent, self.public_url), 200)

    async def delete(self, request: Request) -> Response:
        consent = self._own(request)
        self.state.consents[consent.consent_id] = replace(
            consent, status="Revoked", status_updated_at=self.ledger.now()
        )
        return Response(status_code=204)

    def _own(self, request: Request) -> Consent:
        token = self._authenticate(request.headers)
        consent_id = request.path_params["ConsentId"]
        consent = self.state.consents.get(consent_id)
        if consent is None or consent.client_id != token.client_id:
            raise not_found("ConsentId", f"consent {consent_id}")
        return consent


def _date(dates: dict[str, str], name: str) -> Any:
    return parse_request_datetime(dates[name]) if name in dates else None


def _json(document: Any, status: int) -> Response:
    return Response(orjson.dumps(document), status_code=status, media_type="application/json")
