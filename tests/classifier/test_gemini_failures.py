"""Whatever Gemini does, classify() answers from the offline rules within the budget,
logs the failure once with its reason, and never logs the key (real SDK, fake server)."""

import json
import threading

import pytest

from tests.classifier.fake_gemini import (
    answer,
    api_error,
    candidate_reply,
    delayed,
    never_answer,
    raw,
    reply_json,
    trickle,
)
from ticketsvc.classifier import fallback
from ticketsvc.enums import ClassificationSource

# Each answer timed against the budget plus half a second: the serial pass.
pytestmark = pytest.mark.serial

TITLE, DESCRIPTION = "Charged twice", "Two charges of 49 EUR on my card, please refund one."

FAILURES = {
    "invalid key (400)": (
        api_error(400, "INVALID_ARGUMENT", "API key not valid. Please pass a valid API key."),
        "HTTP 400",
    ),
    "forbidden (403)": (
        api_error(403, "PERMISSION_DENIED", "Method doesn't allow unregistered callers."),
        "HTTP 403",
    ),
    "quota (429)": (
        api_error(429, "RESOURCE_EXHAUSTED", "You exceeded your current quota."),
        "HTTP 429",
    ),
    "server error (500)": (api_error(500, "INTERNAL", "Internal error encountered."), "HTTP 500"),
    "unavailable (503)": (api_error(503, "UNAVAILABLE", "The model is overloaded."), "HTTP 503"),
    "error page that is not JSON (502)": (raw(502, b"<html>Bad Gateway</html>"), "HTTP 502"),
    "200 whose body is not JSON": (raw(200, b"<html>maintenance</html>"), "not JSON"),
    "prose instead of JSON": (
        candidate_reply("I would say this is a billing issue of high priority."),
        "not JSON",
    ),
    "JSON outside the enums": (
        candidate_reply(json.dumps({"category": "refunds", "priority": "urgent"})),
        "'refunds' is not one of",
    ),
    "priority outside the enum": (
        candidate_reply(json.dumps({"category": "billing", "priority": "P1"})),
        "'P1' is not one of",
    ),
    "JSON without the fields": (candidate_reply(json.dumps({"label": "billing"})), "None"),
    "JSON that is not an object": (candidate_reply(json.dumps(["billing", "high"])), "object"),
    "no candidates": (reply_json({"candidates": [], "usageMetadata": {}}), "no candidates"),
    "empty body": (reply_json({}), "no candidates"),
    "safety block of the answer": (candidate_reply(None, finish_reason="SAFETY"), "SAFETY"),
    "prompt blocked": (
        reply_json({"promptFeedback": {"blockReason": "SAFETY"}, "usageMetadata": {}}),
        "prompt blocked",
    ),
    "answer cut by MAX_TOKENS": (
        candidate_reply('{"category": "bil', finish_reason="MAX_TOKENS"),
        "MAX_TOKENS",
    ),
    "never answers": (never_answer, "budget"),
    "answers after the budget": (delayed(3.0, answer("billing", "high")), "budget"),
    "trickles bytes": (trickle(interval_s=0.1), "budget"),
}


@pytest.mark.parametrize(("behaviour", "reason"), FAILURES.values(), ids=FAILURES.keys())
def test_failure_answers_offline_in_time_logged_once_without_key(
    fake_gemini, classify_timed, logs, api_key, longest_wait_s, behaviour, reason
):
    fake_gemini.behaviour = behaviour

    suggestion, elapsed = classify_timed(TITLE, DESCRIPTION)

    assert suggestion == fallback.classify(TITLE, DESCRIPTION)
    assert suggestion.source == ClassificationSource.FALLBACK
    assert elapsed <= longest_wait_s
    [record] = logs.from_classifier()
    assert reason in record.getMessage()
    assert not logs.mention(api_key)


def test_unreachable_server_answers_offline(app, classify_timed, logs, longest_wait_s):
    app.config["GEMINI_BASE_URL"] = "http://127.0.0.1:9"  # discard port: connection refused

    suggestion, elapsed = classify_timed()

    assert suggestion.source == ClassificationSource.FALLBACK
    assert elapsed <= longest_wait_s
    [record] = logs.from_classifier()
    assert "ConnectError" in record.getMessage()


@pytest.mark.parametrize("status", [429, 500, 503])
def test_retryable_statuses_are_not_retried(fake_gemini, classify_timed, status):
    fake_gemini.behaviour = api_error(status, "UNAVAILABLE", "try again later")

    classify_timed()

    assert len(fake_gemini.requests) == 1


def test_continuation_is_not_followed_with_more_requests(fake_gemini, classify_timed):
    fake_gemini.behaviour = reply_json(
        {
            "candidates": [
                {
                    "content": {"parts": [{"text": "{}"}], "role": "model"},
                    "finishReason": "CONTINUATION",
                    "continuationToken": "Y29udGludWU=",
                }
            ]
        }
    )

    suggestion, _ = classify_timed()

    assert len(fake_gemini.requests) == 1
    assert suggestion.source == ClassificationSource.FALLBACK


def test_error_body_echoing_the_key_is_not_logged(fake_gemini, classify_timed, logs, api_key):
    fake_gemini.behaviour = api_error(400, "INVALID_ARGUMENT", f"API key {api_key} not valid.")

    classify_timed()

    [record] = logs.from_classifier()
    assert "HTTP 400" in record.getMessage()
    assert not logs.mention(api_key)


def test_trickling_connection_is_closed_at_the_deadline(fake_gemini, classify_timed):
    """The call is cancelled, not abandoned: nothing keeps reading after the deadline."""
    fake_gemini.behaviour = trickle(interval_s=0.05)
    threads_before = threading.active_count()

    classify_timed()

    # The server notices on its next write or two.
    assert fake_gemini.client_hung_up.wait(timeout=1.0)
    assert threading.active_count() <= threads_before + 1  # at most the shared loop thread


def test_a_slow_answer_within_the_budget_is_used(fake_gemini, classify_timed):
    fake_gemini.behaviour = delayed(0.3, answer("billing", "high"))

    suggestion, _ = classify_timed()

    assert suggestion.source == ClassificationSource.GEMINI
