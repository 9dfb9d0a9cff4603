"""Fixtures for canned replies: a second agent, and writing replies through the API."""

import pytest

from tests.conftest import client_of
from tests.staff import StaffMember, insert_member
from ticketsvc.extensions import db

# Another agent beside the test staff (who are Dana, id 1, and Ada the admin, id 2).
SAM = StaffMember("sam@example.test", "Sam Agent", "agent", "tsvc_test-token-of-sam-another-agent")
SAM_ID = 3


@pytest.fixture
def other_agent(app):
    """A client signed in as Sam, another agent (id 3)."""
    with app.app_context():
        insert_member(db.session.connection(), SAM)
        db.session.commit()
    return client_of(app, SAM)


@pytest.fixture
def write_reply():
    """write_reply(client, title, **fields) → the reply as POST /api/replies/ made it."""

    def write(writer, title: str, **fields):
        body = {"title": title, "body": f"The words of {title}.", **fields}
        response = writer.post("/api/replies/", json=body)
        assert response.status_code == 201, response.get_json()
        return response.get_json()

    return write
