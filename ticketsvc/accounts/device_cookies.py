"""Device cookies (OWASP's defence against locking people out): a browser that signed in
to an account before is recognised when it signs in to that account again.

Anyone may fail sign-ins for an email on purpose until its limit refuses the right
password too. A browser holding this account's device cookie is counted on the cookie's
own counter instead (sign_in_limits.py), so the attacker is limited and the people who use
the account are not. The cookie opens nothing by itself: it only chooses a counter.

Its value is a random nonce signed with SECRET_KEY, salted with the account's email, so
it cannot be forged, holds for that account only, and names no account to whoever reads
it. It is sent to the sign-in endpoint alone (its Path), never by another site
(SameSite=Strict), never to scripts (HttpOnly), and over HTTPS only unless
SESSION_COOKIE_SECURE=false. Each successful sign-in issues a new one.
"""

from datetime import timedelta

from flask import Request, Response, current_app
from itsdangerous import BadSignature, Signer

from ticketsvc.accounts.credentials import new_secret

COOKIE_NAME = "ticketsvc_device"
# Matches /api/auth/login and /api/auth/login/ (a cookie path is a prefix up to a "/").
COOKIE_PATH = "/api/auth/login"
LIFETIME = timedelta(days=180)


def set_cookie(response: Response, email: str) -> None:
    """Give the browser a new device cookie of the account with this email."""
    value = _signer(email).sign(new_secret()).decode()
    response.set_cookie(COOKIE_NAME, value, max_age=LIFETIME, **_cookie_attributes())


def recognised_device(request: Request, email: str) -> str | None:
    """The nonce of the browser's device cookie when it is one of the account with this
    email; None for no cookie, a forged one, or another account's."""
    value = request.cookies.get(COOKIE_NAME)
    if not value:
        return None
    try:
        return _signer(email).unsign(value).decode()
    except (BadSignature, UnicodeError):
        return None


def _signer(email: str) -> Signer:
    return Signer(current_app.config["SECRET_KEY"], salt=f"ticketsvc-device:{email.lower()}")


def _cookie_attributes() -> dict:
    secure = current_app.config["SESSION_COOKIE_SECURE"]
    return {"path": COOKIE_PATH, "httponly": True, "secure": secure, "samesite": "Strict"}
