"""What features share: the approval queue now; actor, permissions and audiences as they move."""
