"""Public-interest posts (一岗): catalogue, claims, duty records, reporting, the nudge."""
