"""Canned replies: the list an agent sees, writing and changing them, and counting a use.

Who sees a reply: everyone, when it is shared; otherwise its owner alone, admins included
(a personal reply is nobody else's to read, change, use or count). Who may change or
delete one: its owner, or any admin when it is shared. A reply the caller sees but may not
change is NotYours (403); one they cannot see is ReplyNotFound, exactly as one that does
not exist, so personal replies cannot be probed.

Each write is one statement that checks the right to make it in its WHERE, so a reply made
personal, or deleted, in the meantime is never changed by someone who no longer may; only
when it matched nothing is the reason looked up.
"""

from sqlalchemy import delete, func, or_, select, union_all, update

from ticketsvc.db.transactions import done
from ticketsvc.enums import Role
from ticketsvc.extensions import db
from ticketsvc.models import CannedReply, User

replies = CannedReply.__table__
users = User.__table__

SHOWN = ("id", "title", "body", "shared", "owner_id", "uses", "updated_at")


class ReplyNotFound(LookupError):
    """No such reply, or someone else's personal one."""


class NotYours(Exception):
    """A shared reply that only its owner or an admin may change."""


def list_replies(user_id: int) -> list[dict]:
    """Every shared reply and the user's own, most used first, then oldest first."""
    # Each half is read through its own partial index (models/replies.py).
    halves = union_all(
        select(*_shown(replies)).where(replies.c.shared),
        select(*_shown(replies)).where(~replies.c.shared, replies.c.owner_id == user_id),
    ).subquery("visible")
    rows = db.session.execute(_with_owner(halves).order_by(halves.c.uses.desc(), halves.c.id)).all()
    return [_reply_json(row) for row in rows]


def create_reply(owner_id: int, title: str, body: str, shared: bool) -> dict:
    created = (
        replies.insert()
        .values(owner_id=owner_id, title=title, body=body, shared=shared)
        .returning(*_shown(replies))
        .cte("created")
    )
    row = db.session.execute(_with_owner(created)).one()
    done()
    return _reply_json(row)


def update_reply(reply_id: int, changes: dict, editor) -> dict:
    """Apply changes (title, body, shared) for editor, a user row; raises ReplyNotFound or
    NotYours when they may not."""
    changed = (
        update(replies)
        .where(replies.c.id == reply_id, _may_change(editor))
        .values(**changes, updated_at=func.now())
        .returning(*_shown(replies))
        .cte("changed")
    )
    row = db.session.execute(_with_owner(changed)).first()
    if row is None:
        raise _refusal(reply_id, editor)
    done()
    return _reply_json(row)


def delete_reply(reply_id: int, editor) -> None:
    """Delete it for editor, a user row; raises ReplyNotFound or NotYours when they may not."""
    deleted = db.session.execute(
        delete(replies).where(replies.c.id == reply_id, _may_change(editor)).returning(replies.c.id)
    ).first()
    if deleted is None:
        raise _refusal(reply_id, editor)
    done()


def use_reply(reply_id: int, user_id: int) -> str:
    """The body of a reply the user sees, counting this use; raises ReplyNotFound. Run it
    in the transaction of what it is used for, which takes the count with it if it fails."""
    body = db.session.scalar(
        update(replies)
        .where(replies.c.id == reply_id, _visible_to(user_id))
        .values(uses=replies.c.uses + 1)
        .returning(replies.c.body)
    )
    if body is None:
        raise ReplyNotFound(reply_id)
    return body


def _visible_to(user_id: int):
    return or_(replies.c.shared, replies.c.owner_id == user_id)


def _may_change(editor):
    if editor.role == Role.ADMIN:
        return or_(replies.c.owner_id == editor.id, replies.c.shared)
    return replies.c.owner_id == editor.id


def _refusal(reply_id: int, editor) -> Exception:
    """Why editor's change of reply_id matched nothing."""
    visible = db.session.scalar(select(replies.c.id).where(replies.c.id == reply_id, _visible_to(editor.id)))
    return ReplyNotFound(reply_id) if visible is None else NotYours(reply_id)


def _shown(source) -> list:
    return [source.c[name] for name in SHOWN]


def _with_owner(source):
    """The replies of source with their owner's current name."""
    return select(*_shown(source), users.c.name.label("owner_name")).join(
        users, users.c.id == source.c.owner_id
    )


def _reply_json(row) -> dict:
    """A reply as the API shows it (ReplySchema dumps it)."""
    shown = {name: row._mapping[name] for name in SHOWN if name != "owner_id"}
    return {**shown, "owner": {"id": row.owner_id, "name": row.owner_name}}
