"""Entry point for gunicorn: `gunicorn -c gunicorn.conf.py wsgi:app`."""

from ticketsvc import connections, create_app

app = create_app()
# A served request waits on PostgreSQL for a bounded time, even when it stops answering.
connections.bound_waits(app.config["DATABASE_TIMEOUT_S"])
