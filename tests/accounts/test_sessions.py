"""Browser sessions: the cookie, CSRF, and sessions the server ends at once."""

import pytest

from tests.conftest import client_of
from tests.staff import ADMIN, AGENT, PASSWORD

COOKIE = "ticketsvc_session"


def replay(app, cookie: str, path: str = "/api/auth/me/"):
    """A request from somewhere else carrying a copy of a cookie."""
    copied = app.test_client()
    copied.set_cookie(COOKIE, cookie)
    return copied.get(path)


def test_signing_in_sets_an_http_only_same_site_cookie_and_answers_who(anonymous):
    response = anonymous.post("/api/auth/login/", json={"email": AGENT.email, "password": PASSWORD})
    assert response.status_code == 200
    body = response.get_json()
    assert set(body) == {"id", "email", "name", "role", "csrf_token"}
    assert (body["email"], body["name"], body["role"]) == (AGENT.email, AGENT.name, "agent")
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith(f"{COOKIE}=")
    assert {"HttpOnly", "SameSite=Lax", "Path=/"} <= {part.strip() for part in cookie.split(";")}
    assert PASSWORD not in response.get_data(as_text=True)


def test_the_cookie_is_secure_unless_configured_otherwise(app, make_app):
    # app: the test staff are in the tables, whichever test ran before on this database.
    secure = make_app(SESSION_COOKIE_SECURE=True).test_client()
    response = secure.post("/api/auth/login/", json={"email": AGENT.email, "password": PASSWORD})
    assert "Secure" in {part.strip() for part in response.headers["Set-Cookie"].split(";")}


def test_me_answers_the_signed_in_user_and_401_otherwise(sign_in, anonymous):
    browser, csrf_token, _ = sign_in(AGENT.email)
    assert browser.get("/api/auth/me/").get_json()["csrf_token"] == csrf_token
    response = anonymous.get("/api/auth/me/")
    assert response.status_code == 401 and response.get_json() == {"message": "Authentication required."}


def test_logout_ends_the_session_on_the_server(app, sign_in):
    browser, csrf_token, cookie = sign_in(AGENT.email)
    response = browser.post("/api/auth/logout/", headers={"X-CSRF-Token": csrf_token})
    assert response.status_code == 204
    assert f"{COOKIE}=;" in response.headers["Set-Cookie"]  # the browser forgets it
    refused = replay(app, cookie)
    assert refused.status_code == 401
    assert refused.get_json() == {"message": "Invalid or expired credentials."}


def test_a_dead_cookie_is_refused_even_for_what_anyone_may_do_and_is_cleared(app, sign_in):
    browser, csrf_token, cookie = sign_in(AGENT.email)
    browser.post("/api/auth/logout/", headers={"X-CSRF-Token": csrf_token})
    stale = app.test_client()
    stale.set_cookie(COOKIE, cookie)
    ticket = {"title": "t", "description": "d", "category": "general", "priority": "low"}
    response = stale.post("/api/tickets/", json=ticket)
    assert response.status_code == 401 and f"{COOKIE}=;" in response.headers["Set-Cookie"]
    assert stale.post("/api/tickets/", json=ticket).status_code == 201  # the cookie is gone


def test_a_forged_cookie_is_refused(app, sign_in):
    _, _, cookie = sign_in(AGENT.email)
    secret, _, signature = cookie.rpartition(".")
    assert replay(app, f"{secret}.{signature[::-1]}").status_code == 401
    assert replay(app, "not-a-cookie").status_code == 401


def test_deactivation_ends_every_session_and_token_at_once(app, sign_in, admin_client):
    _, _, cookie = sign_in(AGENT.email)
    assert admin_client.patch("/api/users/1/", json={"active": False}).status_code == 200
    assert replay(app, cookie).status_code == 401
    assert app.test_client().get("/api/tickets/", headers=AGENT.bearer).status_code == 401
    refused = app.test_client().post("/api/auth/login/", json={"email": AGENT.email, "password": PASSWORD})
    assert refused.get_json() == {"message": "Invalid email or password."}


def test_an_admins_password_reset_ends_sessions_and_tokens(app, sign_in, admin_client):
    _, _, cookie = sign_in(AGENT.email)
    assert admin_client.patch("/api/users/1/", json={"password": "a brand new password"}).status_code == 200
    assert replay(app, cookie).status_code == 401
    assert app.test_client().get("/api/tickets/", headers=AGENT.bearer).status_code == 401
    sign_in(AGENT.email, "a brand new password")


def test_changing_ones_password_ends_the_other_sessions_but_not_this_one_nor_tokens(app, sign_in):
    here, csrf_token, here_cookie = sign_in(AGENT.email)
    _, _, elsewhere_cookie = sign_in(AGENT.email)
    response = here.patch(
        "/api/auth/me/",
        json={"password": "another good password", "current_password": PASSWORD},
        headers={"X-CSRF-Token": csrf_token},
    )
    assert response.status_code == 200 and "password" not in response.get_json()
    assert replay(app, here_cookie).status_code == 200
    assert replay(app, elsewhere_cookie).status_code == 401
    assert app.test_client().get("/api/tickets/", headers=AGENT.bearer).status_code == 200


def test_a_wrong_current_password_is_400_naming_it_and_changes_nothing(sign_in):
    browser, csrf_token, _ = sign_in(AGENT.email)
    response = browser.patch(
        "/api/auth/me/",
        json={"password": "another good password", "current_password": "not my password at all"},
        headers={"X-CSRF-Token": csrf_token},
    )
    assert response.status_code == 400 and "current_password" in response.get_json()["errors"]
    sign_in(AGENT.email)  # the old password still works


def change_password(client, current_password: str):
    return client.patch(
        "/api/auth/me/", json={"password": "another good password", "current_password": current_password}
    )


def test_wrong_current_passwords_are_limited_per_user_like_failed_sign_ins(app, make_app):
    limited = make_app(RATELIMIT_LOGIN="3/minute")
    agent, admin = client_of(limited, AGENT), client_of(limited, ADMIN)
    for _ in range(3):
        assert change_password(agent, "a guess at the password").status_code == 400
    refused = change_password(agent, PASSWORD)  # even the right one, until the window moves on
    assert refused.status_code == 429 and 1 <= int(refused.headers["Retry-After"]) <= 60
    assert refused.get_json()["message"]
    assert change_password(admin, PASSWORD).status_code == 200  # another user counts alone
    assert agent.patch("/api/auth/me/", json={"name": "Dana, renamed"}).status_code == 200


@pytest.mark.parametrize("field", ["password", "current_password"])
@pytest.mark.parametrize("character", ["\x00", "\ud800"], ids=["NUL", "a lone surrogate"])
def test_a_password_postgresql_or_argon2_cannot_take_is_400_naming_it(client, field, character):
    body = {"password": "another good password", "current_password": PASSWORD}
    body[field] = body[field][:4] + character + body[field][4:]
    response = client.patch("/api/auth/me/", json=body)
    assert response.status_code == 400 and field in response.get_json()["errors"]


def test_renaming_oneself(client):
    response = client.patch("/api/auth/me/", json={"name": "  Dana Q. Agent "})
    assert response.status_code == 200 and response.get_json()["name"] == "Dana Q. Agent"


def test_a_change_with_the_cookie_needs_the_csrf_token(sign_in, create_ticket):
    ticket = create_ticket()
    browser, csrf_token, _ = sign_in(AGENT.email)
    one_digit_off = csrf_token[:-1] + ("1" if csrf_token.endswith("0") else "0")
    for headers in ({}, {"X-CSRF-Token": "wrong"}, {"X-CSRF-Token": one_digit_off}):
        response = browser.patch(f"/api/tickets/{ticket['id']}/", json={"status": "closed"}, headers=headers)
        assert response.status_code == 403
        assert response.get_json() == {"message": "CSRF token missing or invalid."}
    assert browser.get(f"/api/tickets/{ticket['id']}/").get_json()["status"] == "open"
    changed = browser.patch(
        f"/api/tickets/{ticket['id']}/", json={"status": "closed"}, headers={"X-CSRF-Token": csrf_token}
    )
    assert changed.status_code == 200


def test_a_csrf_token_that_is_not_ascii_is_refused_like_any_wrong_one(sign_in):
    browser, csrf_token, _ = sign_in(AGENT.email)
    response = browser.post("/api/auth/logout/", headers={"X-CSRF-Token": csrf_token[:-1] + "é"})
    assert response.status_code == 403
    assert response.get_json() == {"message": "CSRF token missing or invalid."}


def test_a_csrf_token_opens_only_its_own_session(sign_in, create_ticket):
    ticket = create_ticket()
    browser, _, _ = sign_in(AGENT.email)
    _, admins_token, _ = sign_in(ADMIN.email)
    response = browser.patch(
        f"/api/tickets/{ticket['id']}/", json={"status": "closed"}, headers={"X-CSRF-Token": admins_token}
    )
    assert response.status_code == 403


def test_bearer_and_anonymous_requests_need_no_csrf_token(client, anonymous, create_ticket):
    ticket = create_ticket()
    assert client.patch(f"/api/tickets/{ticket['id']}/", json={"status": "closed"}).status_code == 200
    body = {"title": "t", "description": "d", "category": "general", "priority": "low"}
    assert anonymous.post("/api/tickets/", json=body).status_code == 201


def test_reading_needs_no_csrf_token(sign_in):
    browser, _, _ = sign_in(AGENT.email)
    assert browser.get("/api/tickets/").status_code == 200


def test_a_current_password_alone_changes_nothing_and_is_400(client):
    response = client.patch("/api/auth/me/", json={"current_password": PASSWORD})
    assert response.status_code == 400 and response.get_json()["message"]
