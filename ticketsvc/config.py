"""Settings, read once from the environment."""

import os
from pathlib import Path

# The checkout: where instance/, migrations/, frontend/dist and gunicorn.conf.py are.
PROJECT_ROOT = Path(__file__).resolve().parent.parent
# Written by `make run` (devtools/serve.py) on its first start, for local use only.
SECRET_KEY_FILE = PROJECT_ROOT / "instance" / "secret_key"
MEGABYTE = 1024 * 1024
MAX_BULK_CHUNK_SIZE = 1000


def database_url_for_sqlalchemy(url: str) -> str:
    """Name the psycopg2 driver in a URL written the way PostgreSQL tools write it.

    SQLAlchemy 2.1 maps a bare ``postgresql://`` to psycopg 3, which is not installed,
    and does not know Heroku-style ``postgres://`` at all.
    """
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg2://" + url[len(prefix) :]
    return url


def _number(name: str, default: float) -> float:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return float(raw)
    except ValueError:
        raise RuntimeError(f"{name} must be a number, got {raw!r}") from None


def _flag(name: str, default: bool) -> bool:
    raw = (os.environ.get(name) or "").strip().lower()
    if not raw:
        return default
    if raw in ("true", "1", "yes", "on"):
        return True
    if raw in ("false", "0", "no", "off"):
        return False
    raise RuntimeError(f"{name} must be true or false, got {raw!r}")


def _local_secret_key() -> str | None:
    try:
        return SECRET_KEY_FILE.read_text().strip() or None
    except OSError:
        return None


class Config:
    """Every setting ticketsvc reads; tests pass overrides to create_app()."""

    def __init__(self) -> None:
        database_url = os.environ.get("DATABASE_URL")
        # None means "the embedded server": embedded_db fills it in before the app starts.
        self.SQLALCHEMY_DATABASE_URI = database_url_for_sqlalchemy(database_url) if database_url else None
        # How long a request may wait on PostgreSQL (connecting, or one statement) before it
        # answers 503 instead of holding a worker thread; see ticketsvc/db/connections.py.
        self.DATABASE_TIMEOUT_S = _number("DATABASE_TIMEOUT_S", 3.0)
        # How long one CSV export may run in PostgreSQL, sending its rows included (as
        # fast as the client reads them): minutes, not a request's seconds.
        self.EXPORT_TIMEOUT_S = _number("EXPORT_TIMEOUT_S", 600.0)
        self.MAX_CONTENT_LENGTH = MEGABYTE

        self.GEMINI_API_KEY = os.environ.get("GEMINI_API_KEY") or None
        self.GEMINI_MODEL = os.environ.get("GEMINI_MODEL", "gemini-2.5-flash")
        self.GEMINI_BASE_URL = os.environ.get("GEMINI_BASE_URL") or None
        self.CLASSIFIER_TIMEOUT_S = _number("CLASSIFIER_TIMEOUT_S", 5.0)

        # Signs session cookies and keys their CSRF tokens; create_app() refuses to start
        # without one. make run generates one under instance/ for local use.
        self.SECRET_KEY = os.environ.get("SECRET_KEY") or _local_secret_key()
        # The session cookie is sent over HTTPS only, unless plain-http development says no.
        self.SESSION_COOKIE_SECURE = _flag("SESSION_COOKIE_SECURE", default=True)

        self.SEARCH_COUNT_LIMIT = int(_number("SEARCH_COUNT_LIMIT", 1000))
        self.TRUSTED_PROXIES = int(_number("TRUSTED_PROXIES", 0))

        # Per client address, in Flask-Limiter's syntax ("30/minute"); "off" disables one.
        self.RATELIMIT_CLASSIFY = os.environ.get("RATELIMIT_CLASSIFY") or "30/minute"
        self.RATELIMIT_CREATE = os.environ.get("RATELIMIT_CREATE") or "60/minute"
        # Failed sign-ins, counted per client address and per email address.
        self.RATELIMIT_LOGIN = os.environ.get("RATELIMIT_LOGIN") or "10/minute"
        # Customers' comments (each mails the assignee), per ticket key and per client.
        self.RATELIMIT_COMMENT = os.environ.get("RATELIMIT_COMMENT") or "30/hour"
        # memory:// counts per gunicorn worker; redis://host:6379 shares the counts.
        self.RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI") or "memory://"
        # Keeps the counters apart from anything else kept in the same Redis.
        self.RATELIMIT_KEY_PREFIX = "ticketsvc"

        # The address people open; every link in mail starts with it.
        self.PUBLIC_URL = os.environ.get("PUBLIC_URL") or "http://localhost:8000"
        # Where mail goes (smtp://, smtps://, file://); unset, nothing is queued. MAIL_FROM
        # is required with it; ticketsvc/mail/settings.py checks both at start-up.
        self.MAIL_URL = os.environ.get("MAIL_URL") or None
        self.MAIL_FROM = os.environ.get("MAIL_FROM") or None
        # How long the worker waits on the SMTP server at each step of one message.
        self.MAIL_TIMEOUT_S = _number("MAIL_TIMEOUT_S", 10.0)
        # The secret an MTA or mail provider sends to POST /api/mail/inbound/; unset, that
        # door is closed (404).
        self.MAIL_INBOUND_TOKEN = os.environ.get("MAIL_INBOUND_TOKEN") or None
        self.MAIL_IMAP_URL = os.environ.get("MAIL_IMAP_URL") or None
        self.MAIL_IMAP_INTERVAL_S = _number("MAIL_IMAP_INTERVAL_S", 60.0)
        # The largest incoming message taken, whichever door it comes through.
        self.MAIL_MAX_BYTES = int(_number("MAIL_MAX_BYTES", 10 * MEGABYTE))
        # How long an idle worker sleeps before it looks for work again.
        self.WORKER_POLL_S = _number("WORKER_POLL_S", 1.0)
        # Tickets a bulk job changes per transaction: at most 1,000 (the contract); fewer
        # hold each ticket's lock for less time, at some cost in speed.
        self.BULK_CHUNK_SIZE = int(_number("BULK_CHUNK_SIZE", MAX_BULK_CHUNK_SIZE))
        if not 1 <= self.BULK_CHUNK_SIZE <= MAX_BULK_CHUNK_SIZE:
            chosen = self.BULK_CHUNK_SIZE
            raise RuntimeError(f"BULK_CHUNK_SIZE must be 1 to {MAX_BULK_CHUNK_SIZE}, got {chosen}")

        # flask-smorest: where the OpenAPI description is served.
        self.API_TITLE = "ticketsvc"
        self.API_VERSION = "1.0.0"
        self.OPENAPI_VERSION = "3.0.3"
        self.OPENAPI_URL_PREFIX = "/api"
        self.OPENAPI_JSON_PATH = "openapi.json"

    def as_dict(self) -> dict:
        return dict(vars(self))
