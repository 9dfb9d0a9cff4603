"""System binaries some tests need (nginx, chromium): installed when possible, else a
visible skip — never a skip under CI=true, where a missing tool is a failure."""

import os
import shutil
import subprocess

import pytest


def require_binary(binary: str, debian_package: str) -> str:
    path = shutil.which(binary)
    if path:
        return path
    if os.geteuid() == 0 and shutil.which("apt-get"):
        quiet = {"stdout": subprocess.DEVNULL, "env": {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}}
        subprocess.run(["apt-get", "update", "-qq"], check=False, **quiet)
        subprocess.run(["apt-get", "install", "-y", "-qq", debian_package], check=False, **quiet)
        path = shutil.which(binary)
        if path:
            return path
    reason = f"{binary} is not installed and could not be installed (apt-get install {debian_package})"
    if os.environ.get("CI") == "true":
        pytest.fail(reason)
    pytest.skip(reason)
