"""`make run`'s server: migrate, seed an empty database with demo tickets, run gunicorn."""

import argparse
import os
import sys
from pathlib import Path

from flask_migrate import upgrade

from ticketsvc import create_app
from ticketsvc.config import PROJECT_ROOT
from ticketsvc.jobs import seed
from ticketsvc.tickets.service import count_tickets

DEMO_TICKET_COUNT = 300


def prepare_database() -> None:
    app = create_app()
    with app.app_context():
        upgrade()
        if not count_tickets({}):
            print(f"Seeded {seed.seed_tickets(DEMO_TICKET_COUNT)} demo tickets.", file=sys.stderr)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=8000)
    arguments = parser.parse_args()
    prepare_database()
    gunicorn = Path(sys.executable).with_name("gunicorn")
    config = PROJECT_ROOT / "gunicorn.conf.py"
    os.chdir(PROJECT_ROOT)
    os.execv(gunicorn, [str(gunicorn), "-c", str(config), "--bind", f"0.0.0.0:{arguments.port}", "wsgi:app"])


if __name__ == "__main__":
    main()
