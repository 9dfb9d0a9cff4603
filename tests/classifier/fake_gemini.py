"""A stand-in for the Gemini API on 127.0.0.1 that answers like it, or misbehaves on cue.

It serves `POST /v1beta/models/{model}:generateContent` over real HTTP, so the real
google-genai SDK is exercised end to end. Each test picks a behaviour (a function that
writes the response) and can read back every request it received.
"""

import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# Long enough to outlast any classification budget used in the tests.
NEVER_S = 30.0


@dataclass(frozen=True)
class ReceivedRequest:
    path: str
    headers: dict[str, str]
    body: dict

    @property
    def prompt_text(self) -> str:
        return self.body["contents"][0]["parts"][0]["text"]

    @property
    def system_instruction(self) -> str:
        return self.body["systemInstruction"]["parts"][0]["text"]


class FakeGemini:
    def __init__(self) -> None:
        self.requests: list[ReceivedRequest] = []
        self.behaviour: Callable[[BaseHTTPRequestHandler], None] = answer("general", "low")
        # Set when the client hangs up on a trickling answer, seen from the server.
        self.client_hung_up = threading.Event()
        self._stopping = threading.Event()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_port}"

    def start(self) -> "FakeGemini":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()  # releases handlers that hang or trickle
        self._server.shutdown()
        self._server.server_close()

    def wait_while_running(self, seconds: float) -> None:
        self._stopping.wait(seconds)

    @property
    def stopping(self) -> bool:
        return self._stopping.is_set()


def _handler_for(fake_server: FakeGemini) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        fake = fake_server

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", 0))
            body = json.loads(self.rfile.read(length) or b"{}")
            self.fake.requests.append(ReceivedRequest(self.path, dict(self.headers), body))
            self.fake.behaviour(self)

        def log_message(self, format: str, *args: object) -> None:
            pass  # keep the test output to what the tests assert

    return Handler


def send(handler: BaseHTTPRequestHandler, status: int, body: bytes, content_type: str) -> None:
    handler.send_response(status)
    handler.send_header("Content-Type", content_type)
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


# --- Behaviours ----------------------------------------------------------------------

Behaviour = Callable[[BaseHTTPRequestHandler], None]


def reply_json(payload: dict, status: int = 200) -> Behaviour:
    encoded = json.dumps(payload).encode()
    return lambda handler: send(handler, status, encoded, "application/json; charset=UTF-8")


def candidate_reply(text: str | None, finish_reason: str = "STOP") -> Behaviour:
    """A 200 in generateContent's real shape, its first candidate holding `text`."""
    candidate: dict = {"finishReason": finish_reason, "index": 0}
    if text is not None:
        candidate["content"] = {"parts": [{"text": text}], "role": "model"}
    return reply_json(
        {
            "candidates": [candidate],
            "usageMetadata": {"promptTokenCount": 850, "candidatesTokenCount": 12, "totalTokenCount": 862},
            "modelVersion": "gemini-2.5-flash",
            "responseId": "fake-response-1",
        }
    )


def answer(category: str, priority: str) -> Behaviour:
    return candidate_reply(json.dumps({"category": category, "priority": priority}))


def api_error(status: int, status_name: str, message: str) -> Behaviour:
    """An error in Google's JSON error shape."""
    return reply_json({"error": {"code": status, "message": message, "status": status_name}}, status)


def raw(status: int, body: bytes, content_type: str = "text/html") -> Behaviour:
    return lambda handler: send(handler, status, body, content_type)


def delayed(seconds: float, then: Behaviour) -> Behaviour:
    def behave(handler: BaseHTTPRequestHandler) -> None:
        handler.fake.wait_while_running(seconds)
        then(handler)

    return behave


def never_answer(handler: BaseHTTPRequestHandler) -> None:
    handler.fake.wait_while_running(NEVER_S)


def trickle(interval_s: float = 0.1) -> Behaviour:
    """Headers at once, then one byte of a long body per interval: no read ever idles
    long enough for a per-read timeout to fire."""

    def behave(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", "100000")
        handler.end_headers()
        started = time.monotonic()
        while not handler.fake.stopping and time.monotonic() - started < NEVER_S:
            try:
                handler.wfile.write(b" ")
                handler.wfile.flush()
            except OSError:  # the client closed the connection
                handler.fake.client_hung_up.set()
                return
            handler.fake.wait_while_running(interval_s)

    return behave
