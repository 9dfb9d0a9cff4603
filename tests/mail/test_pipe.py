"""`flask mail receive`: the door for an MTA's pipe, answering in sysexits codes."""

import json

import sqlalchemy as sa

from tests.mail.test_inbound import mail
from ticketsvc.extensions import db


def test_a_piped_message_is_filed_and_its_outcome_printed(mail_app):
    result = mail_app.test_cli_runner().invoke(args=["mail", "receive"], input=mail())
    assert result.exit_code == 0, result.output
    printed = json.loads(result.stdout)
    assert printed["outcome"] == "created" and printed["ticket_id"] > 0
    with mail_app.app_context():
        assert db.session.execute(sa.text("SELECT door FROM incoming_mail")).scalar() == "pipe"


def test_a_message_too_large_exits_65_and_files_nothing(make_app, app):
    small = make_app(MAIL_MAX_BYTES=500)
    result = small.test_cli_runner().invoke(args=["mail", "receive"], input=mail("x" * 1000))
    assert result.exit_code == 65
    assert "larger than MAIL_MAX_BYTES" in result.stderr


def test_the_database_away_exits_75_so_the_mta_tries_again(make_app):
    unreachable = make_app(SQLALCHEMY_DATABASE_URI="postgresql+psycopg2://postgres@127.0.0.1:9/nothing")
    result = unreachable.test_cli_runner().invoke(args=["mail", "receive"], input=mail())
    assert result.exit_code == 75
    assert "try again later" in result.stderr
