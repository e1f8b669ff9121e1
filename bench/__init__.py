"""Benchmarks that print their figures (see README.md)."""
