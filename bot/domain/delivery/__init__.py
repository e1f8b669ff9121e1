"""Pure rules of the delivery feature (no Telegram, no SQL), unit-tested alone."""
