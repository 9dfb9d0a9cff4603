"""Credentials being made at the moment a password changes or an account is deactivated
do not outlive the change, against gunicorn.

Each round, browsers sign in over and over with the current password and scripts mint API
tokens with a session and with a token, while the account's password is reset by an
admin, or changed by its user in another browser, or set with a mailed reset link, or the
account is deactivated. Once the change has answered, whatever each request got and
whichever finished first: after an admin's reset or a deactivation none of the round's
sessions and tokens works; after the user's own change or a reset link none of its
sessions does (their tokens stay valid, by the contract).
"""

import threading
import time
from functools import partial

from sqlalchemy import text

from tests.hardening.scale import scaled
from tests.http_client import call
from tests.staff import ADMIN, AGENT
from ticketsvc.accounts.credentials import digest
from ticketsvc.extensions import db

ROUNDS = scaled(18)
SIGN_IN_LOOPS = 3
# How long the loops run before the change, and after it has answered.
LEAD_S, TAIL_S = 0.15, 0.1
AGENT_ID = 1


def sign_in(base_url: str, password: str) -> dict | None:
    """The headers of a signed-in browser (cookie, CSRF token), or None when refused."""
    reply = call(base_url, "POST", "/api/auth/login/", json_body={"email": AGENT.email, "password": password})
    if reply.status != 200:
        return None
    return {"Cookie": reply.headers["Set-Cookie"].split(";")[0], "X-CSRF-Token": reply.json()["csrf_token"]}


def mint_token(base_url: str, credential: dict) -> dict | None:
    """The headers of a script holding a new token minted with credential, or None."""
    reply = call(base_url, "POST", "/api/auth/tokens/", json_body={"name": "raced"}, headers=credential)
    return {"Authorization": f"Bearer {reply.json()['token']}"} if reply.status == 201 else None


def works(base_url: str, credential: dict) -> bool:
    return call(base_url, "GET", "/api/auth/me/", headers=credential).status == 200


def admin_changes_agent(base_url: str, change: dict) -> None:
    reply = call(base_url, "PATCH", f"/api/users/{AGENT_ID}/", json_body=change, headers=ADMIN.bearer)
    assert reply.status == 200, reply.body


def agent_changes_own_password(base_url: str, browser: dict, password: str) -> None:
    change = {"password": f"{password}, changed", "current_password": password}
    reply = call(base_url, "PATCH", "/api/auth/me/", json_body=change, headers=browser)
    assert reply.status == 200, reply.body


def agent_uses_a_reset_link(base_url: str, app, password: str) -> None:
    """The agent sets a new password with a live reset link (stored here as a request
    would store it: only its token's digest, for an hour)."""
    token = f"the reset link of {password}"
    with app.app_context():
        db.session.execute(
            text(
                "INSERT INTO password_resets (user_id, token_digest, expires_at)"
                " VALUES (:user_id, :token_digest, now() + interval '1 hour')"
            ),
            {"user_id": AGENT_ID, "token_digest": digest(token)},
        )
        db.session.commit()
    change = {"token": token, "password": f"{password}, reset by link"}
    reply = call(base_url, "POST", "/api/auth/password-reset/confirm/", json_body=change)
    assert reply.status == 204, reply.body


class Round:
    """The loops of one round, and the credentials they obtained, from every thread."""

    def __init__(self, base_url: str, password: str):
        self.base_url, self.password = base_url, password
        self.sessions: list[dict] = []
        self.tokens: list[dict] = []
        self.stop = threading.Event()
        self.lock = threading.Lock()

    def signing_in(self) -> None:
        while not self.stop.is_set():
            if browser := sign_in(self.base_url, self.password):
                with self.lock:
                    self.sessions.append(browser)

    def minting(self, credential: dict) -> None:
        while not self.stop.is_set():
            if script := mint_token(self.base_url, credential):
                with self.lock:
                    self.tokens.append(script)

    def race(self, change) -> None:
        """Run the loops around change(), which returns once the change has answered."""
        browser = sign_in(self.base_url, self.password)
        loops = [threading.Thread(target=self.signing_in) for _ in range(SIGN_IN_LOOPS)]
        loops += [
            threading.Thread(target=self.minting, args=(credential,))
            for credential in (browser, mint_token(self.base_url, browser))
        ]
        for loop in loops:
            loop.start()
        time.sleep(LEAD_S)
        change()
        time.sleep(TAIL_S)
        self.stop.set()
        for loop in loops:
            loop.join(timeout=60)


def test_no_session_or_token_made_while_a_password_changes_or_an_account_ends_survives(live_server, app):
    survivors, obtained = [], 0
    for number in range(ROUNDS):
        password = f"the password of round {number}"
        admin_changes_agent(live_server, {"password": password, "active": True})
        race = Round(live_server, password)
        ending = number % 4
        if ending == 0:
            race.race(partial(admin_changes_agent, live_server, {"active": False}))
        elif ending == 1:
            race.race(partial(admin_changes_agent, live_server, {"password": f"{password}, reset"}))
        elif ending == 2:
            elsewhere = sign_in(live_server, password)
            race.race(partial(agent_changes_own_password, live_server, elsewhere, password))
        else:
            race.race(partial(agent_uses_a_reset_link, live_server, app, password))
        # A user's own change and a reset link leave their tokens alone, those made in the
        # race included.
        must_end = race.sessions + (race.tokens if ending < 2 else [])
        survivors += [credential for credential in must_end if works(live_server, credential)]
        obtained += len(race.sessions) + len(race.tokens)
    assert obtained >= ROUNDS  # the loops did race the changes
    assert survivors == []
