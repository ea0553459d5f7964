"""The bank graph: four Strawberry Federation v2 subgraphs, each adapting one bank dialect."""
