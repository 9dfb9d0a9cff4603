"""Accounts: creating and changing users, shared by the admin API and the CLI.

A change that ends credentials (a new password, a deactivation) UPDATEs the user's row
before it ends sessions and revokes tokens, in one transaction: that row's lock is what
a sign-in or a new token being made at the same moment waits on, or makes wait
(sessions.py and tokens.py give the argument).
"""

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError

from ticketsvc.accounts import passwords, sessions, tokens
from ticketsvc.api.pagination import Page, check_page_exists, page_offset
from ticketsvc.db.transactions import transaction
from ticketsvc.enums import Role
from ticketsvc.extensions import db
from ticketsvc.models import User

users = User.__table__
# What the API shows of a user: everything but the password's hash.
USER_COLUMNS = [column for column in users.c if column.name != "password_hash"]


class UserNotFound(LookupError):
    pass


class EmailTaken(Exception):
    pass


class LastAdmin(Exception):
    """The change would leave no active admin to manage the accounts."""


class PasswordChanged(Exception):
    """The password proved is no longer the user's (or the user was deactivated) by the
    time the change is written."""


def create_user(email: str, name: str, role: str, password: str):
    try:
        row = db.session.execute(
            users.insert()
            .values(email=email, name=name, role=role, password_hash=passwords.hash_password(password))
            .returning(*USER_COLUMNS)
        ).one()
    except IntegrityError as error:
        db.session.rollback()
        if "uq_users_email_lower" in str(error.orig):
            raise EmailTaken(email) from None
        raise
    db.session.commit()
    return row


def get_user(user_id: int):
    row = db.session.execute(select(*USER_COLUMNS).where(users.c.id == user_id)).first()
    if row is None:
        raise UserNotFound(user_id)
    return row


def find_by_email(email: str):
    """The user (every column) whose email is this one, whatever its case; None if nobody's."""
    return db.session.execute(select(users).where(func.lower(users.c.email) == email.lower())).first()


def list_users(page: int, page_size: int) -> Page:
    count = db.session.execute(select(func.count()).select_from(users)).scalar_one()
    check_page_exists(page, page_size, count)
    rows = db.session.execute(
        select(*USER_COLUMNS).order_by(users.c.id).limit(page_size).offset(page_offset(page, page_size))
    ).all()
    return Page(page, page_size, count, True, rows)


def update_user(user_id: int, changes: dict):
    """Apply an admin's changes. Deactivating or a new password ends the user's sessions
    and revokes their tokens in the same transaction; the last active admin stays one."""
    values = dict(changes)
    if "password" in values:
        values["password_hash"] = passwords.hash_password(values.pop("password"))
    with transaction():
        if _removes_an_admin(values) and _is_last_active_admin(user_id):
            raise LastAdmin(user_id)
        row = db.session.execute(
            update(users).where(users.c.id == user_id).values(values).returning(*USER_COLUMNS)
        ).first()
        if row is None:
            raise UserNotFound(user_id)
        if values.get("active") is False or "password_hash" in values:
            sessions.end_all(user_id)
            tokens.revoke_all(user_id)
    return row


def change_own(user_id: int, changes: dict, current_session_id: int | None, verified_hash: str | None = None):
    """A user's own change of name, mail preference or password; a new password, which
    needs the hash the current password was verified against, ends their other sessions
    (the one making the change stays signed in) and leaves their API tokens alone. Raises
    PasswordChanged when that hash is no longer theirs: a reset or another change came first."""
    values = dict(changes)
    conditions = [users.c.id == user_id]
    if "password" in values:
        values["password_hash"] = passwords.hash_password(values.pop("password"))
        conditions += [users.c.password_hash == verified_hash, users.c.active]
    with transaction():
        row = db.session.execute(
            update(users).where(*conditions).values(values).returning(*USER_COLUMNS)
        ).first()
        if row is None:
            raise PasswordChanged(user_id)
        if "password_hash" in values:
            sessions.end_all(user_id, keep=current_session_id)
    return row


def _removes_an_admin(values: dict) -> bool:
    return values.get("active") is False or values.get("role", Role.ADMIN) != Role.ADMIN


def _is_last_active_admin(user_id: int) -> bool:
    """Whether user_id is the only active admin, with every active admin's row locked until
    the transaction ends, so that two admins demoting each other cannot both succeed."""
    active_admins = db.session.scalars(
        select(users.c.id)
        .where(users.c.role == Role.ADMIN.value, users.c.active)
        .order_by(users.c.id)
        .with_for_update()
    ).all()
    return active_admins == [user_id]
