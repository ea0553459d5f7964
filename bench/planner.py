"""What planning costs: the bank home-screen query over schema/supergraph.graphql.

Prints the median time of

* ``load``: ``load_supergraph`` (links, extraction, API schema) of the bank supergraph;
* ``plan (cold)``: planning the query with a fresh ``QueryPlanner`` (nothing cached);
* ``plan (cached)``: asking the same planner again (the per-request cost once warm).

Usage: ``python -m bench.planner [--repeat N]``. Pure CPU: nothing is served or fetched.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from graphql import parse

from gateway.planner import QueryPlanner
from gateway.supergraph import load_supergraph

SUPERGRAPH = Path(__file__).parents[1] / "schema" / "supergraph.graphql"

HOME_SCREEN = """
query Home {
  me {
    name
    netWorth { amount currency }
    accounts {
      id name currency
      balance { booked { amount currency } available { amount currency } }
      transactions(first: 5) { edges { node { id } } }
      payments(first: 3) {
        edges { node { id status amount { amount currency } creditorName debtorAccount { name } } }
      }
    }
    loans { id currency }
    fundHoldings {
      units marketValue { amount currency } fund { code name nav { amount currency } }
    }
    recommendedFunds { code name }
  }
}
"""


def _median_ms(action: Callable[[], object], repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args(argv)
    sdl = SUPERGRAPH.read_text(encoding="utf-8")
    supergraph = load_supergraph(sdl)
    document = parse(HOME_SCREEN)
    warm = QueryPlanner(supergraph)
    warm.plan(document, "Home")
    figures = {
        "load": _median_ms(lambda: load_supergraph(sdl), max(1, args.repeat // 5)),
        "plan (cold)": _median_ms(
            lambda: QueryPlanner(supergraph).plan(document, "Home"), args.repeat
        ),
        "plan (cached)": _median_ms(lambda: warm.plan(document, "Home"), args.repeat * 20),
    }
    for name, value in figures.items():
        print(f"{name:>14}: {value:8.3f} ms (median)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
