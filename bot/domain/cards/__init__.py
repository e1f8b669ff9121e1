"""Rules of the four cards and the assessment (四卡、一制度): no Telegram, no SQL."""
