"""members tables (see the members feature)."""
