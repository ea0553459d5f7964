"""Shared test configuration. Fixtures that start servers pick free loopback ports."""
