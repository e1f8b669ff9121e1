"""User-facing texts of the delivery feature (zh default, en)."""

TEXTS: dict[str, dict[str, str]] = {}
