"""Benchmarks (not run by ``make test``): ``python -m bench`` runs them all."""
