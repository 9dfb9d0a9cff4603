"""Signing in: one answer for every failure, after the same work, and limits on guessing."""

import logging

import pytest
from argon2 import PasswordHasher

from tests.staff import ADMIN, AGENT, PASSWORD
from ticketsvc.accounts import passwords

REFUSED = {"message": "Invalid email or password."}


def sign_in(client, email, password=PASSWORD, client_address="127.0.0.1"):
    return client.post(
        "/api/auth/login/",
        json={"email": email, "password": password},
        environ_base={"REMOTE_ADDR": client_address},
    )


@pytest.fixture
def verifications(monkeypatch):
    """How many times a password hash was checked."""
    checked = []

    class CountingHasher(PasswordHasher):
        def verify(self, *arguments):
            checked.append(1)
            return super().verify(*arguments)

    counting = CountingHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)
    monkeypatch.setattr(passwords, "_hasher", counting)
    return checked


def test_email_is_matched_whatever_its_case(anonymous):
    assert sign_in(anonymous, "  DANA@Example.TEST".strip()).status_code == 200


@pytest.mark.parametrize("case", ["unknown email", "wrong password", "deactivated account"])
def test_every_failure_is_the_same_401_after_one_hash_check(anonymous, admin_client, verifications, case):
    email, password = AGENT.email, PASSWORD
    if case == "unknown email":
        email = "nobody@example.test"
    elif case == "wrong password":
        password = "not the password at all"
    else:
        admin_client.patch("/api/users/1/", json={"active": False})
    verifications.clear()
    response = sign_in(anonymous, email, password)
    assert (response.status_code, response.get_json()) == (401, REFUSED)
    assert response.headers["WWW-Authenticate"] == 'Bearer realm="ticketsvc"'
    assert "Set-Cookie" not in response.headers
    assert len(verifications) == 1


def test_a_password_is_never_echoed_nor_logged(anonymous, caplog):
    caplog.set_level(logging.DEBUG)
    secret = "a password nobody should ever see"
    for email in (AGENT.email, "nobody@example.test"):
        response = sign_in(anonymous, email, secret)
        assert secret not in response.get_data(as_text=True)
    assert secret not in caplog.text


def test_signing_in_again_needs_no_csrf_token_and_ignores_a_stale_cookie(anonymous):
    assert sign_in(anonymous, AGENT.email).status_code == 200
    assert sign_in(anonymous, ADMIN.email).get_json()["role"] == "admin"  # the cookie is replaced
    anonymous.set_cookie("ticketsvc_session", "a-stale-or-forged-cookie")
    assert sign_in(anonymous, AGENT.email).status_code == 200


def test_signing_in_records_the_time(anonymous, admin_client):
    sign_in(anonymous, AGENT.email)
    assert admin_client.get("/api/users/1/").get_json()["last_login_at"] is not None


@pytest.fixture
def limited(make_app, app):
    """An app allowing 3 failed sign-ins a minute, per client and per email."""
    return make_app(RATELIMIT_LOGIN="3/minute").test_client()


def test_failures_from_one_client_are_limited_whatever_the_email(limited):
    for number in range(3):
        assert sign_in(limited, f"guess{number}@example.test").status_code == 401
    refused = sign_in(limited, AGENT.email)  # even the right password, from this address
    assert refused.status_code == 429
    assert 1 <= int(refused.headers["Retry-After"]) <= 60 and refused.get_json()["message"]
    assert sign_in(limited, ADMIN.email, client_address="10.0.0.2").status_code == 200


def test_failures_for_one_email_are_limited_whatever_the_client(limited):
    for number in range(3):
        assert sign_in(limited, AGENT.email.upper(), "wrong password!", f"10.0.1.{number}").status_code == 401
    response = sign_in(limited, AGENT.email, client_address="10.9.9.9")
    assert response.status_code == 429 and response.headers["Retry-After"]


def test_successful_sign_ins_are_not_counted(limited):
    for _ in range(5):
        assert sign_in(limited, AGENT.email).status_code == 200


# ---- device cookies: the account's own browsers are not locked out ----

DEVICE_COOKIE = "ticketsvc_device"


def exhaust_the_email(client, email: str) -> None:
    """An attacker fails sign-ins for email from several addresses until it is refused."""
    for number in range(3):
        sign_in(client, email, "an attacker's guess", f"203.0.113.{number}")
    assert sign_in(client, email, client_address="203.0.113.9").status_code == 429


def cookie_attributes(response, name: str) -> set[str]:
    header = next(value for value in response.headers.getlist("Set-Cookie") if value.startswith(f"{name}="))
    return {part.strip() for part in header.split(";")[1:]}


def test_signing_in_gives_an_http_only_strict_device_cookie_sent_to_sign_in_only(anonymous):
    attributes = cookie_attributes(sign_in(anonymous, AGENT.email), DEVICE_COOKIE)
    assert {"HttpOnly", "SameSite=Strict", "Path=/api/auth/login"} <= attributes
    assert "Secure" not in attributes and any(part.startswith("Max-Age=") for part in attributes)
    assert "Set-Cookie" not in sign_in(anonymous, AGENT.email, "not the password at all").headers


def test_the_device_cookie_is_secure_unless_configured_otherwise(make_app, app):
    secure = make_app(SESSION_COOKIE_SECURE=True).test_client()
    assert "Secure" in cookie_attributes(sign_in(secure, AGENT.email), DEVICE_COOKIE)


def test_a_browser_that_signed_in_before_is_not_locked_out_by_failures_on_its_email(limited):
    owner, stranger = limited, limited.application.test_client()
    assert sign_in(owner, AGENT.email).status_code == 200
    exhaust_the_email(limited.application.test_client(), AGENT.email)
    assert sign_in(stranger, AGENT.email, client_address="198.51.100.7").status_code == 429
    assert sign_in(owner, AGENT.email, client_address="198.51.100.7").status_code == 200


def test_a_browser_with_a_device_cookie_keeps_a_counter_of_its_own(limited):
    owner = limited
    assert sign_in(owner, AGENT.email).status_code == 200
    for _ in range(3):
        assert sign_in(owner, AGENT.email, "a typo in the password").status_code == 401
    refused = sign_in(owner, AGENT.email)
    assert refused.status_code == 429 and refused.headers["Retry-After"]
    # Its failures were its own: the email's counter, and so everyone else, is untouched.
    assert sign_in(limited.application.test_client(), AGENT.email).status_code == 200


def test_a_device_cookie_counts_for_its_own_account_only(limited):
    browser = limited
    assert sign_in(browser, AGENT.email).status_code == 200
    exhaust_the_email(limited.application.test_client(), ADMIN.email)
    assert sign_in(browser, ADMIN.email, client_address="198.51.100.7").status_code == 429


@pytest.mark.parametrize("forgery", ["tampered", "made up"])
def test_a_forged_device_cookie_is_not_recognised(limited, forgery):
    browser = limited
    assert sign_in(browser, AGENT.email).status_code == 200
    nonce, _, signature = browser.get_cookie(DEVICE_COOKIE, path="/api/auth/login").value.rpartition(".")
    forged = f"{nonce[::-1]}.{signature}" if forgery == "tampered" else "a-nonce-of-my-own.c2lnbmF0dXJl"
    browser.set_cookie(DEVICE_COOKIE, forged, path="/api/auth/login")
    exhaust_the_email(limited.application.test_client(), AGENT.email)
    assert sign_in(browser, AGENT.email, client_address="198.51.100.7").status_code == 429


def test_the_limit_can_be_turned_off(make_app, app):
    unlimited = make_app(RATELIMIT_LOGIN="off").test_client()
    for _ in range(12):
        assert sign_in(unlimited, AGENT.email, "wrong password!").status_code == 401


def test_a_malformed_limit_stops_the_app(make_app):
    with pytest.raises(RuntimeError, match="RATELIMIT_LOGIN"):
        make_app(RATELIMIT_LOGIN="ten a minute")


@pytest.mark.parametrize(
    "body", [{}, {"email": AGENT.email}, {"password": PASSWORD}, {"email": 1, "password": PASSWORD}]
)
def test_a_malformed_sign_in_is_400(anonymous, body):
    assert anonymous.post("/api/auth/login/", json=body).status_code == 400


@pytest.mark.parametrize("field", ["email", "password"])
@pytest.mark.parametrize("character", ["\x00", "\ud800"], ids=["NUL", "a lone surrogate"])
def test_text_postgresql_or_argon2_cannot_take_is_400_naming_the_field(anonymous, field, character):
    body = {"email": AGENT.email, "password": PASSWORD}
    body[field] = body[field][:4] + character + body[field][4:]
    response = anonymous.post("/api/auth/login/", json=body)
    assert response.status_code == 400 and field in response.get_json()["errors"]


def test_a_password_is_taken_exactly_as_typed(anonymous):
    assert sign_in(anonymous, AGENT.email, f" {PASSWORD} ").status_code == 401
