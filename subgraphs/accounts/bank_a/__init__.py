"""Bank A adapter: UK Open Banking v3.1.10 Account and Transaction API (AISP)."""
