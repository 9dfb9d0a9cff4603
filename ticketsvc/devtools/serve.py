"""`make run`'s server: a secret key, migrations, the first accounts and demo tickets on an
empty database, then gunicorn."""

import argparse
import os
import secrets
import sys
from pathlib import Path

from flask_migrate import upgrade

from ticketsvc import create_app
from ticketsvc.accounts import users
from ticketsvc.config import PROJECT_ROOT, SECRET_KEY_FILE
from ticketsvc.enums import Role
from ticketsvc.jobs import seed
from ticketsvc.tickets.service import count_tickets

DEMO_TICKET_COUNT = 300
# The first admin, and a second agent so that assignment has someone to pick.
FIRST_ACCOUNTS = (
    ("admin@example.com", "Admin", Role.ADMIN),
    ("dana@example.com", "Dana", Role.AGENT),
)


def ensure_secret_key() -> None:
    """A key of this checkout's own, made once and kept under instance/ (git ignores it)."""
    if os.environ.get("SECRET_KEY") or SECRET_KEY_FILE.exists():
        return
    SECRET_KEY_FILE.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(SECRET_KEY_FILE, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w") as key_file:
        key_file.write(secrets.token_urlsafe(32))


def prepare_database() -> None:
    app = create_app()
    with app.app_context():
        upgrade()
        if not users.list_users(1, 1).count:
            for email, name, role in FIRST_ACCOUNTS:
                password = secrets.token_urlsafe(12)
                users.create_user(email, name, role.value, password)
                # Shown this once: only its hash is kept.
                print(f"Created {role.value} {email} with password {password}", file=sys.stderr)
        if not count_tickets({}):
            staff = [user.id for user in users.list_users(1, len(FIRST_ACCOUNTS)).results]
            seeded = seed.seed_tickets(DEMO_TICKET_COUNT, seeder="make run", assignee_ids=staff)
            print(f"Seeded {seeded} demo tickets.", file=sys.stderr)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    # This machine only: plain http, cookies without Secure and a demo admin are for the
    # developer's own browser, not for the network (0.0.0.0 opens it to every interface).
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    arguments = parser.parse_args()
    ensure_secret_key()
    # Plain http on this machine: a Secure cookie would never be sent back.
    os.environ.setdefault("SESSION_COOKIE_SECURE", "false")
    prepare_database()
    gunicorn = Path(sys.executable).with_name("gunicorn")
    config = PROJECT_ROOT / "gunicorn.conf.py"
    os.chdir(PROJECT_ROOT)
    os.execv(
        gunicorn,
        [str(gunicorn), "-c", str(config), "--bind", f"{arguments.host}:{arguments.port}", "wsgi:app"],
    )


if __name__ == "__main__":
    main()
