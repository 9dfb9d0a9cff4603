"""Real transactions, for writes of more than one statement.

The engine autocommits (db/connections.py): a request whose write is one statement (a
create is one INSERT, its triggers included; a change is one conditional UPDATE) pays no
BEGIN and COMMIT round trips. Work that must happen all together or not at all asks for a
transaction here: a customer's reply that reopens the ticket, a change that queues mail in
the outbox, imports, reclassification, the worker's claims; migrations take their own.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, text

from ticketsvc.db.actor import SET_WRITER, Actor
from ticketsvc.extensions import db

TRANSACTIONAL = {"isolation_level": "READ COMMITTED"}


@contextmanager
def transaction(actor: Actor | None = None, *, unbounded: bool = False) -> Iterator[Connection]:
    """The session's connection in a real transaction: committed when the block ends,
    rolled back when it raises (Ctrl-C included), so its writes land all or none.

    actor is who writes, for the history triggers of every statement in the transaction.
    unbounded lifts statement_timeout for this transaction: jobs (a COPY of 20,000
    tickets, a bulk UPDATE) are not requests.

    What the session ran before was committed statement by statement; its bookkeeping is
    closed first, because a transaction's isolation level is chosen when it begins.
    """
    db.session.commit()
    connection = db.session.connection(execution_options=TRANSACTIONAL)
    try:
        if actor is not None:
            connection.execute(SET_WRITER, {"writer": actor.setting()})
        if unbounded:
            connection.execute(text("SET LOCAL statement_timeout = 0"))
        yield connection
    except BaseException:
        db.session.rollback()
        raise
    db.session.commit()
