"""Investor-suitability rules for fund subscriptions (pure; checked before any money moves)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from subgraphs.common.validation import InputError
from subgraphs.funds.domain import FundData, RiskProfileData

__all__ = ["Suitable", "Unsuitable", "check_subscription"]

SHANGHAI = ZoneInfo("Asia/Shanghai")


@dataclass(frozen=True, slots=True)
class Suitable:
    """The subscription may be placed."""


@dataclass(frozen=True, slots=True)
class Unsuitable:
    """The subscription must be refused; `reason` is shown to the customer."""

    reason: str
    tolerance: int | None


def check_subscription(
    fund: FundData, amount: Decimal, profile: RiskProfileData | None, now: datetime
) -> Suitable | Unsuitable | InputError:
    """Apply the rules: an ordinary investor with tolerance Cn may buy up to Rn; professionals
    any level; no assessment, or an expired one, blocks every purchase. Also: fund open,
    minimum amount."""
    if profile is None:
        return Unsuitable("no risk assessment on file; take the assessment first", None)
    today = now.astimezone(SHANGHAI).date()
    if profile.expires_on is not None and profile.expires_on < today:
        return Unsuitable("the risk assessment has expired; reassess first", profile.tolerance)
    if not profile.professional and fund.risk_level > profile.tolerance:
        return Unsuitable(
            f"fund risk R{fund.risk_level} exceeds risk tolerance C{profile.tolerance}",
            profile.tolerance,
        )
    if fund.status not in ("OPEN", "REDEMPTION_SUSPENDED"):
        return InputError("fundCode", f"fund {fund.code} is not open for subscription")
    if fund.min_subscription is not None and amount < fund.min_subscription.amount:
        return InputError("amount", f"minimum subscription is {fund.min_subscription.amount}")
    return Suitable()
