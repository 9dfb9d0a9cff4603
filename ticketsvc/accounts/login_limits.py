"""Failed sign-ins are limited per client address and per email address (RATELIMIT_LOGIN):
a password can be guessed neither from one address nor, spread over many, for one account.

Only failures count, so people who sign in correctly are never held up; once a limit is
reached every attempt is refused (429) until the window moves on, the right password
included, or guessing would just continue. The counts live where the other limits' do
(RATELIMIT_STORAGE_URI); while a shared store is unreachable they are kept in memory.
"""

import logging
import math
import time

from flask import Flask, current_app
from limits import RateLimitItem, parse_many
from limits.storage import MemoryStorage, storage_from_string
from limits.strategies import MovingWindowRateLimiter

from ticketsvc.api.rate_limits import REDIS_TIMEOUTS, configured_limit

logger = logging.getLogger(__name__)
_EXTENSION_KEY = "ticketsvc.login_limits"


class LoginLimits:
    def __init__(self, limit: str | None, storage_uri: str, key_prefix: str):
        self.items: list[RateLimitItem] = parse_many(limit) if limit else []
        self.key_prefix = key_prefix
        options = REDIS_TIMEOUTS if storage_uri.startswith("redis") else {}
        self.shared = MovingWindowRateLimiter(storage_from_string(storage_uri, **options))
        self.in_memory = MovingWindowRateLimiter(MemoryStorage())

    def retry_after(self, client: str, email: str) -> int | None:
        """Seconds until an attempt for email from client may be made; None: now."""
        waits = [
            math.ceil(self._call("get_window_stats", item, *identity).reset_time - time.time())
            for item in self.items
            for identity in self._identities(client, email)
            if not self._call("test", item, *identity)
        ]
        return max(1, *waits) if waits else None

    def failed(self, client: str, email: str) -> None:
        for item in self.items:
            for identity in self._identities(client, email):
                self._call("hit", item, *identity)

    def _identities(self, client: str, email: str) -> list[tuple[str, ...]]:
        return [(self.key_prefix, "login-client", client), (self.key_prefix, "login-email", email.lower())]

    def _call(self, method: str, *arguments):
        try:
            return getattr(self.shared, method)(*arguments)
        except Exception as error:  # the store's own errors (Redis down) vary by driver
            logger.warning("login limits: shared store failed (%s); counting in memory", error)
            return getattr(self.in_memory, method)(*arguments)


def init_app(app: Flask) -> None:
    app.extensions[_EXTENSION_KEY] = LoginLimits(
        configured_limit(app, "RATELIMIT_LOGIN"),
        app.config["RATELIMIT_STORAGE_URI"],
        app.config["RATELIMIT_KEY_PREFIX"],
    )


def login_limits() -> LoginLimits:
    return current_app.extensions[_EXTENSION_KEY]
