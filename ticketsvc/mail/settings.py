"""The mail settings, checked when the app starts: a malformed MAIL_URL or a missing
MAIL_FROM stops it there, not at the first mail hours later."""

from flask import Flask, current_app

from ticketsvc.mail.compose import InvalidMailFrom, parse_mail_from
from ticketsvc.mail.transport import InvalidMailUrl, transport_for


def check(app: Flask) -> None:
    mail_url = app.config["MAIL_URL"]
    if mail_url is None:
        return
    try:
        transport_for(mail_url, app.config["MAIL_TIMEOUT_S"])
        if not app.config["MAIL_FROM"]:
            raise InvalidMailFrom("MAIL_FROM is required with MAIL_URL: Support <support@example.com>")
        parse_mail_from(app.config["MAIL_FROM"])
    except (InvalidMailUrl, InvalidMailFrom) as error:
        raise RuntimeError(str(error)) from None


def mail_is_on() -> bool:
    """Whether changes queue mail: MAIL_URL is set."""
    return current_app.config["MAIL_URL"] is not None
