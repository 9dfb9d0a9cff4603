"""A plain HTTP client for tests against real servers (gunicorn, nginx): one connection per
call, optionally from a chosen loopback address, so a test can play several clients."""

import http.client
import json
from dataclasses import dataclass
from urllib.parse import urlsplit


@dataclass
class Reply:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    def json(self):
        return json.loads(self.body)


def call(
    base_url: str,
    method: str,
    path: str,
    *,
    json_body=None,
    body: bytes | None = None,
    headers: dict | None = None,
    source_address: str | None = None,
    timeout: float = 30,
) -> Reply:
    """One request; json_body is sent as JSON, body as raw bytes."""
    address = urlsplit(base_url)
    headers = dict(headers or {})
    if json_body is not None:
        body, headers["Content-Type"] = json.dumps(json_body).encode(), "application/json"
    connection = http.client.HTTPConnection(
        address.hostname,
        address.port,
        timeout=timeout,
        source_address=(source_address, 0) if source_address else None,
    )
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        return Reply(response.status, response.headers, response.read())
    finally:
        connection.close()
