"""Bank B adapter: Berlin Group NextGenPSD2 1.3.x Payment Initiation (sepa-credit-transfers)."""
