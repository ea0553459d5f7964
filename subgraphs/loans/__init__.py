"""The loans subgraph: micro-loans, schedules, applications and repayments at Bank C."""

from subgraphs.loans.app import create_app

__all__ = ["create_app"]
