"""Audit suite ``fed1-external-extends``: see ``external_users``."""

from __future__ import annotations

from ..suite import AuditSuite
from .external_users import build_suite


def build() -> AuditSuite:
    return build_suite("fed1-external-extends", fed2_a=False, fed2_b=False, extends_directive=True)
