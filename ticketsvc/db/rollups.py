"""The count rollups' pages: ticket_counts and ticket_assignee_counts are a few hundred
(a few thousand) rows that every list page, stats request and ticket write reads or
updates, so how many pages they span is paid on every request.

A bulk load (seed, import) updates every rollup row once per COPY batch, all in one
transaction: no earlier version can be pruned before it commits, so each batch moves the
rows to new pages, and VACUUM frees the old ones but moves nothing back. Seeding a million
tickets and three million comments left 588 rows of ticket_counts spread over 610 pages
(one row a page) and 4,228 of ticket_assignee_counts over 2,751, read whole by a list's
count (docs/decisions/054-rollups-packed-after-bulk-loads.md). A bulk load therefore
ends by rewriting them (compact). Everyday writes update one row at a time, in
transactions of their own, and leave the rows where they are.
"""

from sqlalchemy import Connection, text

ROLLUPS = ("ticket_counts", "ticket_assignee_counts")


def compact(connection: Connection) -> None:
    """Rewrite each rollup into as few pages as its rows need. It holds an
    exclusive lock on each for the rewrite of its few pages: ticket writes wait
    milliseconds."""
    for table in ROLLUPS:
        connection.execute(text(f"CLUSTER {table} USING pk_{table}"))
