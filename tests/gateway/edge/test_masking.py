"""Error masking: no traces, URLs, hosts or tokens reach clients."""

from __future__ import annotations

from gateway.edge.masking import for_log, internal_error, mask_errors, new_request_id, scrub


def test_scrub_removes_urls_hosts_ips_tokens_and_tracebacks() -> None:
    message = (
        "HTTP fetch failed from 'accounts': connect to http://10.0.0.5:4001/graphql refused; "
        "db at db.internal.example:5432, peer 192.168.1.9, Bearer abc.def.ghi "
        "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.sig Traceback (most recent call last):\n  File"
    )
    cleaned = scrub(message)
    for secret in ("10.0.0.5", "http://", "db.internal", "192.168", "abc.def", "eyJ", "File"):
        assert secret not in cleaned
    assert cleaned.startswith("HTTP fetch failed from 'accounts'")


def test_mask_errors_keeps_only_safe_parts() -> None:
    masked = mask_errors(
        [
            {
                "message": "boom at https://bank.example/api",
                "path": ["a", 0],
                "locations": [{"line": 1, "column": 2}],
                "extensions": {
                    "code": "X",
                    "serviceName": "accounts",
                    "exception": {"stacktrace": ["..."]},
                },
            },
            {"message": 42},
        ]
    )
    assert masked == [
        {
            "message": "boom at [redacted]",
            "locations": [{"line": 1, "column": 2}],
            "path": ["a", 0],
            "extensions": {"code": "X", "serviceName": "accounts"},
        },
        {"message": "Unexpected error."},
    ]


def test_internal_error_and_request_ids() -> None:
    assert internal_error("r1")["errors"][0]["extensions"] == {
        "code": "INTERNAL_SERVER_ERROR",
        "requestId": "r1",
    }
    assert new_request_id("abc-123") == "abc-123"
    generated = new_request_id("<script>")
    assert generated != "<script>" and len(generated) == 24


def test_log_form_keeps_hosts_but_never_credentials() -> None:
    line = for_log(
        [{"message": "http://10.0.0.5:4001 refused Bearer abc.def.ghi", "extensions": {"x": 1}}]
    )
    assert "http://10.0.0.5:4001" in line and '"x":1' in line
    assert "abc.def.ghi" not in line
