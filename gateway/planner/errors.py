"""Planner exceptions.

::

    PlanningError   the operation cannot be planned over this supergraph (a planner bug or a
                    corrupt supergraph: composition guarantees every valid operation a plan)
"""

from __future__ import annotations

__all__ = ["PlanningError"]


class PlanningError(Exception):
    """No plan exists; the message names the field and subgraph where planning stopped."""
