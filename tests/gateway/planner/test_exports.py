"""The public surface of gateway.planner and gateway.supergraph."""

from __future__ import annotations

import gateway.planner
import gateway.supergraph


def test_planner_exports() -> None:
    assert sorted(gateway.planner.__all__) == [
        "PlanningError",
        "QueryPlan",
        "QueryPlanner",
        "plan_to_json",
        "print_plan",
    ]


def test_supergraph_exports() -> None:
    assert sorted(gateway.supergraph.__all__) == [
        "ContextArgument",
        "DirectiveApplication",
        "Key",
        "SubgraphInfo",
        "SubgraphView",
        "Supergraph",
        "SupergraphError",
        "ViewField",
        "ViewType",
        "load_supergraph",
    ]
