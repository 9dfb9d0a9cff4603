"""Failed password checks are limited (RATELIMIT_LOGIN): a password can be guessed neither
from one address nor, spread over many, for one account, nor with a stolen session. Asking
for password resets is limited under the same setting, so they cannot flood a mailbox.

Sign-ins are counted per client address and per email address. A browser holding a
device cookie of the account it signs in to (device_cookies.py) is counted on that
cookie's own counter instead, so failing on purpose cannot lock the account's people out
(OWASP's "device cookies"). A wrong current_password on a password change is counted per
user: whoever holds a session or a token must not get a password oracle with it. Reset
requests are counted per client address and per email address, on counters of their own:
asking for resets does not lock anyone out of signing in, nor failing sign-ins out of a reset.

Of password checks only failures count, so people who get their password right are never
held up; every reset request counts, since none can fail visibly. Once a
limit is reached every attempt is refused (429) until the window moves on, the right
password included, or guessing would just continue. The counts live where the other
limits' do (RATELIMIT_STORAGE_URI); while a shared store is unreachable they are kept in
memory.
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
_EXTENSION_KEY = "ticketsvc.sign_in_limits"


class TooManyAttempts(Exception):
    def __init__(self, retry_after_s: int, attempts: str):
        super().__init__(retry_after_s, attempts)
        self.retry_after_s = retry_after_s
        self.attempts = attempts  # what there were too many of, for the answer: "wrong passwords"


def sign_in_counters(client: str, email: str, device: str | None) -> list[tuple[str, ...]]:
    """What a sign-in's failure counts on: the device cookie's own counter when the browser
    holds one bound to this email, else the client address's and the email's."""
    # The names the counts are kept under in the store: renaming them restarts every count.
    if device is not None:
        return [("login-device", device)]
    return [("login-client", client), ("login-email", email.lower())]


def password_check_counters(user_id: int) -> list[tuple[str, ...]]:
    """What a wrong current password counts on: the user's own counter."""
    return [("password-check", str(user_id))]


def reset_request_counters(client: str, email: str) -> list[tuple[str, ...]]:
    """What a password reset request counts on: the client address's and the email's."""
    return [("reset-client", client), ("reset-email", email.lower())]


class SignInLimits:
    def __init__(self, limit: str | None, storage_uri: str, key_prefix: str):
        self.items: list[RateLimitItem] = parse_many(limit) if limit else []
        self.key_prefix = key_prefix
        options = REDIS_TIMEOUTS if storage_uri.startswith("redis") else {}
        self.shared = MovingWindowRateLimiter(storage_from_string(storage_uri, **options))
        self.in_memory = MovingWindowRateLimiter(MemoryStorage())

    def check(self, counters: list[tuple[str, ...]], attempts: str = "wrong passwords") -> None:
        """Raise TooManyAttempts while any of the counters is at its limit; attempts says
        what they count, for the answer."""
        waits = [
            math.ceil(
                self._call("get_window_stats", item, self.key_prefix, *counter).reset_time - time.time()
            )
            for item in self.items
            for counter in counters
            if not self._call("test", item, self.key_prefix, *counter)
        ]
        if waits:
            raise TooManyAttempts(max(1, *waits), attempts)

    def count(self, counters: list[tuple[str, ...]]) -> None:
        """One more attempt on each counter (of sign-ins, only the failed ones are counted)."""
        for item in self.items:
            for counter in counters:
                self._call("hit", item, self.key_prefix, *counter)

    def _call(self, method: str, *arguments):
        try:
            return getattr(self.shared, method)(*arguments)
        except Exception as error:  # the store's own errors (Redis down) vary by driver
            # Worded as docs/operations.md quotes it, for whoever watches the logs for it.
            logger.warning("login limits: shared store failed (%s); counting in memory", error)
            return getattr(self.in_memory, method)(*arguments)


def init_app(app: Flask) -> None:
    app.extensions[_EXTENSION_KEY] = SignInLimits(
        configured_limit(app, "RATELIMIT_LOGIN"),
        app.config["RATELIMIT_STORAGE_URI"],
        app.config["RATELIMIT_KEY_PREFIX"],
    )


def sign_in_limits() -> SignInLimits:
    return current_app.extensions[_EXTENSION_KEY]
