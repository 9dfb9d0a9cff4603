"""`make run`'s server: a secret key, migrations, the first accounts and demo tickets on an
empty database, then gunicorn and a worker side by side, mail written as .eml files under
instance/mail/ unless MAIL_URL says otherwise."""

import argparse
import os
import secrets
import signal
import subprocess
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
MAIL_DIRECTORY = PROJECT_ROOT / "instance" / "mail"
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


def mail_defaults(port: int) -> None:
    """Mail on, into files a newcomer can open, unless the environment says otherwise."""
    os.environ.setdefault("MAIL_URL", MAIL_DIRECTORY.as_uri())
    os.environ.setdefault("MAIL_FROM", "Support <support@localhost>")
    os.environ.setdefault("PUBLIC_URL", f"http://localhost:{port}")


def serve(host: str, port: int) -> int:
    """gunicorn and `flask worker` until either stops, or until Ctrl-C or SIGTERM, which
    this process turns into SIGTERM for both (each in a session of its own, so that the
    terminal's Ctrl-C cannot catch one while it is still starting). Returns 0 after a
    stop that was asked for, else the exit status of the one that stopped on its own."""
    bin_dir = Path(sys.executable).parent
    gunicorn = [str(bin_dir / "gunicorn"), "-c", str(PROJECT_ROOT / "gunicorn.conf.py")]
    commands = [
        [*gunicorn, "--bind", f"{host}:{port}", "wsgi:app"],
        [str(bin_dir / "flask"), "--app", "wsgi", "worker"],
    ]
    processes = [subprocess.Popen(command, cwd=PROJECT_ROOT, start_new_session=True) for command in commands]
    asked_to_stop = False

    def stop_all(*_) -> None:
        nonlocal asked_to_stop
        asked_to_stop = True
        for process in processes:
            if process.poll() is None:
                process.terminate()

    signal.signal(signal.SIGINT, stop_all)
    signal.signal(signal.SIGTERM, stop_all)
    _, status = os.wait()
    stopped_on_its_own = not asked_to_stop
    stop_all()
    for process in processes:
        process.wait()
    return os.waitstatus_to_exitcode(status) if stopped_on_its_own else 0


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
    # No nginx logs the requests here: gunicorn does.
    os.environ.setdefault("GUNICORN_ACCESS_LOG", "-")
    mail_defaults(arguments.port)
    prepare_database()
    sys.exit(serve(arguments.host, arguments.port))


if __name__ == "__main__":
    main()
