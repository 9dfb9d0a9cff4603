"""How the app uses its PostgreSQL connections: autocommit, a ping only after idling, and
a bound on every wait.

Every request runs single statements (a create is one INSERT, its rollup trigger
included; a change is one conditional UPDATE), so a transaction around them adds only
round trips: BEGIN before and COMMIT or ROLLBACK after. The engine therefore autocommits,
and work that must happen all together or not at all (imports, reclassification,
migrations) asks for one with `with transaction():` or TRANSACTIONAL.

A pooled connection is checked with a ping only when it has been idle for a while: that
is when a restarted server, an idle timeout or a firewall may have cut it. A connection
used a moment ago is almost certainly alive, and pinging it anyway (pool_pre_ping) costs
every request one more round trip (README, Performance).

A server that stops answering without closing its sockets (a stopped process, a dead
network path, a proxy that stopped forwarding) never trips a socket error: the kernel
keeps acknowledging, and libpq would wait forever. PostgreSQL's own statement_timeout
cannot help when PostgreSQL is the thing that stopped. So the served app waits on its
connections itself, for at most DATABASE_TIMEOUT_S plus a grace (bound_waits), and
gives the request a 503 instead of a held worker thread.
"""

import functools
import select
import time
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg2
import psycopg2.extensions
from sqlalchemy import Connection, Engine, event, text
from sqlalchemy.exc import DisconnectionError, OperationalError

from ticketsvc.extensions import db

TRANSACTIONAL = {"isolation_level": "READ COMMITTED"}
# A connection unused for longer than this is pinged before it is handed out.
IDLE_BEFORE_PING_S = 1.0
_CHECKED_IN_AT = "ticketsvc_checked_in_at"
# Past statement_timeout, so a slow statement on a live server is cancelled by PostgreSQL
# (the connection stays usable) before the client gives up on it (the connection is lost).
NO_ANSWER_GRACE_S = 0.5


class NoAnswer(psycopg2.OperationalError):
    """PostgreSQL sent nothing back within the bound; the connection is given up."""


def engine_options(timeout_s: float) -> dict:
    """SQLAlchemy engine options for PostgreSQL that answers, or fails, within timeout_s."""
    return {
        # Requests run single statements; see the module's docstring.
        "isolation_level": "AUTOCOMMIT",
        # A failed statement's error names its SQL but not its values, which are password
        # hashes, token digests and email addresses: the error reaches the log.
        "hide_parameters": True,
        "connect_args": {
            # libpq's own bound on connecting (whole seconds, at least 2), for processes
            # that do not bound_waits(): the CLI's jobs.
            "connect_timeout": max(2, round(timeout_s)),
            # Dates in SQL ("calendar days in UTC") are computed in UTC whatever the
            # server's zone; a statement running longer than the bound is cancelled.
            "options": f"-c timezone=UTC -c statement_timeout={round(timeout_s * 1000)}",
            # A dead network path is noticed by the kernel: unacknowledged data gives up
            # after the bound, an idle pooled connection within about 20 s.
            "keepalives": 1,
            "keepalives_idle": 10,
            "keepalives_interval": 5,
            "keepalives_count": 2,
            "tcp_user_timeout": round((timeout_s + NO_ANSWER_GRACE_S) * 1000),
        },
    }


def bound_waits(timeout_s: float) -> None:
    """Make every wait of this process on PostgreSQL (connecting, each statement) give up
    after timeout_s + NO_ANSWER_GRACE_S with NoAnswer, which discards the connection.

    Process-wide (psycopg2's wait callback), so only for processes that serve requests:
    COPY, which the CLI's jobs use, cannot run under a wait callback.
    """
    psycopg2.extensions.set_wait_callback(
        functools.partial(_wait_at_most, seconds=timeout_s + NO_ANSWER_GRACE_S)
    )


def _wait_at_most(connection, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    poller = select.poll()
    while (state := connection.poll()) != psycopg2.extensions.POLL_OK:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            # psycopg2 marks a connection whose wait failed as broken (closed == 2), and
            # SQLAlchemy's pool discards it; nothing is sent to the server that stopped.
            raise NoAnswer(f"PostgreSQL did not answer within {seconds:g} s")
        events = select.POLLIN if state == psycopg2.extensions.POLL_READ else select.POLLOUT
        poller.register(connection.fileno(), events)
        poller.poll(remaining * 1000)
        poller.unregister(connection.fileno())


@contextmanager
def transaction(*, writer: str | None = None, unbounded: bool = False) -> Iterator[Connection]:
    """The session's connection in a real transaction: committed when the block ends,
    rolled back when it raises (Ctrl-C included), so its writes land all or none.

    writer is who writes (a history Actor's setting), for the history triggers of every
    statement in the transaction. unbounded lifts statement_timeout for this transaction:
    jobs (a COPY of 20,000 tickets, a bulk UPDATE) are not requests.

    What the session ran before was committed statement by statement; its bookkeeping is
    closed first, because a transaction's isolation level is chosen when it begins.
    """
    db.session.commit()
    connection = db.session.connection(execution_options=TRANSACTIONAL)
    try:
        if writer is not None:
            connection.execute(SET_WRITER, {"writer": writer})
        if unbounded:
            connection.execute(text("SET LOCAL statement_timeout = 0"))
        yield connection
    except BaseException:
        db.session.rollback()
        raise
    db.session.commit()


# An execution option naming who writes (a history Actor's setting): the statement is sent
# after a set_config of ticketsvc.actor in the same query string, which PostgreSQL runs as
# one transaction, so the history triggers see it for that statement only, at no extra
# round trip.
WRITES_AS = "ticketsvc_writes_as"
SET_WRITER = text("SELECT set_config('ticketsvc.actor', :writer, true)")


def say_who_writes(engine: Engine) -> None:
    """Honour the WRITES_AS execution option on engine's statements."""
    event.listen(engine, "before_cursor_execute", _prefix_actor, retval=True)


def _prefix_actor(connection, cursor, statement, parameters, context, executemany):
    actor = context.execution_options.get(WRITES_AS) if context is not None else None
    if actor is None:
        return statement, parameters
    prefix = f"SELECT set_config('ticketsvc.actor', %({WRITES_AS})s, true); "
    return prefix + statement, {**parameters, WRITES_AS: actor}


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
        except NoAnswer as error:
            # A server that does not answer would not answer a new connection either:
            # the request fails now (503) rather than after a second wait.
            raise OperationalError("SELECT 1", None, error) from error
        except engine.dialect.loaded_dbapi.Error as error:
            # The pool discards this connection and hands out a new one instead.
            raise DisconnectionError(f"an idle pooled connection was dead: {error}") from error

    return ping_if_idle
