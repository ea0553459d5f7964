"""Bank D adapter: FDX v5 investment accounts plus Bank D fund-distribution extensions."""
