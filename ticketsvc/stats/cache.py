"""Stats kept per process for as long as the rollups stay as they were.

The figures change only when tickets do, and every change of the rollups bumps
ticket_counts_revision in the same transaction (migration 0005; since 0011 only such a
change does: a comment that moves no count leaves it). So a request reads that one row
(a round trip with next to no work) and, while it and the UTC day (the average per day
counts days up to today) are what they were, answers the body already built: the
aggregate, building the dict and encoding the JSON are skipped
(docs/decisions/021-stats-cached-per-process-by-revision.md).

The revision is read before the figures are, in an earlier statement: a change committed
in between is in the figures but not in their key, so the next request sees a newer
revision and builds them again. A copy can be older than the database only for as long
as nobody asks.
"""

import threading
import zlib

from flask import current_app

from ticketsvc.db.prepared import PreparedStatement

REVISION = PreparedStatement(
    "ticketsvc_counts_revision",
    "SELECT revision, (now() AT TIME ZONE 'UTC')::date FROM ticket_counts_revision",
)
# Bodies kept (per filter combination and revision seen); at this many all are dropped and
# built again as asked: a handful of combinations are in use, and older revisions' bodies
# are never asked for again.
MOST_KEPT = 256


class StatsCache:
    """One per app: the revision numbers of two databases say nothing about each other."""

    def __init__(self):
        self._bodies: dict[tuple, tuple[str, bytes]] = {}
        self._lock = threading.Lock()

    def body(self, filters_key: tuple, build) -> tuple[str, bytes]:
        """(an ETag, the JSON body) of the stats for filters_key; build() makes the figures."""
        [(revision, day)] = REVISION.all()
        key = (revision, day, filters_key)
        kept = self._bodies.get(key)
        if kept is not None:
            return kept
        etag = f'"{revision}-{day.isoformat()}-{zlib.crc32(repr(filters_key).encode()):x}"'
        kept = etag, current_app.json.dumps(build()).encode() + b"\n"
        with self._lock:
            if len(self._bodies) >= MOST_KEPT:
                self._bodies.clear()
            self._bodies[key] = kept
        return kept


def stats_cache() -> StatsCache:
    """The current app's cache, made on first use."""
    return current_app.extensions.setdefault("ticketsvc.stats_cache", StatsCache())
