"""`flask tickets …`: seed demo data, import a CSV, reclassify stored tickets, evaluate a classifier."""

import sys
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup
from marshmallow import ValidationError

from ticketsvc.accounts import tokens, users
from ticketsvc.accounts.schemas import TokenCreateSchema, UserCreateSchema
from ticketsvc.api.errors import one_line
from ticketsvc.classifier import CLASSIFIER_NAMES
from ticketsvc.classifier.evaluation import evaluate_file, format_report
from ticketsvc.enums import ClassificationSource, Role, Status, values
from ticketsvc.events.commands import events_command
from ticketsvc.extensions import db
from ticketsvc.jobs import csv_import, reclassify, seed, worker
from ticketsvc.jobs.progress import Progress
from ticketsvc.jobs.signals import stop_on_signals
from ticketsvc.mail.commands import mail_cli
from ticketsvc.tickets.service import count_tickets

tickets_cli = AppGroup("tickets", help="Manage tickets.")


@tickets_cli.command("seed")
@click.option("--count", default=500, show_default=True, type=click.IntRange(min=1))
@click.option("--seed", "random_seed", default=0, show_default=True, help="Random seed.")
@click.option("--if-empty", is_flag=True, help="Do nothing when tickets already exist.")
def seed_command(count: int, random_seed: int, if_empty: bool) -> None:
    """Load COUNT realistic tickets (labelled by the triage rubric) over the past year."""
    if if_empty and count_tickets({}):
        click.echo("Tickets exist already; not seeding.")
        return
    with Progress("Seeding tickets", count) as progress:
        loaded = seed.seed_tickets(count, random_seed, on_batch=progress.advance)
    click.echo(f"Seeded {loaded} tickets.")


@tickets_cli.command("import")
@click.argument("csv_file", type=click.File("rb"))
def import_command(csv_file) -> None:
    """Import tickets from CSV_FILE (header: title,description,category,priority,status,created_at).

    Every row is validated like the API; the first bad one stops the import, which
    then leaves the database as it was.
    """
    try:
        imported = csv_import.import_csv(csv_file)
    except csv_import.InvalidImport as error:
        raise click.ClickException(f"{error} Nothing was imported.") from None
    click.echo(f"Imported {imported} tickets.")


@tickets_cli.command("reclassify")
@click.option("--status", "statuses", multiple=True, type=click.Choice(values(Status)))
@click.option(
    "--source",
    type=click.Choice([*values(ClassificationSource), reclassify.NO_SOURCE]),
    help="Only tickets whose suggestion came from here (none: tickets without one).",
)
@click.option("--since", type=click.DateTime(formats=["%Y-%m-%d"]), help="Created on or after (YYYY-MM-DD).")
@click.option("--limit", type=click.IntRange(min=1), help="At most this many tickets.")
@click.option("--dry-run", is_flag=True, help="Show what would change; write nothing.")
@click.option(
    "--apply", is_flag=True, help="Also move category/priority that still equal the old suggestion."
)
@click.option(
    "--concurrency", default=4, show_default=True, type=click.IntRange(1, 32), help="Gemini calls at once."
)
@click.option(
    "--rate",
    default=5.0,
    show_default=True,
    type=click.FloatRange(min=0.1),
    help="Gemini calls per second, to stay inside its quota (offline classification is not paced).",
)
@click.option("--restart", is_flag=True, help="Ignore the checkpoint of an interrupted run.")
@click.option(
    "--checkpoint",
    "checkpoint_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Where progress is kept between runs [default: instance/reclassify-checkpoint.json].",
)
def reclassify_command(
    statuses, source, since, limit, dry_run, apply, concurrency, rate, restart, checkpoint_path
) -> None:
    """Re-run the classifier over stored tickets and refresh their suggestions."""
    selection = reclassify.Selection(tuple(statuses), source, since and since.date().isoformat(), limit)
    checkpoint_path = checkpoint_path or Path(current_app.instance_path) / "reclassify-checkpoint.json"
    checkpoint = reclassify.Checkpoint(checkpoint_path, selection)
    after_id = 0 if restart or dry_run else checkpoint.last_id()
    if after_id:
        click.echo(f"Resuming an interrupted run after ticket {after_id}.")

    def progress_made(done: int, last_id: int) -> None:
        progress.advance(done)
        if not dry_run:
            checkpoint.save(last_id)

    with Progress("Reclassifying", reclassify.count_selected(selection, after_id)) as progress:
        outcome = reclassify.reclassify(
            selection,
            after_id=after_id,
            apply=apply,
            dry_run=dry_run,
            concurrency=concurrency,
            per_second=rate,
            on_batch=progress_made,
        )
    if not dry_run:
        checkpoint.clear()
    verb = "would change" if dry_run else "changed"
    click.echo(f"{outcome.examined} tickets examined; {verb} {outcome.suggestions_changed} suggestions.")
    if apply and not dry_run:
        click.echo(f"{outcome.tickets_updated} tickets followed their new suggestion.")
    _print_transitions(outcome.transitions)


def _print_transitions(transitions) -> None:
    if not transitions:
        return
    click.echo(f"\n{'before (category/priority)':<30}{'after':<30}{'tickets':>8}")
    for (before, after), count in transitions.most_common():
        click.echo(f"{before:<30}{after:<30}{count:>8}")


@tickets_cli.command("evaluate")
@click.argument("labelled_file", type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--classifier",
    "classifier_name",
    default="fallback",
    show_default=True,
    type=click.Choice(CLASSIFIER_NAMES),
)
def evaluate(labelled_file: str, classifier_name: str) -> None:
    """Accuracy of a classifier on a JSON-lines file of labelled tickets."""
    try:
        report = evaluate_file(labelled_file, classifier_name)
    except ValueError as error:
        raise click.UsageError(str(error)) from None
    click.echo(format_report(report))


@click.command("worker")
@click.option("--until-idle", is_flag=True, help="Stop once nothing is left to do (tests, one-off runs).")
def worker_command(until_idle: bool) -> None:
    """Run the background work (mail delivery, bulk changes) until SIGTERM or Ctrl-C."""
    stop = stop_on_signals()
    click.echo("Worker started.", err=True)
    worker.run(stop, until_idle=until_idle)
    click.echo("Worker stopped.", err=True)


users_cli = AppGroup("users", help="Manage agent and admin accounts.")
NO_ACTIVE_ACCOUNT = "No active account has the email {email}."


@users_cli.command("create")
@click.option("--email", required=True)
@click.option("--name", required=True)
@click.option("--role", required=True, type=click.Choice(values(Role)))
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
def create_user_command(email: str, name: str, role: str, password_stdin: bool) -> None:
    """Create an account; the password is asked for without echo (or read from stdin)."""
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        data = UserCreateSchema().load({"email": email, "name": name, "role": role, "password": password})
        user = users.create_user(**data)
    except ValidationError as error:
        raise click.ClickException(one_line(error.messages_dict)) from None
    except users.EmailTaken:
        raise click.ClickException(f"An account with the email {email} exists already.") from None
    click.echo(f"Created {user.role} {user.email} (id {user.id}).")


@users_cli.command("token")
@click.argument("email")
@click.option("--name", required=True, help="What the token is for, as the tokens list shows it.")
def token_command(email: str, name: str) -> None:
    """Print a new API token of the account with EMAIL, and nothing else."""
    try:
        name = TokenCreateSchema().load({"name": name})["name"]
    except ValidationError as error:
        raise click.ClickException(one_line(error.messages_dict)) from None
    created = tokens.create(_active_user(email).id, name)
    if created is None:  # deactivated meanwhile
        raise click.ClickException(NO_ACTIVE_ACCOUNT.format(email=email))
    db.session.commit()
    click.echo(created[1])


@users_cli.command("deactivate")
@click.argument("email")
def deactivate_command(email: str) -> None:
    """Deactivate the account with EMAIL: its sessions end and its tokens stop working."""
    user = _active_user(email)
    try:
        users.update_user(user.id, {"active": False})
    except users.LastAdmin:
        raise click.ClickException(f"{email} is the last active admin.") from None
    click.echo(f"Deactivated {user.email}.")


def _active_user(email: str):
    user = users.find_by_email(email)
    if user is None or not user.active:
        raise click.ClickException(NO_ACTIVE_ACCOUNT.format(email=email))
    return user


def register_commands(app: Flask) -> None:
    app.cli.add_command(tickets_cli)
    app.cli.add_command(users_cli)
    app.cli.add_command(worker_command)
    app.cli.add_command(mail_cli)
    app.cli.add_command(events_command)
