"""Fixtures of the hardening tests: Redis for shared rate limits, and the nginx of
tests/deploy (the real nginx.conf) in front of servers these tests start themselves."""

import socket

import pytest

from tests.deploy.conftest import fake_spa_build, nginx_binary, nginx_prefix, start_nginx  # noqa: F401
from tests.deploy.deploy_stack import skip_or_fail

REDIS_ADDRESS = ("127.0.0.1", 6379)


@pytest.fixture(scope="session")
def redis_url() -> str:
    """The machine's Redis; a visible skip where there is none, a failure under CI=true."""
    try:
        with socket.create_connection(REDIS_ADDRESS, timeout=2) as connection:
            connection.sendall(b"PING\r\n")
            answered = connection.recv(16).startswith(b"+PONG")
    except OSError:
        answered = False
    if not answered:
        skip_or_fail(f"no Redis answers at {REDIS_ADDRESS[0]}:{REDIS_ADDRESS[1]}")
    return f"redis://{REDIS_ADDRESS[0]}:{REDIS_ADDRESS[1]}/0"
