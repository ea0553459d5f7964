"""Our own reproduction of the public federation gateway compatibility audit.

Each module under ``suites/`` re-creates one audit test suite as Python fixture subgraphs
(``fixtures.federation.subgraph.SubgraphSpec``) over in-memory data, with the suite's
operations and expected results (``suite.py`` says how the audit judges a response).
``test_audit_suites.py`` runs every operation through our engine in process, over two
checked-in supergraphs per suite: the reference composer's (``supergraphs/``) and
``@apollo/composition``'s (``supergraphs/apollo/``, what the audit itself serves). Known
gaps are strict xfails there, each naming what we return and the stage at fault.

- Regenerate: ``cd tests && ../.venv/bin/python -m audit.compose [--check] [NAME ...]``; with
  ``--apollo DIR`` for the Apollo set (``npm install --prefix DIR @apollo/composition@2.14.4
  graphql@16`` first: it is not a project dependency).
- Cross-check over HTTP: ``python -m audit.crosscheck --gateway hive|bankgraph [NAME ...]``.
"""
