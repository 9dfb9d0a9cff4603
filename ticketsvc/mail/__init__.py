"""Mail in and out: the outbox written with each change, the worker's delivery, the one
function behind the three doors incoming mail comes through, and the addresses mail can
go to (addresses.py)."""
