"""Fault injection middleware: latency, errors, hangs, throttling, admin endpoint."""

from __future__ import annotations

import httpx
import pytest
from starlette.applications import Starlette
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from sandbox.faults import FaultHooks, FaultInjection, FaultSettings


class Recorder:
    def __init__(self) -> None:
        self.sleeps: list[float] = []
        self.now = 100.0

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)

    def monotonic(self) -> float:
        return self.now


def build(settings: FaultSettings, recorder: Recorder) -> FaultInjection:
    async def hello(request: object) -> Response:
        return PlainTextResponse("hello")

    hooks = FaultHooks(
        throttled=lambda: Response(b"slow down", status_code=429, headers={"Retry-After": "7"}),
        server_error=lambda status: Response(b"dialect error", status_code=status),
    )
    return FaultInjection(
        Starlette(routes=[Route("/", hello)]),
        settings=settings,
        hooks=hooks,
        monotonic=recorder.monotonic,
        sleep=recorder.sleep,
    )


def client(app: FaultInjection) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://bank.test")


async def test_off_by_default() -> None:
    recorder = Recorder()
    async with client(build(FaultSettings(), recorder)) as http:
        responses = [await http.get("/") for _ in range(20)]
    assert {r.status_code for r in responses} == {200} and recorder.sleeps == []


async def test_latency_and_hangs_delay_requests() -> None:
    recorder = Recorder()
    settings = FaultSettings(latency_ms=250, hang_rate=1.0, hang_seconds=30)
    async with client(build(settings, recorder)) as http:
        assert (await http.get("/")).text == "hello"
    assert recorder.sleeps == [0.25, 30]


async def test_error_rate_uses_the_dialect_hook_reproducibly() -> None:
    settings = FaultSettings(error_rate=0.5, error_status=502, seed=3)
    runs = []
    for _ in range(2):
        async with client(build(settings, Recorder())) as http:
            runs.append([(await http.get("/")).status_code for _ in range(30)])
    assert runs[0] == runs[1] and set(runs[0]) == {200, 502}
    async with client(build(FaultSettings(error_rate=1.0), Recorder())) as http:
        failed = await http.get("/")
    assert (failed.status_code, failed.content) == (503, b"dialect error")


async def test_rate_limit_per_client_and_second() -> None:
    recorder = Recorder()
    async with client(build(FaultSettings(rate_limit_per_second=2), recorder)) as http:
        codes = [
            (await http.get("/", headers={"Authorization": "Bearer a"})).status_code
            for _ in range(3)
        ]
        other = await http.get("/", headers={"Authorization": "Bearer b"})
        throttled = await http.get("/", headers={"Authorization": "Bearer a"})
        recorder.now += 1
        later = await http.get("/", headers={"Authorization": "Bearer a"})
    assert codes == [200, 200, 429] and other.status_code == 200
    assert throttled.headers["Retry-After"] == "7" and later.status_code == 200


async def test_admin_endpoint_reads_replaces_and_resets() -> None:
    app = build(FaultSettings(latency_ms=5), Recorder())
    async with client(app) as http:
        assert (await http.get("/_sandbox/faults")).json()["latency_ms"] == 5
        changed = await http.put("/_sandbox/faults", json={"error_rate": 1, "error_status": 500})
        assert changed.json()["error_rate"] == 1.0 and changed.json()["latency_ms"] == 0
        assert (await http.get("/")).status_code == 500
        for bad in (
            {"error_rate": 2},
            {"bogus": 1},
            {"latency_ms": "x"},
            [1],
            {"latency_ms": 1.5},
            {"error_status": 404},
        ):
            refused = await http.put("/_sandbox/faults", json=bad)
            assert refused.status_code == 400 and refused.json()["error"]
        assert (await http.put("/_sandbox/faults", content=b"{")).status_code == 400
        assert app.settings.error_rate == 1.0
        reset = await http.delete("/_sandbox/faults")
        assert reset.json()["latency_ms"] == 5 and reset.json()["error_rate"] == 0
        assert (await http.post("/_sandbox/faults")).status_code == 405


def test_settings_from_mapping() -> None:
    mapping = {
        "X_FAULT_LATENCY_MS": "20",
        "X_FAULT_ERROR_RATE": "0.25",
        "X_FAULT_RATE_LIMIT_PER_SECOND": "10",
        "Y_FAULT_LATENCY_MS": "99",
    }
    settings = FaultSettings.from_mapping(mapping, "X_FAULT_")
    assert (settings.latency_ms, settings.error_rate, settings.rate_limit_per_second) == (
        20,
        0.25,
        10,
    )
    assert FaultSettings.from_mapping({}, "X_FAULT_") == FaultSettings()
    with pytest.raises(ValueError):
        FaultSettings.from_mapping({"X_FAULT_ERROR_RATE": "lots"}, "X_FAULT_")
    with pytest.raises(ValueError):
        FaultSettings.from_mapping({"X_FAULT_HANG_RATE": "1.5"}, "X_FAULT_")
