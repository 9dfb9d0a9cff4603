"""Entry point for gunicorn: `gunicorn -c gunicorn.conf.py wsgi:app`."""

from ticketsvc import create_app

app = create_app()
