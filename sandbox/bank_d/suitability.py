"""Investor suitability (bank-dialects.md §4.5, China's investor-suitability measures).

An ordinary investor with tolerance ``Cn`` may buy funds up to ``Rn``; professional investors
buy every level. Buying above one's level needs ``riskMismatchAcknowledged`` and is never
allowed for the lowest category; an expired assessment blocks every purchase. Redemptions are
never checked.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

Verdict = Literal["OK", "RISK_TOO_HIGH", "ASSESSMENT_EXPIRED"]


@dataclass(frozen=True, slots=True)
class RiskProfile:
    """A customer's risk assessment; ``lowest_category`` is the C1 "lowest tolerance" subset."""

    customer_id: str
    investor_type: str
    risk_tolerance: str
    lowest_category: bool
    assessed_on: dt.date
    expires_on: dt.date


def check_purchase(
    profile: RiskProfile | None, risk_level: str, acknowledged: bool, today: dt.date
) -> Verdict:
    """Whether the investor may buy a fund of ``risk_level`` (``R1``–``R5``) on ``today``.

    A missing profile counts as an expired assessment.
    """
    if profile is None or profile.expires_on < today:
        return "ASSESSMENT_EXPIRED"
    if profile.investor_type == "PROFESSIONAL":
        return "OK"
    if int(risk_level[1]) <= int(profile.risk_tolerance[1]):
        return "OK"
    if acknowledged and not profile.lowest_category:
        return "OK"
    return "RISK_TOO_HIGH"
