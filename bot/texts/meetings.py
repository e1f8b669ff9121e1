"""User-facing texts of the meetings feature (zh default, en)."""

TEXTS: dict[str, dict[str, str]] = {}
