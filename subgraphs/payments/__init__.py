"""The payments subgraph: SEPA credit transfers initiated and tracked at Bank B."""

from subgraphs.payments.app import create_app

__all__ = ["create_app"]
