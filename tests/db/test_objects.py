"""The triggers and functions running in the database are exactly their newest files in
ticketsvc/db/sql/, and every one of them has a file (db/objects.py)."""

import re

import pytest
from sqlalchemy import text

from ticketsvc.db import objects
from ticketsvc.extensions import db

LIVE_FUNCTIONS = text("""
    SELECT proname, pg_get_functiondef(pg_proc.oid) FROM pg_proc
    JOIN pg_namespace ON pg_namespace.oid = pronamespace WHERE nspname = 'public'
""")
LIVE_TRIGGERS = text("SELECT tgname, pg_get_triggerdef(oid) FROM pg_trigger WHERE NOT tgisinternal")


def normalized(definition: str) -> str:
    """A definition without its comment lines, schema names, OR REPLACE, trailing semicolon
    and dollar-quote tags, white space collapsed: how PostgreSQL prints it back and how
    the file writes it then compare equal."""
    lines = [line for line in definition.splitlines() if not line.startswith("--")]
    collapsed = " ".join(" ".join(lines).split())
    collapsed = collapsed.replace("$function$", "$$").replace("public.", "").replace(" OR REPLACE", "")
    return re.sub(r"\s*;\s*$", "", collapsed)


@pytest.fixture(scope="module")
def live_definitions(migrated_app) -> dict[str, str]:
    with migrated_app.app_context():
        rows = [*db.session.execute(LIVE_FUNCTIONS), *db.session.execute(LIVE_TRIGGERS)]
        db.session.rollback()
    return {name: definition for name, definition in rows}


@pytest.mark.parametrize("name", objects.names())
def test_the_newest_file_is_what_the_database_runs(live_definitions, name):
    written = objects.sql_of(name, objects.newest_revision(name))
    assert name in live_definitions, f"{name} has a file but is not in the database"
    assert normalized(live_definitions[name]) == normalized(written)


def test_every_trigger_and_function_has_its_file(live_definitions):
    assert sorted(live_definitions) == objects.names()


def test_a_changed_definition_is_told_apart():
    """The comparison is not so lenient that a real change would pass it."""
    written = objects.sql_of("ticket_history_apply", "0006")
    changed = written.replace("'changed'", "'modified'")
    assert normalized(changed) != normalized(written)
