"""How ticketsvc speaks HTTP: flask-smorest adjusted to the contract, the one error body,
pages, shared fields, preconditions and rate limits. The blueprints build on these."""
