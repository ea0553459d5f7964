"""Bounded concurrency for banks without a bulk endpoint."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from typing import TypeVar

__all__ = ["gather_bounded"]

K = TypeVar("K")
V = TypeVar("V")


async def gather_bounded(
    keys: Sequence[K], load: Callable[[K], Awaitable[V]], limit: int = 8
) -> list[V | BaseException]:
    """`load` every key with at most `limit` calls in flight; results (or the exception raised
    for that key) in key order, so one failure fills only its own slot."""
    semaphore = asyncio.Semaphore(limit)

    async def one(key: K) -> V:
        async with semaphore:
            return await load(key)

    return await asyncio.gather(*(one(key) for key in keys), return_exceptions=True)
