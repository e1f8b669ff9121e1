"""delivery tables (see the delivery feature)."""
