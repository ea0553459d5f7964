"""The payments subgraph: SEPA credit transfers initiated and tracked at Bank B."""
