"""Forgotten passwords: the mailed link, read off a real SMTP server, sets a new password
once, within the hour, ends every session and nothing else; the request tells nobody
which addresses have accounts; the token is never stored, queued or logged as it is."""

import logging
import re
import threading

import pytest
import sqlalchemy as sa
from sqlalchemy import event

from tests.conftest import client_of
from tests.mail.conftest import MAIL_FROM, PUBLIC_URL
from tests.mail.test_delivery import body_of
from tests.staff import ADMIN, AGENT, PASSWORD
from ticketsvc.accounts.credentials import digest
from ticketsvc.extensions import db

RESET_LINK = re.compile(re.escape(PUBLIC_URL) + r"/reset#([A-Za-z0-9_-]+)")
NEW_PASSWORD = "a brand new password, chosen by mail"
NO_LONGER_VALID = {"message": "This link is no longer valid."}


@pytest.fixture
def browser(mail_app):
    """Someone who forgot their password: no credential, mail on."""
    return mail_app.test_client()


def ask(client, email: str, client_address: str = "127.0.0.1"):
    return client.post(
        "/api/auth/password-reset/", json={"email": email}, environ_base={"REMOTE_ADDR": client_address}
    )


def confirm(client, token: str, password: str = NEW_PASSWORD):
    return client.post("/api/auth/password-reset/confirm/", json={"token": token, "password": password})


def sign_in_status(client, email: str, password: str) -> int:
    return client.post("/api/auth/login/", json={"email": email, "password": password}).status_code


def mailed_tokens(smtp_server) -> list[str]:
    """The token of each reset link the SMTP server received, in order."""
    return [RESET_LINK.search(body_of(received)).group(1) for received in smtp_server.received]


@pytest.fixture
def mailed_link(browser, run_worker, shared_smtp_server):
    """mailed_link(email) → the token of the link mailed to email, once it is asked for."""

    def ask_and_read(email: str = AGENT.email) -> str:
        assert ask(browser, email).status_code == 202
        run_worker()
        return mailed_tokens(shared_smtp_server)[-1]

    return ask_and_read


def rows(app, query: str) -> list:
    with app.app_context():
        return db.session.execute(sa.text(query)).all()


def execute(app, statement: str) -> None:
    with app.app_context():
        db.session.execute(sa.text(statement))
        db.session.commit()


def test_the_mailed_link_sets_the_password_and_ends_every_session_but_no_token(
    mail_app, browser, sign_in, mailed_link
):
    signed_in, _, _ = sign_in(AGENT.email)
    token = mailed_link(AGENT.email)
    assert len(token) >= 22  # at least 128 bits in base64url (it holds 256)
    response = confirm(browser, token)
    assert (response.status_code, response.get_data()) == (204, b"")
    assert signed_in.get("/api/auth/me/").status_code == 401
    assert sign_in_status(browser, AGENT.email, PASSWORD) == 401
    assert sign_in_status(browser, AGENT.email, NEW_PASSWORD) == 200
    assert client_of(mail_app, AGENT).get("/api/tickets/").status_code == 200  # API tokens stay


def test_the_mail_goes_to_the_account_with_its_link_and_automatic_headers(mailed_link, shared_smtp_server):
    token = mailed_link(AGENT.email.upper())  # an address is matched whatever its case
    [received] = shared_smtp_server.received
    message = received.message
    assert received.rcpt_tos == [AGENT.email] and message["From"] == MAIL_FROM
    assert message["Subject"] == "Reset your password"
    assert message["Auto-Submitted"] == "auto-generated"
    assert f"{PUBLIC_URL}/reset#{token}" in body_of(received)


@pytest.mark.parametrize("case", ["unknown address", "deactivated account", "text that is no address"])
def test_the_answer_is_the_same_whatever_the_email_and_only_an_active_account_is_mailed(
    browser, admin_client, outbox, case
):
    if case == "deactivated account":
        assert admin_client.patch("/api/users/1/", json={"active": False}).status_code == 200
    email = {"unknown address": "nobody@example.test", "text that is no address": "dana"}.get(
        case, AGENT.email
    )
    answered = ask(browser, ADMIN.email)
    response = ask(browser, email)
    assert response.status_code == answered.status_code == 202
    assert response.get_json() == answered.get_json() and response.get_json()["message"]
    assert [row.to_address for row in outbox()] == [ADMIN.email]


def test_a_request_runs_the_same_statements_whatever_the_email(mail_app, browser):
    """Comparable work: an unknown address costs what an account's does (no early return)."""
    with mail_app.app_context():
        engine = db.engine
    statements = []

    def note(connection, cursor, statement, *arguments):
        statements.append(re.sub(r"\s+", " ", statement))

    event.listen(engine, "before_cursor_execute", note)
    try:
        ask(browser, AGENT.email)
        for_an_account = list(statements)
        statements.clear()
        ask(browser, "nobody@example.test")
    finally:
        event.remove(engine, "before_cursor_execute", note)
    assert for_an_account and statements == for_an_account


def test_a_link_works_once(mail_app, browser, mailed_link):
    token = mailed_link()
    assert confirm(browser, token).status_code == 204
    response = confirm(browser, token, "yet another new password")
    assert (response.status_code, response.get_json()) == (400, NO_LONGER_VALID)
    assert sign_in_status(browser, AGENT.email, NEW_PASSWORD) == 200


def test_a_link_older_than_an_hour_is_refused(mail_app, browser, mailed_link):
    token = mailed_link()
    execute(
        mail_app,
        "UPDATE password_resets SET created_at = created_at - interval '61 minutes',"
        " expires_at = expires_at - interval '61 minutes'",
    )
    response = confirm(browser, token)
    assert (response.status_code, response.get_json()) == (400, NO_LONGER_VALID)
    assert sign_in_status(browser, AGENT.email, PASSWORD) == 200


@pytest.mark.parametrize("token", ["not-a-token", "", "x" * 5000, "\ud800"])
def test_an_unknown_token_is_refused(browser, token):
    response = confirm(browser, token)
    assert (response.status_code, response.get_json()) == (400, NO_LONGER_VALID)


def test_a_new_request_ends_the_earlier_link(browser, mailed_link):
    earlier = mailed_link()
    later = mailed_link()
    assert confirm(browser, earlier).get_json() == NO_LONGER_VALID
    assert confirm(browser, later).status_code == 204


def test_the_mail_of_a_link_no_longer_valid_is_not_sent(browser, outbox, run_worker, shared_smtp_server):
    ask(browser, AGENT.email)
    ask(browser, AGENT.email)  # before the worker sent the first
    run_worker()
    first, second = outbox()
    assert (first.state, first.last_error) == ("skipped", "the link is no longer valid")
    assert second.state == "sent" and len(shared_smtp_server.received) == 1


def test_a_deactivated_account_cannot_use_its_link_nor_get_its_mail(
    mail_app, browser, admin_client, outbox, run_worker, mailed_link
):
    token = mailed_link()
    ask(browser, AGENT.email)
    assert admin_client.patch("/api/users/1/", json={"active": False}).status_code == 200
    run_worker()
    assert (outbox()[-1].state, outbox()[-1].last_error) == ("skipped", "the account is deactivated")
    assert confirm(browser, token).get_json() == NO_LONGER_VALID
    execute(mail_app, "UPDATE users SET active = true WHERE id = 1")
    assert sign_in_status(browser, AGENT.email, PASSWORD) == 200  # the password stayed


def test_the_link_is_mailed_even_to_someone_who_switched_mail_off(mail_app, outbox, mailed_link):
    execute(mail_app, "UPDATE users SET notify_by_mail = false WHERE id = 1")
    assert mailed_link()
    assert outbox()[0].state == "sent"


def test_a_password_the_rules_refuse_is_400_naming_it_and_leaves_the_link_usable(browser, mailed_link):
    token = mailed_link()
    response = confirm(browser, token, "too short")
    assert response.status_code == 400 and "password" in response.get_json()["errors"]
    assert confirm(browser, token).status_code == 204


def test_of_concurrent_uses_of_one_link_exactly_one_wins(mail_app, mailed_link):
    token = mailed_link()
    passwords = [f"the password of racer number {number}" for number in range(4)]
    start = threading.Barrier(len(passwords))
    answers = {}

    def race(password: str) -> None:
        client = mail_app.test_client()
        start.wait()
        answers[password] = confirm(client, token, password).status_code

    racers = [threading.Thread(target=race, args=(password,)) for password in passwords]
    for racer in racers:
        racer.start()
    for racer in racers:
        racer.join()
    [winner] = [password for password, status in answers.items() if status == 204]
    assert sorted(answers.values()) == [204, 400, 400, 400]
    client = mail_app.test_client()
    assert [sign_in_status(client, AGENT.email, password) for password in passwords] == [
        200 if password == winner else 401 for password in passwords
    ]


def test_the_token_is_never_stored_queued_or_logged_as_it_is(mail_app, browser, mailed_link, caplog):
    caplog.set_level(logging.DEBUG)
    token = mailed_link()
    confirm(browser, token)
    # The test's SMTP server (aiosmtpd's "mail.log") logs the mail it receives, as a mail
    # server may: proof that a logged token is caught. Nothing else may hold it.
    smtp_server = [record.getMessage() for record in caplog.records if record.name == "mail.log"]
    assert any(token in message for message in smtp_server)
    assert not any(token in record.getMessage() for record in caplog.records if record.name != "mail.log")
    [mail] = rows(mail_app, "SELECT * FROM outgoing_mail")
    assert token not in repr(mail)
    [reset] = rows(mail_app, "SELECT * FROM password_resets")
    assert bytes(reset.token_digest) == digest(token) and token not in repr(reset)
    assert reset.used_at is not None


def test_neither_needs_a_csrf_token_nor_minds_a_stale_cookie(mail_app, sign_in, mailed_link):
    signed_in, _, _ = sign_in(ADMIN.email)  # a session cookie, and no X-CSRF-Token sent
    assert ask(signed_in, AGENT.email).status_code == 202
    stale = mail_app.test_client()
    stale.set_cookie("ticketsvc_session", "a-stale-or-forged-cookie")
    assert ask(stale, AGENT.email).status_code == 202
    assert confirm(signed_in, mailed_link()).status_code == 204
    assert confirm(stale, mailed_link(), "and another new password").status_code == 204


def test_without_mail_url_the_answer_is_the_same_and_nothing_is_stored(app, anonymous, caplog):
    response = ask(anonymous, AGENT.email)
    assert response.status_code == 202 and response.get_json()["message"]
    assert rows(app, "SELECT id FROM password_resets") == rows(app, "SELECT id FROM outgoing_mail") == []
    assert "MAIL_URL is unset" in caplog.text


@pytest.fixture
def limited(make_app, mail_app, shared_smtp_server):
    """A mail-sending app allowing 3 reset requests a minute, per client and per email."""
    return make_app(
        MAIL_URL=shared_smtp_server.url,
        MAIL_FROM=MAIL_FROM,
        PUBLIC_URL=PUBLIC_URL,
        RATELIMIT_LOGIN="3/minute",
    ).test_client()


def test_requests_from_one_client_are_limited_whatever_the_email(limited):
    for number in range(3):
        assert ask(limited, f"someone{number}@example.test").status_code == 202
    refused = ask(limited, ADMIN.email)
    assert refused.status_code == 429 and 1 <= int(refused.headers["Retry-After"]) <= 60
    assert refused.get_json()["message"].startswith("Too many password reset requests.")
    assert ask(limited, ADMIN.email, client_address="10.0.0.2").status_code == 202


def test_requests_for_one_email_are_limited_whatever_the_client(limited, outbox):
    for number in range(3):
        assert ask(limited, AGENT.email, f"10.0.1.{number}").status_code == 202
    assert ask(limited, AGENT.email.upper(), "10.9.9.9").status_code == 429
    assert len(outbox()) == 3
    assert sign_in_status(limited, AGENT.email, PASSWORD) == 200  # signing in counts apart
