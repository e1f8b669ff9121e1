"""User-facing texts of the members feature (zh default, en)."""

TEXTS: dict[str, dict[str, str]] = {}
