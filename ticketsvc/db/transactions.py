"""Real transactions, for writes of more than one statement.

The engine autocommits (db/connections.py): a request whose write is one statement (a
create is one INSERT, its triggers and the mail it queues included; a change is one
conditional UPDATE) pays no BEGIN and COMMIT round trips. Work that must happen all
together or not at all asks for a transaction here: a customer's reply that reopens the
ticket, an incoming mail filed, imports, reclassification; migrations take their own.

Units of work compose: a service function ends with done(), which commits unless it ran
inside a transaction(), and a transaction() opened inside another joins it. So incoming
mail files a new ticket, its acknowledgement and the record of the mail in one
transaction, through the same functions the API calls.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, text

from ticketsvc.db.actor import SET_WRITER, Actor
from ticketsvc.extensions import db

TRANSACTIONAL = {"isolation_level": "READ COMMITTED"}
# Set on the session while a transaction() is open.
_OPEN = "ticketsvc_transaction_open"


@contextmanager
def transaction(actor: Actor | None = None, *, unbounded: bool = False) -> Iterator[Connection]:
    """The session's connection in a real transaction: committed when the block ends,
    rolled back when it raises (Ctrl-C included), so its writes land all or none.

    actor is who writes, for the history triggers of every statement in the transaction.
    unbounded lifts statement_timeout for this transaction: jobs (a COPY of 20,000
    tickets, a bulk UPDATE) are not requests.

    What the session ran before was committed statement by statement; its bookkeeping is
    closed first, because a transaction's isolation level is chosen when it begins. Inside
    another transaction(), this one joins it: the outer one commits, or rolls back.
    """
    if db.session.info.get(_OPEN):
        connection = db.session.connection()
        if actor is not None:
            connection.execute(SET_WRITER, {"writer": actor.setting()})
        yield connection
        return
    db.session.commit()
    connection = db.session.connection(execution_options=TRANSACTIONAL)
    db.session.info[_OPEN] = True
    try:
        if actor is not None:
            connection.execute(SET_WRITER, {"writer": actor.setting()})
        if unbounded:
            connection.execute(text("SET LOCAL statement_timeout = 0"))
        yield connection
    except BaseException:
        db.session.rollback()
        raise
    finally:
        db.session.info.pop(_OPEN, None)
    db.session.commit()


def done() -> None:
    """The end of a unit of work: commit it, unless it is part of a transaction(), whose
    end commits it with the rest."""
    if not db.session.info.get(_OPEN):
        db.session.commit()
