"""Fixtures for the accounts tests: signing in through the API, as the SPA does; mail's
own (a real SMTP server and the worker) for the links and preferences that go by mail."""

import pytest

from tests.mail.conftest import mail_app, mail_app_on, outbox, run_worker, shared_smtp_server  # noqa: F401
from tests.staff import PASSWORD


@pytest.fixture
def sign_in(app):
    """sign_in(email) → (a test client holding the session cookie, the CSRF token, the cookie)."""

    def sign_in_as(email: str, password: str = PASSWORD):
        browser = app.test_client()
        response = browser.post("/api/auth/login/", json={"email": email, "password": password})
        assert response.status_code == 200, response.get_json()
        return browser, response.get_json()["csrf_token"], browser.get_cookie("ticketsvc_session").value

    return sign_in_as
