"""What features share: the approval queue, the conversations, the CJK font of printed pages;
actor, permissions and audiences as they move."""
