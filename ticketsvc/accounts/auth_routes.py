"""HTTP views for signing in and for the caller's own account and API tokens."""

import http

from flask import jsonify, make_response, request
from flask.views import MethodView
from flask_limiter.util import get_remote_address

from ticketsvc.accounts import device_cookies, password_resets, passwords, sessions, tokens, users
from ticketsvc.accounts.access import INVALID_CREDENTIALS, REALM, unauthenticated
from ticketsvc.accounts.authentication import Caller, current_caller
from ticketsvc.accounts.schemas import (
    MeSchema,
    MeUpdateSchema,
    NewTokenSchema,
    PasswordResetConfirmSchema,
    PasswordResetRequestedSchema,
    PasswordResetRequestSchema,
    SignedInSchema,
    SignInSchema,
    TokenCreateSchema,
    TokenSchema,
)
from ticketsvc.accounts.sign_in_limits import TooManyAttempts, password_check_counters, sign_in_limits
from ticketsvc.accounts.signing_in import SignInRefused, sign_in
from ticketsvc.api.errors import error_response
from ticketsvc.api.smorest import Blueprint
from ticketsvc.extensions import db

bp = Blueprint(
    "auth",
    __name__,
    url_prefix="/api/auth",
    description="Signing in, forgotten passwords; your own account and API tokens",
)

# The answer to every reset request, whether or not a mail goes: it must tell nothing.
RESET_REQUESTED = "If this address is an active account's, a link to choose a new password is on its way."
LINK_NO_LONGER_VALID = "This link is no longer valid."


def signed_in_body(user, session: sessions.Session | None) -> dict:
    return {
        "id": user.id,
        "email": user.email,
        "name": user.name,
        "role": user.role,
        "csrf_token": sessions.csrf_token(session) if session else None,
    }


def me_body(user, session: sessions.Session | None) -> dict:
    """The signed-in body with the account's own settings; user is a row of USER_COLUMNS."""
    return {**signed_in_body(user, session), "notify_by_mail": user.notify_by_mail}


@bp.route("/login/")
class SignIn(MethodView):
    @bp.arguments(SignInSchema)
    @bp.response(200, SignedInSchema)
    @bp.error_responses(401, 429)
    def post(self, credentials):
        """Sign in; the answer sets the session cookie and carries its CSRF token. A browser
        that signed in to the account before is limited on its own count of failures."""
        email, password = credentials["email"], credentials["password"]
        device = device_cookies.recognised_device(request, email)
        session = sign_in(email, password, get_remote_address(), device)
        response = make_response(jsonify(signed_in_body(session.user, session)))
        sessions.set_cookie(response, sessions.cookie_value(session))
        device_cookies.set_cookie(response, email)
        return response


@bp.route("/logout/")
class Logout(MethodView):
    @bp.response(204)
    def post(self):
        """End this browser session at once: its cookie is refused from now on."""
        caller = current_caller()
        if caller.session is not None:
            sessions.end(caller.session.id)
            db.session.commit()
        response = make_response("", http.HTTPStatus.NO_CONTENT)
        sessions.clear_cookie(response)
        return response


@bp.route("/password-reset/")
class PasswordReset(MethodView):
    @bp.arguments(PasswordResetRequestSchema)
    @bp.response(202, PasswordResetRequestedSchema)
    @bp.error_responses(429)
    def post(self, data):
        """Ask for a link to choose a new password, mailed to the account if the address is
        an active one's. The answer is the same whatever the address; requests are limited
        per client and per address like failed sign-ins."""
        password_resets.request_reset(data["email"], get_remote_address())
        return {"message": RESET_REQUESTED}


@bp.route("/password-reset/confirm/")
class PasswordResetConfirm(MethodView):
    @bp.arguments(PasswordResetConfirmSchema)
    @bp.response(204)
    def post(self, data):
        """Choose a new password with a mailed link's token: the link is used up, and every
        browser session of the account ends; its API tokens stay."""
        try:
            password_resets.reset_password(data["token"], data["password"])
        except password_resets.LinkNoLongerValid:
            return error_response(400, LINK_NO_LONGER_VALID)
        return "", http.HTTPStatus.NO_CONTENT


@bp.route("/me/")
class Me(MethodView):
    @bp.response(200, MeSchema)
    def get(self):
        """Who is signed in, and whether they get mail."""
        caller = current_caller()
        return me_body(users.get_user(caller.user.id), caller.session)

    @bp.arguments(MeUpdateSchema)
    @bp.response(200, MeSchema)
    @bp.error_responses(429)
    def patch(self, changes):
        """Change your name, whether you get mail, or your password (which ends your other
        browser sessions). Wrong current passwords are limited like failed sign-ins, per user."""
        caller = current_caller()
        current_password = changes.pop("current_password", None)
        verified_hash = None
        if "password" in changes:
            verified_hash = _verified_hash(caller, current_password)
            if verified_hash is None:
                return _not_your_password()
        session_id = caller.session.id if caller.session else None
        try:
            user = users.change_own(caller.user.id, changes, session_id, verified_hash)
        except users.PasswordChanged:
            return _not_your_password()
        return me_body(user, caller.session)


@bp.route("/tokens/")
class Tokens(MethodView):
    @bp.response(200, TokenSchema(many=True))
    def get(self):
        """Your live API tokens, newest first, without their secrets."""
        return tokens.list_live(current_caller().user.id)

    @bp.arguments(TokenCreateSchema)
    @bp.response(201, NewTokenSchema)
    def post(self, data):
        """A new API token: `token` is in this answer only."""
        caller = current_caller()
        session_id = caller.session.id if caller.session else None
        created = tokens.create(caller.user.id, data["name"], session_id=session_id, token_id=caller.token_id)
        if created is None:  # the caller's credential ended while this request ran
            return unauthenticated(INVALID_CREDENTIALS)
        row, token = created
        db.session.commit()
        return {**row._mapping, "token": token}


@bp.route("/tokens/<id:token_id>/")
class Token(MethodView):
    @bp.response(204)
    @bp.error_responses(404)
    def delete(self, token_id):
        """Revoke one of your tokens: it stops working at once."""
        if not tokens.revoke(current_caller().user.id, token_id):
            return error_response(404, f"Token {token_id} not found.")
        db.session.commit()
        return "", http.HTTPStatus.NO_CONTENT


@bp.errorhandler(SignInRefused)
def sign_in_refused(error):
    return error_response(401, "Invalid email or password.", headers={"WWW-Authenticate": REALM})


@bp.errorhandler(TooManyAttempts)
def too_many_attempts(error):
    return error_response(
        429,
        f"Too many {error.attempts}. Retry in {error.retry_after_s} s.",
        headers={"Retry-After": str(error.retry_after_s)},
    )


def _verified_hash(caller: Caller, password: str) -> str | None:
    """The caller's password hash when password is theirs, else None, counting the failure;
    raises TooManyAttempts while they are over the limit."""
    limits, counters = sign_in_limits(), password_check_counters(caller.user.id)
    limits.check(counters)
    stored = users.find_by_email(caller.user.email)
    if not passwords.verify_password(stored.password_hash, password):
        limits.count(counters)
        return None
    return stored.password_hash


def _not_your_password():
    return error_response(400, "Invalid input.", {"current_password": ["This is not your password."]})
