"""schemathesis fuzzes the whole API from its own OpenAPI description, in process, against
PostgreSQL: every operation alone (schema-valid and schema-violating input, the boundaries
of every constraint), then linked sequences (create → read → patch). All of its checks must
pass: no 5xx; status codes, bodies and content types as documented; valid input accepted,
invalid input refused; 405 with Allow for methods a path does not have.

At scale 1 the seed is fixed, so CI is repeatable; scripts/soak_hardening.sh runs it longer
with fresh seeds.
"""
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig

from tests.hardening.scale import scaled, seed
from ticketsvc import create_app

# A stale If-Match (412) and an unknown ticket or page (404) are right answers to
# schema-valid requests; nothing else may refuse one.
VALID_REQUEST_ANSWERS = ["2xx", "404", "412"]
FUZZ_SEED = seed(20261126)
CONFIG = SchemathesisConfig.from_dict({
    **({"seed": FUZZ_SEED} if FUZZ_SEED is not None else {}),
    "generation": {"max-examples": scaled(100)},
    "checks": {"positive_data_acceptance": {"expected-statuses": VALID_REQUEST_ANSWERS}},
})
FUZZ_SETTINGS = {"deadline": None, "suppress_health_check": list(HealthCheck)}


def served_description() -> dict:
    """/api/openapi.json as the app serves it; building an app opens no connection."""
    app = create_app({
        "SQLALCHEMY_DATABASE_URI": "postgresql+psycopg2://unused@127.0.0.1/unused",
        "RATELIMIT_CLASSIFY": "off",
        "RATELIMIT_CREATE": "off",
    })
    return app.test_client().get("/api/openapi.json").get_json()


# Loaded at import, as schemathesis's pytest parametrization needs (its loader from a
# fixture fails under pytest 9); the requests go to the suite's app on the test database.
schema = schemathesis.openapi.from_dict(served_description(), config=CONFIG)


@schema.parametrize()
@settings(**FUZZ_SETTINGS)
def test_every_operation_answers_as_documented(case, migrated_app):
    case.call_and_validate(app=migrated_app)


def test_linked_operations_answer_as_documented(migrated_app):
    linked = schemathesis.openapi.from_wsgi("/api/openapi.json", migrated_app, config=CONFIG)
    linked.as_state_machine().run(
        settings=settings(max_examples=scaled(40), stateful_step_count=6, derandomize=FUZZ_SEED is not None,
                          **FUZZ_SETTINGS)
    )
