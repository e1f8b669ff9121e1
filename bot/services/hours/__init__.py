"""Volunteer hours use cases: one transaction each, plain frozen results, never ORM rows."""
