"""Progressive override label choice: deterministic per key, configurable."""

from __future__ import annotations

from gateway.override import OverridePolicy

LABELS = frozenset({"percent(0)", "percent(100)", "percent(25)", "beta"})


def test_percent_labels_follow_a_stable_hash_of_the_key() -> None:
    policy = OverridePolicy()
    first = policy.enabled_labels(LABELS, "user-42")
    assert first == policy.enabled_labels(LABELS, "user-42")
    assert "percent(100)" in first
    assert "percent(0)" not in first
    assert "beta" not in first  # named labels are off unless configured

    keys = [f"user-{n}" for n in range(2000)]
    enabled = sum("percent(25)" in policy.enabled_labels(LABELS, key) for key in keys)
    assert 400 < enabled < 600  # about a quarter of the keys


def test_configured_labels_win() -> None:
    policy = OverridePolicy(
        enabled=frozenset({"beta", "percent(0)"}), disabled=frozenset({"percent(100)"})
    )
    assert policy.enabled_labels(LABELS, "k") >= {"beta", "percent(0)"}
    assert "percent(100)" not in policy.enabled_labels(LABELS, "k")


def test_malformed_percent_labels_are_off() -> None:
    labels = frozenset({"percent(101)", "percent(abc)", "percent(5.123456789)"})
    assert OverridePolicy().enabled_labels(labels, "k") == frozenset()
