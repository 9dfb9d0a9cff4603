"""Signing in with an email and a password, answered alike whatever was wrong.

An unknown email, a wrong password and a deactivated account get the same answer after
the same work (one argon2 verification each), so the answer tells nothing about which
addresses have accounts. A password reset or a deactivation that lands while the
password is being verified refuses the sign-in too (sessions.start()).
"""

from ticketsvc.accounts import passwords, sessions, users
from ticketsvc.accounts.sign_in_limits import sign_in_counters, sign_in_limits
from ticketsvc.extensions import db


class SignInRefused(Exception):
    pass


def sign_in(email: str, password: str, client: str, device: str | None) -> sessions.Session:
    """A new session of the user; raises SignInRefused or sign_in_limits.TooManyAttempts.
    device is the nonce of the browser's device cookie for this email, if it holds one."""
    limits = sign_in_limits()
    counters = sign_in_counters(client, email, device)
    limits.check(counters)
    user = users.find_by_email(email)
    password_holds = passwords.verify_password(user.password_hash if user else None, password)
    session = None
    if password_holds and user.active:
        rehashed = passwords.hash_password(password) if passwords.needs_rehash(user.password_hash) else None
        session = sessions.start(user, user.password_hash, rehashed)
    if session is None:
        limits.count(counters)
        raise SignInRefused
    db.session.commit()
    return session
