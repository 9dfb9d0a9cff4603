"""`flask mail …`: the doors of incoming mail that are commands, for an MTA's pipe and for
an IMAP mailbox. Exit statuses follow sysexits.h, which Postfix and Exim read: 75 makes
them keep the message and try again, 65 sends it back to its sender."""

import json
import sys
import threading

import click
from flask import current_app
from flask.cli import AppGroup

from ticketsvc.api.errors import DATABASE_UNAVAILABLE
from ticketsvc.enums import MailDoor
from ticketsvc.mail import imap, inbound

EX_DATAERR = 65
EX_TEMPFAIL = 75

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
        click.echo(f"The database is unavailable ({type(error).__name__}); try again later.", err=True)
        sys.exit(EX_TEMPFAIL)
    click.echo(json.dumps(filed.as_json()))


@mail_cli.command("fetch")
@click.option("--watch", is_flag=True, help="Fetch again every MAIL_IMAP_INTERVAL_S seconds, until Ctrl-C.")
def fetch_command(watch: bool) -> None:
    """File the unseen messages of MAIL_IMAP_URL's mailbox and mark them seen."""
    if not current_app.config["MAIL_IMAP_URL"]:
        raise click.UsageError("MAIL_IMAP_URL is not set.")
    stop = threading.Event()
    while True:
        click.echo(f"Filed {imap.fetch()} messages.")
        if not watch or stop.wait(current_app.config["MAIL_IMAP_INTERVAL_S"]):
            return
