"""Local Telegram Bot API sandbox: a Bot API server, simulated people and a web chat."""
