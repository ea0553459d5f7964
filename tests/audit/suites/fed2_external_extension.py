"""Audit suite ``fed2-external-extension``: see ``external_users``."""

from __future__ import annotations

from ..suite import AuditSuite
from .external_users import build_suite


def build() -> AuditSuite:
    return build_suite("fed2-external-extension", fed2_a=True, fed2_b=True, extends_directive=False)
