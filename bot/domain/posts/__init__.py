"""Public-interest posts (一岗): pure rules on plain values (no Telegram, no SQL)."""
