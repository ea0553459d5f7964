"""Query planning: (operation, operation name, supergraph) -> immutable plan. Pure, no I/O.

The pipeline, one module per stage::

    normalize.py   validated document -> canonical selection tree (fragments inlined, literal
                   conditions applied, fields merged; the plan-cache key)
    locality.py    who can resolve T.f from where we are: local fields, @provides, entry points
                   (keys, interface objects), whether a subgraph can serve a selection
    walker.py      walk the operation, placing each field in a fetch group (stay, jump, split)
    entrance.py    entering a subgraph for an entity: key choice, key/@requires inputs first
    context.py     the walk's position and shared bookkeeping
    groups.py      fetch groups (future subgraph requests) and their dependencies
    selections.py  mutable selection sets of groups, printed as GraphQL
    operations.py  a group -> the operation text sent to its subgraph
    assemble.py    groups -> Fetch / Flatten / Sequence / Parallel / Condition tree
    plan.py        the plan nodes (the planner/executor contract), printing, JSON
    planner.py     QueryPlanner: the cached entry point
    cli.py         ``bankgraph-gateway plan``
"""

from .errors import PlanningError
from .plan import QueryPlan, plan_to_json, print_plan
from .planner import QueryPlanner

__all__ = ["PlanningError", "QueryPlan", "QueryPlanner", "plan_to_json", "print_plan"]
