"""Request metrics in the Prometheus text format, per app (no global registry).

`Metrics` counts responses by status, observes their latency in a histogram and counts GraphQL
errors by ``extensions.code``; `MetricsMiddleware` (plain ASGI) feeds it for every HTTP request
to the GraphQL path, including those answered by other middleware (401, 429, CSRF).
`Metrics.render` is the ``/metrics`` body.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterable
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["CONTENT_TYPE", "Metrics", "MetricsMiddleware"]

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
_PREFIX = "bankgraph_gateway"


class Metrics:
    """Counters and one latency histogram; all updates happen on the event loop."""

    def __init__(self) -> None:
        self._responses: Counter[int] = Counter()
        self._errors: Counter[str] = Counter()
        self._bucket_counts = [0] * len(_BUCKETS)
        self._duration_sum = 0.0
        self._duration_count = 0

    def observe(self, status: int, seconds: float) -> None:
        self._responses[status] += 1
        self._duration_sum += seconds
        self._duration_count += 1
        for index, bound in enumerate(_BUCKETS):
            if seconds <= bound:
                self._bucket_counts[index] += 1

    def count_errors(self, errors: Iterable[Any]) -> None:
        """Count response errors by ``extensions.code`` (``UNKNOWN`` without one)."""
        for error in errors:
            extensions = error.get("extensions") if isinstance(error, dict) else None
            code = extensions.get("code") if isinstance(extensions, dict) else None
            self._errors[code if isinstance(code, str) else "UNKNOWN"] += 1

    def render(self) -> str:
        lines = [
            f"# HELP {_PREFIX}_responses_total GraphQL endpoint responses by HTTP status.",
            f"# TYPE {_PREFIX}_responses_total counter",
        ]
        lines += [
            f'{_PREFIX}_responses_total{{status="{status}"}} {count}'
            for status, count in sorted(self._responses.items())
        ]
        lines += [
            f"# HELP {_PREFIX}_errors_total GraphQL errors sent to clients by code.",
            f"# TYPE {_PREFIX}_errors_total counter",
        ]
        lines += [
            f'{_PREFIX}_errors_total{{code="{code}"}} {count}'
            for code, count in sorted(self._errors.items())
        ]
        name = f"{_PREFIX}_request_duration_seconds"
        lines += [
            f"# HELP {name} Time from request to the end of the response.",
            f"# TYPE {name} histogram",
        ]
        lines += [
            f'{name}_bucket{{le="{bound}"}} {count}'
            for bound, count in zip(_BUCKETS, self._bucket_counts, strict=True)
        ]
        lines += [
            f'{name}_bucket{{le="+Inf"}} {self._duration_count}',
            f"{name}_sum {self._duration_sum}",
            f"{name}_count {self._duration_count}",
        ]
        return "\n".join(lines) + "\n"


class MetricsMiddleware:
    """Observes status and latency of HTTP requests to ``path``."""

    def __init__(self, app: ASGIApp, metrics: Metrics, *, path: str) -> None:
        self.app = app
        self.metrics = metrics
        self.path = path

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] != self.path:
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        status = 500  # if the app fails before answering, the server answers 500

        async def observe_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, observe_status)
        finally:
            self.metrics.observe(status, time.perf_counter() - start)
