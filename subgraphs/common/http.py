"""Sending bank requests with timeouts and bounded retries.

Only requests that are safe to repeat are retried on timeouts and 5xx: GETs and POSTs the bank
de-duplicates by an idempotency key (`idempotent=True`). Any request is retried on a connect
failure (nothing was sent) or a 429 (the bank refused before acting), honouring `Retry-After`.
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import httpx

from subgraphs.common.errors import BankProtocolError, BankUnavailable

__all__ = ["RetryPolicy", "build_http_client", "decode_json", "send"]

RETRYABLE_STATUS = frozenset({429, 502, 503, 504})


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """How often and how long to retry; `max_delay` caps any wait, Retry-After included."""

    attempts: int = 3
    base_delay: float = 0.1
    max_delay: float = 2.0


def build_http_client(
    base_url: str,
    *,
    timeout: float,
    connect_timeout: float,
    transport: httpx.AsyncBaseTransport | None = None,
    max_connections: int = 20,
) -> httpx.AsyncClient:
    """The one httpx client a bank adapter uses: timeouts, a connection cap, no redirects."""
    return httpx.AsyncClient(
        base_url=base_url,
        timeout=httpx.Timeout(timeout, connect=connect_timeout),
        limits=httpx.Limits(max_connections=max_connections),
        transport=transport,
        follow_redirects=False,
    )


def _retry_delay(response: httpx.Response | None, attempt: int, policy: RetryPolicy) -> float:
    delay = policy.base_delay * (2**attempt)
    if response is not None:
        header = response.headers.get("Retry-After", "")
        if header.isdigit():
            delay = float(header)
    return min(delay, policy.max_delay)


async def send(
    client: httpx.AsyncClient,
    request: httpx.Request,
    *,
    bank: str,
    idempotent: bool,
    policy: RetryPolicy,
    auth: httpx.Auth | None = None,
) -> httpx.Response:
    """Send `request`, retrying as the module docstring says; the body is read.

    Returns the final response whatever its status (4xx/5xx are values); raises BankUnavailable
    when the bank could not be reached after the allowed attempts.
    """
    for attempt in range(policy.attempts):
        last = attempt == policy.attempts - 1
        try:
            response = await client.send(request, auth=auth or httpx.USE_CLIENT_DEFAULT)
        except httpx.ConnectError as error:
            if last:
                raise BankUnavailable(bank, f"cannot connect: {error}") from error
            await asyncio.sleep(_retry_delay(None, attempt, policy))
            continue
        except httpx.TransportError as error:
            if last or not idempotent:
                raise BankUnavailable(bank, f"{type(error).__name__} talking to bank") from error
            await asyncio.sleep(_retry_delay(None, attempt, policy))
            continue
        retry = response.status_code == 429 or (
            idempotent and response.status_code in RETRYABLE_STATUS
        )
        if not retry or last:
            return response
        await asyncio.sleep(_retry_delay(response, attempt, policy))
    raise AssertionError("unreachable: the loop returns or raises on its last attempt")


def decode_json(response: httpx.Response, bank: str) -> Any:
    """The response body as JSON with numbers as Decimal (never float); BankProtocolError if not."""
    try:
        return json.loads(response.content, parse_float=Decimal)
    except ValueError as error:
        raise BankProtocolError(bank, f"non-JSON body (HTTP {response.status_code})") from error
