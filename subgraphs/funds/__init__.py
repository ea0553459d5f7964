"""The funds subgraph: fund catalogue, holdings, suitability and fund orders at Bank D."""
