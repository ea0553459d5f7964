"""The loans subgraph: micro-loans, schedules, applications and repayments at Bank C."""
