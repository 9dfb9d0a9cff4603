"""How hard the hardening tests push. `make test` runs them at scale 1 with fixed seeds,
in seconds; scripts/soak_hardening.sh raises TICKETSVC_HARDENING_SCALE for long runs,
with fresh seeds every time."""

import os

SCALE = int(os.environ.get("TICKETSVC_HARDENING_SCALE", "1"))


def scaled(count: int) -> int:
    return count * SCALE


def seed(fixed: int) -> int | None:
    """The fixed seed at scale 1 (repeatable CI); None, meaning a fresh one, beyond."""
    return fixed if SCALE == 1 else None
