"""Secrets that mail must carry although only their digests are stored: a ticket's follow
key and a password reset's token.

Each is an HMAC of SECRET_KEY over a random per-row salt, so the worker can write it into
a mail when it sends one, while a copy of the database alone (salts and digests) yields
no working secret. The digest of the secret as first made is stored too. A follow key is
accepted by either (its ticket's id is in the link): a link sent before SECRET_KEY changed
keeps working. A reset's token is found by its digest alone (its link names no row), so a
reset mailed after SECRET_KEY changed, within the minutes it waits in the outbox, carries
a token that opens nothing: whoever asked asks again (password_resets.py).
"""

import base64
import hashlib
import hmac
import uuid

from flask import current_app

from ticketsvc.accounts.credentials import digest


def derived_secret(purpose: str, salt: uuid.UUID) -> str:
    """The secret of purpose ("follow-link", "password-reset") for this salt, URL-safe."""
    key = current_app.config["SECRET_KEY"].encode()
    mac = hmac.new(key, f"ticketsvc {purpose}:".encode() + salt.bytes, hashlib.sha256).digest()
    return base64.urlsafe_b64encode(mac).rstrip(b"=").decode()


def new_derived_secret(purpose: str) -> tuple[uuid.UUID, str, bytes]:
    """(a new salt, its secret, the secret's digest to store)."""
    salt = uuid.uuid4()
    secret = derived_secret(purpose, salt)
    return salt, secret, digest(secret)


def derives(purpose: str, salt: uuid.UUID, secret: str) -> bool:
    """Whether secret is the one derived from salt under the current SECRET_KEY."""
    expected = derived_secret(purpose, salt).encode()
    return hmac.compare_digest(expected, secret.encode("utf-8", "surrogatepass"))
