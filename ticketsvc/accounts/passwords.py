"""Passwords: argon2id, sized so that a burst of sign-ins cannot exhaust a worker's memory.

OWASP's first argon2id setting (19 MiB, 2 passes, 1 lane): 19 MiB per hash in progress,
so a gunicorn worker's 4 threads hashing at once hold 76 MiB, where argon2-cffi's default
(64 MiB, 3 passes, 4 lanes) would hold 256 MiB, and take seven times as long
(docs/decisions/010-argon2id-at-owasps-minimum.md has the timings).
"""

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError

MIN_LENGTH = 12
MAX_LENGTH = 1_000

_hasher = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1, type=Type.ID)
_dummy_hash: str | None = None


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(stored_hash: str | None, password: str) -> bool:
    """Whether password matches stored_hash; with no hash (no such user) a dummy one is
    checked, so that an unknown email costs as much time as a wrong password."""
    global _dummy_hash
    if stored_hash is None:
        _dummy_hash = _dummy_hash or _hasher.hash("not anyone's password")
        stored_hash = _dummy_hash
    try:
        return _hasher.verify(stored_hash, password) and stored_hash is not _dummy_hash
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    """Whether the hash was made with other parameters than today's."""
    return _hasher.check_needs_rehash(stored_hash)
