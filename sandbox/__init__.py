"""The sandbox world: four bank APIs over one ledger, and an identity provider."""
