"""Telegram plumbing, shared by every feature and holding no rule: the send budget
(ratelimit), the concurrent update processor, the run loop (runner) and the getUpdates request
layer (intake). Features never import it; the application assembly, the roles and the outbox
sender do. Reading the Bot API's errors is a rule, so it is in bot.domain.delivery.errors."""
