"""Query planning: (operation, operation name, supergraph) -> immutable plan. Pure, no I/O."""

from .errors import PlanningError
from .plan import QueryPlan, plan_to_json, print_plan
from .planner import QueryPlanner

__all__ = ["PlanningError", "QueryPlan", "QueryPlanner", "plan_to_json", "print_plan"]
