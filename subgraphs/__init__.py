"""The bank graph: four Strawberry Federation v2 subgraphs, each adapting one bank dialect."""

__all__: list[str] = []  # the subgraphs are packages, each exporting its create_app
