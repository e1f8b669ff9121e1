"""Use cases of the members feature: branches, onboarding, roster import, administration, card."""
