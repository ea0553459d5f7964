"""Bank C adapter: open-platform style loans API (signed requests, fen, Asia/Shanghai time)."""
