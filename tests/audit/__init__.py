"""Our own reproduction of the public federation gateway compatibility audit.

Each module under ``suites/`` re-creates one audit test suite as Python fixture subgraphs
(``fixtures.federation.subgraph.SubgraphSpec``) over in-memory data, with the suite's
operations and expected results. The supergraphs are composed by the reference composer and
checked in under ``supergraphs/``: regenerate with
``cd tests && ../.venv/bin/python -m audit.compose [--check] [NAME ...]``.
"""
