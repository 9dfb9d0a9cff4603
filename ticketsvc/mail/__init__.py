"""Mail in and out: the outbox written with each change, the worker's delivery, and the
one function behind the three doors incoming mail comes through."""
