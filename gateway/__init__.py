"""bankgraph's Apollo Federation v2 gateway. Generic: it knows GraphQL and federation, not banks."""
