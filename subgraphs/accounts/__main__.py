"""`python -m subgraphs.accounts`: serve the accounts subgraph."""

from subgraphs.accounts.app import create_app
from subgraphs.common.serve import serve

serve("accounts", create_app)
