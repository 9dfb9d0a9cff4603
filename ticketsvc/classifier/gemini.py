"""Asking Gemini through the google-genai SDK, and judging its answer ourselves.

Every way the call can fail ends in GeminiFailure with a reason fit for a log line;
the facade turns it into the offline answer. What google-genai 3.6 does on its own
(read in its source, _api_client.py and models.py):
- `HttpOptions.timeout` is in milliseconds, per HTTP phase, not per call: deadline.py
  bounds the whole call.
- Without `retry_options` it makes one attempt; we say so explicitly (`attempts=1`),
  which also turns off the one implicit retry its aiohttp transport would make.
- It follows "continuation" replies with further requests unless told not to.
- A reply that is prose, truncated (MAX_TOKENS), blocked (SAFETY) or empty raises
  nothing, and a plain schema does not validate enum values: `_suggestion_from` checks.
"""

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from google import genai
from google.genai import errors, types

from ticketsvc.classifier.prompt import SYSTEM_INSTRUCTION, ticket_prompt
from ticketsvc.classifier.suggestion import Suggestion
from ticketsvc.enums import Category, ClassificationSource, Priority, values

# generateContent with a response schema is served under v1beta; the SDK's default is v1.
API_VERSION = "v1beta"

RESPONSE_SCHEMA = types.Schema(
    type=types.Type.OBJECT,
    properties={
        "category": types.Schema(type=types.Type.STRING, enum=values(Category)),
        "priority": types.Schema(type=types.Type.STRING, enum=values(Priority)),
    },
    required=["category", "priority"],
)
_FINISHED_NORMALLY = {None, types.FinishReason.STOP}
# The two labels of an answer.
Label = TypeVar("Label", Category, Priority)
_CLIENT_ERROR_KINDS = {
    400: "request refused (invalid key or request?)",
    401: "unauthenticated",
    403: "permission denied (key not allowed?)",
    404: "model not found",
    429: "quota exhausted or rate limited",
}


class GeminiFailure(Exception):
    """Gemini gave no usable answer; `reason` says why, without secrets."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class GeminiSettings:
    """The configuration one client is built for (Flask config keys = env var names;
    their defaults are config.py's)."""

    api_key: str = field(repr=False)
    model: str
    base_url: str | None
    timeout_s: float

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> "GeminiSettings | None":
        """The settings, or None when no API key is configured."""
        api_key = config.get("GEMINI_API_KEY")
        if not api_key:
            return None
        return cls(
            api_key=str(api_key),
            model=str(config["GEMINI_MODEL"]),
            base_url=str(config.get("GEMINI_BASE_URL") or "") or None,
            timeout_s=float(config["CLASSIFIER_TIMEOUT_S"]),
        )


def build_client(settings: GeminiSettings) -> genai.Client:
    return genai.Client(
        # Explicit, so GOOGLE_GENAI_USE_VERTEXAI or GOOGLE_API_KEY in the environment
        # cannot redirect the calls.
        vertexai=False,
        api_key=settings.api_key,
        http_options=types.HttpOptions(
            base_url=settings.base_url,
            api_version=API_VERSION,
            timeout=math.ceil(settings.timeout_s * 1000),
            retry_options=types.HttpRetryOptions(attempts=1),
        ),
    )


def generation_config(model: str) -> types.GenerateContentConfig:
    return types.GenerateContentConfig(
        system_instruction=SYSTEM_INSTRUCTION,
        temperature=0,
        response_mime_type="application/json",
        response_schema=RESPONSE_SCHEMA,
        thinking_config=_thinking_config(model),
        automatic_function_calling=types.AutomaticFunctionCallingConfig(disable=True),
        automatic_continuation=False,
    )


def _thinking_config(model: str) -> types.ThinkingConfig | None:
    # Picking two short labels needs no reasoning, and thinking would spend most
    # of the time budget. 2.5 Flash models accept a budget of 0; others may refuse it.
    if model.removeprefix("models/").startswith("gemini-2.5-flash"):
        return types.ThinkingConfig(thinking_budget=0)
    return None


async def ask_gemini(client: genai.Client, model: str, title: str, description: str) -> Suggestion:
    """One generateContent call; GeminiFailure for every way it can go wrong."""
    try:
        response = await client.aio.models.generate_content(
            model=model, contents=ticket_prompt(title, description), config=generation_config(model)
        )
    except Exception as error:  # whatever the SDK or its transport raises: named in the reason
        raise GeminiFailure(_reason_for(error)) from error
    return _suggestion_from(response, model)


def _reason_for(error: Exception) -> str:
    if isinstance(error, errors.APIError):
        kind = _CLIENT_ERROR_KINDS.get(error.code, "HTTP error")
        if isinstance(error, errors.ServerError):
            kind = "Gemini server error"
        return f"{kind}: HTTP {error.code} {error.status or ''} {error.message or ''}".strip()
    if isinstance(error, json.JSONDecodeError):
        return "reply body is not JSON"
    # Transport errors (httpx's ConnectError, ReadTimeout, ...) name themselves well.
    return f"request failed: {type(error).__name__}: {error}"


def _suggestion_from(response: types.GenerateContentResponse, model: str) -> Suggestion:
    feedback = response.prompt_feedback
    if feedback and feedback.block_reason:
        raise GeminiFailure(f"prompt blocked: {feedback.block_reason}")
    if not response.candidates:
        raise GeminiFailure("reply has no candidates")
    candidate = response.candidates[0]
    if candidate.finish_reason not in _FINISHED_NORMALLY:
        raise GeminiFailure(f"generation stopped early: {candidate.finish_reason}")
    parts = candidate.content.parts if candidate.content else None
    text = "".join(part.text or "" for part in parts or [] if not part.thought)
    try:
        answer = json.loads(text)
    except ValueError:
        raise GeminiFailure(f"reply text is not JSON ({len(text)} characters)") from None
    if not isinstance(answer, dict):
        raise GeminiFailure("reply JSON is not an object")
    return Suggestion(
        category=_enum_value(Category, answer.get("category"), "category"),
        priority=_enum_value(Priority, answer.get("priority"), "priority"),
        source=ClassificationSource.GEMINI,
        model=model,
    )


def _enum_value(enum_class: type[Label], value: object, name: str) -> Label:
    if isinstance(value, str) and value in values(enum_class):
        return enum_class(value)
    shown = repr(value)[:40]
    allowed = ", ".join(values(enum_class))
    raise GeminiFailure(f"{name} {shown} is not one of {allowed}")
