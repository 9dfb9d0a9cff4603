"""Fixtures for the classifier: a bare Flask app (no database) pointed at a fake Gemini."""

import logging
import time
from collections.abc import Callable

import flask
import pytest

from tests.classifier.fake_gemini import FakeGemini
from ticketsvc import classifier
from ticketsvc.classifier.suggestion import Suggestion

API_KEY = "test-key-6f1c0d9a-never-log-me"
MODEL = "gemini-2.5-flash"
# Small, so the misbehaving-server tests stay fast; what matters is the bound, not its size.
BUDGET_S = 1.0
# Cancellation grace (0.2 s) plus thread scheduling and the offline rules' time.
MARGIN_S = 0.5


@pytest.fixture
def fake_gemini():
    server = FakeGemini().start()
    yield server
    server.stop()


@pytest.fixture
def app(fake_gemini):
    """Overrides the suite's database-backed app: the classifier needs no database."""
    app = flask.Flask(__name__)
    app.config.update(
        GEMINI_API_KEY=API_KEY,
        GEMINI_MODEL=MODEL,
        GEMINI_BASE_URL=fake_gemini.base_url,
        CLASSIFIER_TIMEOUT_S=BUDGET_S,
    )
    return app


@pytest.fixture
def classify_timed(app) -> Callable[..., tuple[Suggestion, float]]:
    """classify() inside the app, returning the suggestion and the seconds it took."""

    def run(title: str = "Charged twice", description: str = "Two charges of 49 EUR.") -> tuple:
        with app.app_context():
            started = time.monotonic()
            suggestion = classifier.classify(title, description)
            return suggestion, time.monotonic() - started

    return run


@pytest.fixture
def api_key() -> str:
    return API_KEY


@pytest.fixture
def longest_wait_s() -> float:
    """The longest classify() may take: the budget plus a small margin."""
    return BUDGET_S + MARGIN_S


class CapturedLogs:
    def __init__(self, caplog: pytest.LogCaptureFixture) -> None:
        self._caplog = caplog

    def from_classifier(self) -> list[logging.LogRecord]:
        return [r for r in self._caplog.records if r.name == "ticketsvc.classifier"]

    def mention(self, text: str) -> bool:
        """Whether any record of any logger, message or traceback, contains text."""
        return any(
            text in record.getMessage() or text in (record.exc_text or "") for record in self._caplog.records
        )


@pytest.fixture
def logs(caplog) -> CapturedLogs:
    """Every record of every logger (the SDK's and httpx's too), from DEBUG up."""
    caplog.set_level(logging.DEBUG)
    return CapturedLogs(caplog)
