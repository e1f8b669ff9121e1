"""Use cases of the delivery feature: one transaction each, plain results."""
