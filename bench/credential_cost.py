"""What checking a request's credentials costs, in-process (not a test: timings vary by machine).

    .venv/bin/python -m bench.credential_cost [--server URL]

On a scratch database (created, migrated, dropped), times two ways, each as the median of
REPEATS:
- the check alone: authentication.identify() for a request carrying a valid API token,
  and one carrying a session cookie (request context included), in wall time and in this
  process's CPU time (the difference is mostly the wait on PostgreSQL's round trip);
- the whole request: GET /api/health/ through Flask's test client with and without the
  token (health admits anyone, so the only difference is the check), and the difference.
"""

import argparse
import statistics
import time

from flask import request
from flask_migrate import upgrade

from bench import database
from ticketsvc import create_app
from ticketsvc.accounts import passwords, sessions, tokens, users
from ticketsvc.accounts.authentication import identify
from ticketsvc.config import database_url_for_sqlalchemy
from ticketsvc.extensions import db

SCRATCH_DATABASE = "ticketsvc_bench_credentials"
REPEATS = 5_000


def median_ms(call, clock) -> float:
    timings = []
    for _ in range(REPEATS):
        started = clock()
        call()
        timings.append(clock() - started)
    return statistics.median(timings) * 1000


def measure(app) -> list[tuple[str, float, float]]:
    """(what, wall ms, CPU ms) of each measurement."""
    with app.app_context():
        users.create_user("bench@example.test", "Bench", "agent", passwords.MIN_LENGTH * "x")
        user = users.find_by_email("bench@example.test")
        _, token = tokens.create(user.id, "bench")
        cookie = sessions.cookie_value(sessions.start(user, user.password_hash))
        db.session.commit()
    bearer = {"Authorization": f"Bearer {token}"}
    checks = {
        "identify(), token": bearer,
        "identify(), session cookie": {"Cookie": f"{sessions.COOKIE_NAME}={cookie}"},
    }
    requests = {"GET /api/health/ without credentials": {}, "GET /api/health/ with the token": bearer}
    calls = {what: _identify_call(app, headers) for what, headers in checks.items()}
    calls |= {what: _request_call(app, headers) for what, headers in requests.items()}
    results = []
    for what, call in calls.items():
        call()  # the first call opens the pooled connection
        results.append((what, median_ms(call, time.perf_counter), median_ms(call, time.process_time)))
    return results


def _identify_call(app, headers: dict):
    def check():
        with app.test_request_context("/api/tickets/", headers=headers):
            identify(request, None)  # not a ticket's endpoint: no ticket key is looked at
            db.session.remove()

    return check


def _request_call(app, headers: dict):
    client = app.test_client()

    def get():
        assert client.get("/api/health/", headers=headers).status_code == 200

    return get


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--server", help="PostgreSQL server URL [127.0.0.1:5432, else embedded]")
    server = database.server_url(parser.parse_args().server)
    database.drop(server, SCRATCH_DATABASE)
    database.create_empty(server, SCRATCH_DATABASE)
    url = database_url_for_sqlalchemy(database.database_url(server, SCRATCH_DATABASE))
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench", "RATELIMIT_ENABLED": False})
    try:
        with app.app_context():
            upgrade()
        results = measure(app)
        with app.app_context():
            db.engine.dispose()
    finally:
        database.drop(server, SCRATCH_DATABASE)
    print(f"{'median of ' + format(REPEATS, ','):<40} {'wall ms':>8} {'CPU ms':>8}")
    for what, wall_ms, cpu_ms in results:
        print(f"{what:<40} {wall_ms:>8.3f} {cpu_ms:>8.3f}")
    (_, anonymous_wall, anonymous_cpu), (_, signed_wall, signed_cpu) = results[-2:]
    what = "the token's cost to a request"
    print(f"{what:<40} {signed_wall - anonymous_wall:>8.3f} {signed_cpu - anonymous_cpu:>8.3f}")


if __name__ == "__main__":
    main()
