"""The reproduced audit suites through our gateway: one test per suite operation and
composer (the reference composer's supergraph and @apollo/composition's, which the audit uses).

A case our gateway answers differently from the audit's expectation stays, marked
``xfail(strict=True)`` in ``KNOWN_GAPS`` with what we return and what is expected, so it
turns into a failure (to un-mark) once the gap is fixed.
"""

from __future__ import annotations

import pytest

from .conftest import RunAuditCase
from .suite import COMPOSERS, AuditCase, assert_audit_response
from .suites import SUITE_NAMES, load_suite

KNOWN_GAPS: dict[tuple[str, str], str] = {}


def _params() -> list[object]:
    """Every case over each composer's supergraph (the gaps are the same for both)."""
    unused = dict(KNOWN_GAPS)
    params: list[object] = []
    for composer in COMPOSERS:
        for name in SUITE_NAMES:
            for case in load_suite(name).cases:
                reason = KNOWN_GAPS.get((name, case.name))
                unused.pop((name, case.name), None)
                marks = () if reason is None else (pytest.mark.xfail(strict=True, reason=reason),)
                case_id = f"{name}: {case.name} [{composer}]"
                params.append(pytest.param(name, composer, case, id=case_id, marks=marks))
    if unused:
        raise KeyError(f"KNOWN_GAPS names unknown cases: {sorted(unused)}")
    return params


@pytest.mark.parametrize(("suite_name", "composer", "case"), _params())
async def test_audit_case(
    run_audit_case: RunAuditCase, suite_name: str, composer: str, case: AuditCase
) -> None:
    assert_audit_response(await run_audit_case(suite_name, composer, case), case)
