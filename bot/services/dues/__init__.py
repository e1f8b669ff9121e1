"""Dues (党费) use cases: one transaction each, plain dataclasses in and out."""
