"""classify(): Gemini within a hard time budget when configured, else the offline rules.

Call it inside a Flask app context. It reads the config keys named like the environment
variables: GEMINI_API_KEY (unset → offline rules), GEMINI_MODEL, GEMINI_BASE_URL and
CLASSIFIER_TIMEOUT_S, the budget of the whole call. It never raises and never waits
longer than the budget plus deadline.CANCELLATION_GRACE_S: every failure answers from
the offline rules and is logged once, with its reason and without the key.
"""

import logging
import threading
import time
from collections.abc import Callable

from flask import Flask, current_app
from google import genai

from ticketsvc.classifier import fallback
from ticketsvc.classifier.deadline import run_with_deadline
from ticketsvc.classifier.gemini import GeminiFailure, GeminiSettings, ask_gemini, build_client
from ticketsvc.classifier.suggestion import Suggestion

__all__ = ["CLASSIFIER_NAMES", "Suggestion", "asks_gemini", "classifier_named", "classify"]

logger = logging.getLogger("ticketsvc.classifier")

CLASSIFIER_NAMES = ("auto", "gemini", "fallback")
_EXTENSION_KEY = "ticketsvc.classifier"
_client_lock = threading.Lock()


def classify(title: str, description: str) -> Suggestion:
    """Suggest a category and priority for a ticket; always answers, always in time."""
    started = time.monotonic()
    settings = GeminiSettings.from_config(current_app.config)
    if settings is None:
        logger.info("Gemini is not configured (no GEMINI_API_KEY): answering offline")
        return fallback.classify(title, description)
    try:
        # current_app is a werkzeug LocalProxy, which Flask types as the app it stands for.
        client = _client_for(current_app._get_current_object(), settings)  # type: ignore[attr-defined]
        time_left = settings.timeout_s - (time.monotonic() - started)
        return run_with_deadline(lambda: ask_gemini(client, settings.model, title, description), time_left)
    except TimeoutError:
        reason = f"no answer within the {settings.timeout_s:g} s budget"
    except GeminiFailure as failure:
        reason = failure.reason
    except Exception as error:  # a bug of ours must not fail ticket creation either
        reason = f"unexpected {type(error).__name__}: {error}"
    # A proxy or a fake server may echo the key in an error body.
    logger.warning(
        "Gemini classification failed, answering offline: %s",
        reason.replace(settings.api_key, "[GEMINI_API_KEY]"),
    )
    return fallback.classify(title, description)


def asks_gemini() -> bool:
    """Whether classify() calls Gemini (a key is configured) rather than answering offline:
    only such calls count against Gemini's quota, and only they are worth running in
    parallel."""
    return GeminiSettings.from_config(current_app.config) is not None


def _client_for(app: Flask, settings: GeminiSettings) -> genai.Client:
    """The app's google-genai client, built on first use and rebuilt if settings change."""
    cached = app.extensions.get(_EXTENSION_KEY)
    if cached is not None and cached[0] == settings:
        return cached[1]
    with _client_lock:
        cached = app.extensions.get(_EXTENSION_KEY)
        if cached is None or cached[0] != settings:
            cached = (settings, build_client(settings))
            app.extensions[_EXTENSION_KEY] = cached
        return cached[1]


def classifier_named(name: str) -> Callable[[str, str], Suggestion]:
    """The classify function behind a CLI choice: auto, gemini (key required) or fallback.

    "gemini" still answers offline when a call fails; the evaluation report counts how
    many answers came from where.
    """
    if name == "fallback":
        return fallback.classify
    if name == "gemini" and GeminiSettings.from_config(current_app.config) is None:
        raise ValueError("the gemini classifier needs GEMINI_API_KEY to be set")
    if name in ("auto", "gemini"):
        return classify
    raise ValueError(f"unknown classifier {name!r}; choose one of {', '.join(CLASSIFIER_NAMES)}")
