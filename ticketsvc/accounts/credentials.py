"""Random secrets, and the digests that are stored in their place.

A session cookie, an API token and a ticket's private key are each 256 random bits: far
beyond guessing, so a fast digest (SHA-256) is enough to keep a stolen database from
letting anyone in. Passwords, chosen by people, get a slow hash instead (passwords.py).
"""

import hashlib
import secrets

SECRET_BYTES = 32


def new_secret() -> str:
    """A random secret, URL-safe (43 characters)."""
    return secrets.token_urlsafe(SECRET_BYTES)


def digest(secret: str) -> bytes:
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).digest()
