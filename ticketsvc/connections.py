"""How the app uses its PostgreSQL connections: autocommit, and a ping only after idling.

Every request runs single statements (a create is one INSERT, its rollup trigger
included; a change is one conditional UPDATE), so a transaction around them adds only
round trips: BEGIN before and COMMIT or ROLLBACK after. The engine therefore autocommits,
and work that must happen all together or not at all (imports, reclassification,
migrations) asks for one with `with transaction():` or TRANSACTIONAL.

A pooled connection is checked with a ping only when it has been idle for a while: that
is when a restarted server, an idle timeout or a firewall may have cut it. A connection
used a moment ago is almost certainly alive, and pinging it anyway (pool_pre_ping) costs
every request one more round trip (README, Performance).
"""

import time
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, Engine, event
from sqlalchemy.exc import DisconnectionError

from ticketsvc.extensions import db

TRANSACTIONAL = {"isolation_level": "READ COMMITTED"}
# A connection unused for longer than this is pinged before it is handed out.
IDLE_BEFORE_PING_S = 1.0
_CHECKED_IN_AT = "ticketsvc_checked_in_at"


@contextmanager
def transaction() -> Iterator[Connection]:
    """The session's connection in a real transaction: committed when the block ends,
    rolled back when it raises (Ctrl-C included), so its writes land all or none.

    What the session ran before was committed statement by statement; its bookkeeping is
    closed first, because a transaction's isolation level is chosen when it begins.
    """
    db.session.commit()
    connection = db.session.connection(execution_options=TRANSACTIONAL)
    try:
        yield connection
    except BaseException:
        db.session.rollback()
        raise
    db.session.commit()


def ping_when_idle(engine: Engine) -> None:
    """Replace pool_pre_ping on engine: ping only connections idle for IDLE_BEFORE_PING_S."""
    event.listen(engine, "checkin", _remember_checkin)
    event.listen(engine, "checkout", _ping_if_idle(engine))


def _remember_checkin(dbapi_connection, connection_record) -> None:
    connection_record.info[_CHECKED_IN_AT] = time.monotonic()


def _ping_if_idle(engine: Engine):
    def ping_if_idle(dbapi_connection, connection_record, connection_proxy) -> None:
        checked_in_at = connection_record.info.pop(_CHECKED_IN_AT, None)
        if checked_in_at is None or time.monotonic() - checked_in_at < IDLE_BEFORE_PING_S:
            return
        try:
            engine.dialect.do_ping(dbapi_connection)
        except engine.dialect.loaded_dbapi.Error as error:
            # The pool discards this connection and hands out a new one instead.
            raise DisconnectionError(f"an idle pooled connection was dead: {error}") from error

    return ping_if_idle
