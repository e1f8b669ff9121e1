"""meetings tables (see the meetings feature)."""
