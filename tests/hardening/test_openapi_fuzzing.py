"""schemathesis fuzzes the whole API from its own OpenAPI description, in process, against
PostgreSQL: every operation alone (schema-valid and schema-violating input, the boundaries
of every constraint), then linked sequences (create → read → patch). All of its checks must
pass: no 5xx; status codes, bodies and content types as documented; valid input accepted,
invalid input refused; 405 with Allow for methods a path does not have.

At scale 1 the seed is fixed, so CI is repeatable; scripts/soak_hardening.sh runs it longer
with fresh seeds.
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig
from sqlalchemy import text

from tests.conftest import TEST_MAIL_INBOUND_TOKEN, empty_tables
from tests.hardening.scale import scaled, seed
from tests.staff import ADMIN, StaffMember
from ticketsvc import create_app
from ticketsvc.accounts.credentials import digest
from ticketsvc.extensions import db

# A stale If-Match (412) and an unknown ticket or page (404) are right answers to
# schema-valid requests; nothing else may refuse one.
VALID_REQUEST_ANSWERS = ["2xx", "404", "412"]
FUZZ_SEED = seed(20261126)
# Valid requests that the state of the data may still refuse, operation by operation.
STATE_DEPENDENT_ANSWERS = {
    "POST /api/auth/login/": ["401"],  # an email and password that are no account's
    "PATCH /api/auth/me/": ["400"],  # a current_password that is not the admin's
    "POST /api/auth/password-reset/confirm/": ["400"],  # a token that is no live link's
    "POST /api/users/": ["409"],  # an email taken by an earlier example
    "PATCH /api/users/{user_id}/": ["409"],  # demoting or deactivating the last admin
    "GET /api/tickets/": ["400"],  # an assignee id that is no user's
    "GET /api/tickets/export.csv": ["400"],  # an assignee id that is no user's
    "PATCH /api/tickets/{ticket_id}/": ["400"],  # an assignee_id that is no active agent
    # An assignee_id that is no active agent, or a filter string the list refuses (its
    # grammar, the list's query parameters, is more than a JSON schema says of a string).
    "POST /api/tickets/bulk/": ["400"],
    "POST /api/tickets/{ticket_id}/comments/": ["400"],  # a reply_id that is no reply the admin sees
}
CONFIG_VALUES = {
    **({"seed": FUZZ_SEED} if FUZZ_SEED is not None else {}),
    "generation": {"max-examples": scaled(100)},
    "checks": {"positive_data_acceptance": {"expected-statuses": VALID_REQUEST_ANSWERS}},
    # Every request as the test admin, who may call every operation but the mail server's.
    "auth": {
        "openapi": {
            "bearerAuth": {"bearer": ADMIN.token},
            "mailInboundToken": {"bearer": TEST_MAIL_INBOUND_TOKEN},
        }
    },
    "operations": [
        {
            "include-name": operation,
            "checks": {"positive_data_acceptance": {"expected-statuses": VALID_REQUEST_ANSWERS + answers}},
        }
        for operation, answers in STATE_DEPENDENT_ANSWERS.items()
    ],
}
CONFIG = SchemathesisConfig.from_dict(CONFIG_VALUES)
FUZZ_SETTINGS = {"deadline": None, "suppress_health_check": list(HealthCheck)}
# The inbound mail door takes a raw message (a binary string in the description): sent as
# the bytes they are, like application/octet-stream.
schemathesis.serializer.alias("message/rfc822", "application/octet-stream")


def served_description() -> dict:
    """/api/openapi.json as the app serves it; building an app opens no connection."""
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": "postgresql+psycopg2://unused@127.0.0.1/unused",
            "SECRET_KEY": "unused",
            "RATELIMIT_CLASSIFY": "off",
            "RATELIMIT_CREATE": "off",
        }
    )
    return app.test_client().get("/api/openapi.json").get_json()


# Loaded at import, as schemathesis's pytest parametrization needs (its loader from a
# fixture fails under pytest 9); the requests go to the suite's app on the test database.
# ignored_auth (a request without or with a wrong credential must be refused) sends its
# probes through the schema's own transport, which an app passed per call does not reach:
# the linked run below, loaded from the app itself, checks it.
schema = schemathesis.openapi.from_dict(
    served_description(),
    config=SchemathesisConfig.from_dict(
        {**CONFIG_VALUES, "checks": {**CONFIG_VALUES["checks"], "ignored_auth": {"enabled": False}}}
    ),
)


def restore_the_fuzzers_access(app, fuzzer: StaffMember) -> None:
    """The fuzzer acts as the test admin, whom an example may deactivate, demote, give a new
    password or whose token it may revoke (each refused or not as documented): the next
    example starts with the admin's access as it was."""
    with app.app_context():
        db.session.execute(
            text("UPDATE users SET (active, role) = (true, 'admin') WHERE email = :email"),
            {"email": fuzzer.email},
        )
        db.session.execute(
            text("UPDATE api_tokens SET revoked_at = NULL WHERE secret_digest = :digest"),
            {"digest": digest(fuzzer.token)},
        )
        db.session.commit()


# Parametrized, with its one fuzzer, so that each operation's test has an id of its own:
# schemathesis names them all after the function, which pytest 9 makes one id, and
# pytest-xdist runs one test per id (tests/conftest.py refuses that).
@schema.parametrize()
@pytest.mark.parametrize("fuzzer", [ADMIN], ids=["admin"])
@settings(**FUZZ_SETTINGS)
def test_every_operation_answers_as_documented(case, fuzzer, app):
    restore_the_fuzzers_access(app, fuzzer)
    case.call_and_validate(app=app)


def test_linked_operations_answer_as_documented(app):
    linked = schemathesis.openapi.from_wsgi("/api/openapi.json", app, config=CONFIG)

    class KeepingTheAdminsAccess(linked.as_state_machine()):
        def setup(self):
            # Each scenario starts from the same data, so that hypothesis can replay one.
            with app.app_context():
                empty_tables(db.session.connection())
                db.session.commit()

        def before_call(self, case):
            restore_the_fuzzers_access(app, ADMIN)

    KeepingTheAdminsAccess.run(
        settings=settings(
            max_examples=scaled(40), stateful_step_count=6, derandomize=FUZZ_SEED is not None, **FUZZ_SETTINGS
        )
    )
