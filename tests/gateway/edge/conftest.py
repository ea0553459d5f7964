"""Fixtures for edge tests."""

from tests.gateway.edge.redis_server import redis_url

__all__ = ["redis_url"]
