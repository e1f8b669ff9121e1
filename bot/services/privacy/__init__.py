"""Privacy use cases: the notice and its acceptance, a member's own data, the audit log."""
