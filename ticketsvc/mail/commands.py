"""`flask mail …`: the doors of incoming mail that are commands, for an MTA's pipe and for
an IMAP mailbox. Exit statuses follow sysexits.h, which Postfix and Exim read: 75 makes
them keep the message and try again, 65 sends it back to its sender."""

import json
import sys

import click
from flask import current_app
from flask.cli import AppGroup

from ticketsvc.api.errors import DATABASE_UNAVAILABLE
from ticketsvc.enums import MailDoor
from ticketsvc.extensions import db
from ticketsvc.jobs.signals import stop_on_signals
from ticketsvc.mail import imap, inbound

EX_FAILED = 1
EX_DATAERR = 65
EX_TEMPFAIL = 75
DATABASE_AWAY = "The database is unavailable ({}); try again later."

mail_cli = AppGroup("mail", help="Incoming mail: an MTA's pipe, an IMAP mailbox.")


@mail_cli.command("receive")
def receive_command() -> None:
    """File one raw message read from standard input; print what it came to as JSON.

    Exit 0 whatever it came to, 75 when the database is unavailable (try again later), 65
    for a message over MAIL_MAX_BYTES.
    """
    largest = current_app.config["MAIL_MAX_BYTES"]
    raw = sys.stdin.buffer.read(largest + 1)
    try:
        filed = inbound.receive(raw, MailDoor.PIPE)
    except inbound.MessageTooLarge:
        click.echo(f"The message is larger than MAIL_MAX_BYTES ({largest:,} bytes).", err=True)
        sys.exit(EX_DATAERR)
    except DATABASE_UNAVAILABLE as error:
        click.echo(DATABASE_AWAY.format(type(error).__name__), err=True)
        sys.exit(EX_TEMPFAIL)
    click.echo(json.dumps(filed.as_json()))


@mail_cli.command("fetch")
@click.option(
    "--watch", is_flag=True, help="Fetch again every MAIL_IMAP_INTERVAL_S seconds, until SIGTERM or Ctrl-C."
)
def fetch_command(watch: bool) -> None:
    """File the unseen messages of MAIL_IMAP_URL's mailbox and mark them seen.

    Exit 0 when all went well, 1 when the mailbox could not be read or a message could not
    be filed (the reason is printed, and shown in the admins' mail status), 75 when the
    database is unavailable. With --watch a failed fetch is printed and the next one tries
    again; SIGTERM or Ctrl-C stops it, between two fetches.
    """
    if not current_app.config["MAIL_IMAP_URL"]:
        raise click.UsageError("MAIL_IMAP_URL is not set.")
    if not watch:
        sys.exit(_fetch_once())
    stop = stop_on_signals()
    while True:
        _fetch_once()
        if stop.wait(current_app.config["MAIL_IMAP_INTERVAL_S"]):
            return


def _fetch_once() -> int:
    """One fetch, told on the terminal; its exit status."""
    try:
        fetched = imap.fetch()
    except DATABASE_UNAVAILABLE as error:
        db.session.rollback()
        click.echo(DATABASE_AWAY.format(type(error).__name__), err=True)
        return EX_TEMPFAIL
    click.echo(f"Filed {fetched.filed} messages.")
    if fetched.error:
        click.echo(f"The fetch failed: {fetched.error}", err=True)
        return EX_FAILED
    return 0
