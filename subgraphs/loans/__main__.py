"""`python -m subgraphs.loans`: serve the loans subgraph."""

from subgraphs.common.serve import serve
from subgraphs.loans.app import create_app

serve("loans", create_app)
