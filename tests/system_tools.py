"""System binaries some tests need (nginx, chromium): installed when possible, else a
visible skip — never a skip under CI=true, where a missing tool is a failure."""

import fcntl
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

# Held while installing: the parallel pass's workers may ask for a binary at the same
# moment, and a second apt-get fails at once on the lock the first one holds.
INSTALL_LOCK = Path(tempfile.gettempdir()) / "ticketsvc-tests-apt.lock"


def require_binary(binary: str, debian_package: str) -> str:
    path = shutil.which(binary)
    if path:
        return path
    if os.geteuid() == 0 and shutil.which("apt-get"):
        with INSTALL_LOCK.open("w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            path = shutil.which(binary) or _apt_get_install(binary, debian_package)
        if path:
            return path
    reason = f"{binary} is not installed and could not be installed (apt-get install {debian_package})"
    if os.environ.get("CI") == "true":
        pytest.fail(reason)
    pytest.skip(reason)


def _apt_get_install(binary: str, debian_package: str) -> str | None:
    quiet = {"stdout": subprocess.DEVNULL, "env": {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}}
    subprocess.run(["apt-get", "update", "-qq"], check=False, **quiet)
    subprocess.run(["apt-get", "install", "-y", "-qq", debian_package], check=False, **quiet)
    return shutil.which(binary)
