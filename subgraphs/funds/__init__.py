"""The funds subgraph: fund catalogue, holdings, suitability and fund orders at Bank D."""

from subgraphs.funds.app import create_app

__all__ = ["create_app"]
