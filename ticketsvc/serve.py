"""`make run`'s server: migrate, seed an empty database with demo tickets, run gunicorn."""

import argparse
import os
import sys
from pathlib import Path

from flask_migrate import upgrade

from ticketsvc import bulk, create_app
from ticketsvc.tickets.service import count_tickets

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEMO_TICKET_COUNT = 300


def prepare_database() -> None:
    app = create_app()
    with app.app_context():
        upgrade()
        if not count_tickets({}):
            print(f"Seeded {bulk.seed(DEMO_TICKET_COUNT)} demo tickets.", file=sys.stderr)


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
