"""``python -m bench``: run every benchmark once and print its figures."""

from __future__ import annotations

import sys

from bench import gateway_overhead

if __name__ == "__main__":
    sys.exit(gateway_overhead.main(sys.argv[1:]))
