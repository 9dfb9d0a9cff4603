"""How the app uses its PostgreSQL connections: autocommit, a ping only after idling, and
a bound on every wait.

The engine autocommits: a request whose write is one statement pays no BEGIN and COMMIT
round trips around it. Writes of several statements ask for a transaction
(db/transactions.py), which says when that is.

A pooled connection is checked with a ping only when it has been idle for a while: that
is when a restarted server, an idle timeout or a firewall may have cut it. A connection
used a moment ago is almost certainly alive, and pinging it anyway (pool_pre_ping) costs
every request one more round trip (docs/decisions/022-autocommit-connections-pinged-after-idling.md).

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

import psycopg2
import psycopg2.extensions
from sqlalchemy import Engine, PoolProxiedConnection, event
from sqlalchemy.exc import DisconnectionError, OperationalError

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
        # See the module's docstring.
        "isolation_level": "AUTOCOMMIT",
        # A failed statement's error names its SQL but not its values, which are password
        # hashes, token digests and email addresses: the error reaches the log.
        "hide_parameters": True,
        "connect_args": libpq_settings(timeout_s, statement_timeout_s=timeout_s),
    }


def libpq_settings(timeout_s: float, statement_timeout_s: float) -> dict:
    """How a connection connects and notices a dead server (within timeout_s), and how
    long PostgreSQL lets one of its statements run: libpq's keywords, which psycopg2 and
    psycopg 3 both take."""
    return {
        # libpq's own bound on connecting (whole seconds, at least 2), for connections that
        # bound_waits() does not watch: the CLI's jobs' and the CSV export's.
        "connect_timeout": max(2, round(timeout_s)),
        # Dates in SQL ("calendar days in UTC") are computed in UTC whatever the server's
        # zone; a statement running longer than its bound is cancelled. No JIT: it compiles
        # a statement the planner thinks costly, such as a page past the last (whose index
        # walk never runs), in ~14 ms, longer than any of ours takes to run. A statement
        # the app prepares is planned once, for any values (db/prepared.py): left to choose,
        # PostgreSQL plans a list page again on every run, as its LIMIT is a parameter
        # (docs/decisions/055-list-pages-prepared-with-generic-plans.md).
        "options": (
            f"-c timezone=UTC -c statement_timeout={round(statement_timeout_s * 1000)} -c jit=off"
            " -c plan_cache_mode=force_generic_plan"
        ),
        # A dead network path is noticed by the kernel: unacknowledged data gives up after
        # the bound, an idle connection within about 20 s.
        "keepalives": 1,
        "keepalives_idle": 10,
        "keepalives_interval": 5,
        "keepalives_count": 2,
        "tcp_user_timeout": round((timeout_s + NO_ANSWER_GRACE_S) * 1000),
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


def psycopg2_connection(pooled: PoolProxiedConnection) -> psycopg2.extensions.connection:
    """The engine's driver connection under a pooled one, for what only psycopg2 offers
    (COPY … FROM STDIN, cursors that are context managers)."""
    connection = pooled.dbapi_connection
    # SQLAlchemy types it as any DB-API connection, or None once the pool has closed it.
    assert isinstance(connection, psycopg2.extensions.connection)
    return connection


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
