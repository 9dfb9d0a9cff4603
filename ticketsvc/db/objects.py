"""What PostgreSQL does on its own: the triggers and functions, each a file under sql/.

Every write path (the API, imports, reclassification, SQL typed by hand) fires them, in
the same transaction as the write:

- ticket_counts_on_insert, _on_update, _on_delete, _on_truncate: any write of tickets.
  They call ticket_counts_apply, which keeps ticket_counts and ticket_assignee_counts
  (the exact counts that stats and lists read, keyed by waiting_on too) and, when a count
  moved, bumps ticket_counts_revision (the key of the stats cache).
- ticket_history_on_insert: an INSERT of tickets (create, import, seed). It calls
  ticket_history_apply, which writes a "created" ticket_history entry per ticket.
- ticket_history_on_update: an UPDATE of tickets (PATCH, reopen, reclassify). It calls
  ticket_history_apply, which writes a "changed" or "reclassified" entry per ticket whose
  tracked fields changed.
- ticket_history_on_comment: an INSERT of ticket_comments. It calls
  ticket_comment_history_apply, which writes a "commented" entry per comment.
- ticket_activity_on_comment: an INSERT of ticket_comments. It calls
  ticket_activity_apply, which moves the commented tickets' last_comment_at,
  last_customer_comment_at and last_agent_reply_at; PostgreSQL computes last_activity_at,
  last_customer_message_at and waiting_on from them, and the UPDATE fires the rollups'
  trigger above.

ticketsvc_actor() reads who writes (db/actor.py) for the history functions, and refuses a
write that does not say.

Each object is a directory of versions, sql/<name>/<revision>.sql, the revision being the
migration that created that version (Alembic's "replaceable objects"): a version, once a
migration uses it, is never edited, so old migrations keep creating what they created; a
change is a new file, applied by a new migration, whose downgrade applies the version
before it. The newest version of each is what a database at head runs, which
tests/db/test_objects.py checks against the live definitions.
"""

from pathlib import Path

SQL_DIR = Path(__file__).with_name("sql")


def sql_of(name: str, revision: str) -> str:
    """The statement that creates (or replaces) version revision of the object name."""
    return (SQL_DIR / name / f"{revision}.sql").read_text(encoding="utf-8")


def names() -> list[str]:
    return sorted(path.name for path in SQL_DIR.iterdir() if path.is_dir())


def newest_revision(name: str) -> str:
    return max(path.stem for path in (SQL_DIR / name).glob("*.sql"))
