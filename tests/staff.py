"""The agent and the admin every test starts with, and how a test signs in as them.

Their rows are written straight into the database (with a password hash made once per
run): creating them through the API would hash the password twice for every test.
"""

from dataclasses import dataclass
from functools import cache

import sqlalchemy as sa

from ticketsvc.accounts import passwords
from ticketsvc.accounts.credentials import digest

PASSWORD = "correct horse battery staple"


@dataclass(frozen=True)
class StaffMember:
    email: str
    name: str
    role: str
    token: str  # a live API token of theirs

    @property
    def bearer(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


# Inserted in this order into emptied tables: the agent gets id 1, the admin id 2.
AGENT = StaffMember("dana@example.test", "Dana Agent", "agent", "tsvc_test-token-of-dana-the-agent")
ADMIN = StaffMember("ada@example.test", "Ada Admin", "admin", "tsvc_test-token-of-ada-the-admin")
STAFF = (AGENT, ADMIN)


@cache
def _password_hash() -> str:
    return passwords.hash_password(PASSWORD)


def insert_staff(connection: sa.Connection) -> None:
    for member in STAFF:
        insert_member(connection, member)


def insert_member(connection: sa.Connection, member: StaffMember) -> None:
    """member's user row, with their API token."""
    user_id = connection.execute(
        sa.text("""
        INSERT INTO users (email, name, role, password_hash)
        VALUES (:email, :name, :role, :hash) RETURNING id
        """),
        {"email": member.email, "name": member.name, "role": member.role, "hash": _password_hash()},
    ).scalar_one()
    connection.execute(
        sa.text("INSERT INTO api_tokens (user_id, name, secret_digest) VALUES (:user, 'tests', :digest)"),
        {"user": user_id, "digest": digest(member.token)},
    )
