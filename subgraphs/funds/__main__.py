"""`python -m subgraphs.funds`: serve the funds subgraph."""

from subgraphs.common.serve import serve
from subgraphs.funds.app import create_app

serve("funds", create_app)
