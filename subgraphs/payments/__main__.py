"""`python -m subgraphs.payments`: serve the payments subgraph."""

from subgraphs.common.serve import serve
from subgraphs.payments.app import create_app

serve("payments", create_app)
