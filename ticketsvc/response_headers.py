"""What every response says about itself, whoever is in front: the browser's security
headers, and that API answers are not to be stored.

Under `make run` gunicorn serves the SPA and the API alone, so the app sets the headers
itself. Behind nginx, nginx sets the same ones on everything (the SPA's files and its own
error pages too) and hides the app's copies, so each is sent once; the nginx tests check
that both definitions say the same.

API answers carry credentials (the sign-in's CSRF token, a new token, a ticket's key) and
people's data (tickets, the customer view, comments): `no-store` keeps them out of the
browser's cache and any shared one. An endpoint that chose its own Cache-Control (the API
reference's files) keeps it.
"""

from flask import Flask, Response, request

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}
API_PREFIX = "/api/"


def init_app(app: Flask) -> None:
    app.after_request(add_headers)


def add_headers(response: Response) -> Response:
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    if request.path.startswith(API_PREFIX) and "Cache-Control" not in response.headers:
        response.headers["Cache-Control"] = "no-store"
    return response
