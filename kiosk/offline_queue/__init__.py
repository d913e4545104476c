"""The durable outbox: every state-changing request is kept, then delivered exactly once."""
