"""Every endpoint that reads a JSON body answers a hostile one with a 400 in the contract's
shape, never a 500: the operations are read from the OpenAPI description, so an endpoint
added later is covered without being listed here."""

import re

import pytest

# 100,000 levels: 200 kB, under the 1 MB body limit, far past Python's recursion limit.
DEEPLY_NESTED = {
    "array": b"[" * 100_000 + b"]" * 100_000,
    "object": b'{"a":' * 100_000 + b"1" + b"}" * 100_000,
}
HTTP_METHODS = {"get", "post", "put", "patch", "delete"}


def operations_with_json_bodies(spec: dict) -> list[tuple[str, str]]:
    return [
        (method.upper(), path)
        for path, operations in spec["paths"].items()
        for method, operation in operations.items()
        if method in HTTP_METHODS
        and "application/json" in operation.get("requestBody", {}).get("content", {})
    ]


@pytest.fixture
def json_operations(admin_client, create_ticket):
    """Each operation that reads a JSON body, its path filled in with things that exist."""
    reply = admin_client.post("/api/replies/", json={"title": "Thanks", "body": "Thank you!", "shared": True})
    existing = {"ticket_id": create_ticket()["id"], "user_id": 1, "reply_id": reply.get_json()["id"]}
    spec = admin_client.get("/api/openapi.json").get_json()
    return [
        (method, re.sub(r"\{(\w+)\}", lambda name: str(existing[name[1]]), path))
        for method, path in operations_with_json_bodies(spec)
    ]


def test_the_description_lists_the_body_reading_operations(json_operations):
    assert ("POST", "/api/tickets/") in json_operations
    assert ("POST", "/api/tickets/classify/") in json_operations
    assert any(method == "PATCH" for method, _ in json_operations)


@pytest.mark.parametrize("shape", DEEPLY_NESTED)
def test_deeply_nested_json_is_400_everywhere_and_changes_nothing(admin_client, json_operations, shape):
    client = admin_client  # an admin may call every operation
    before = client.get("/api/tickets/").get_json()
    for method, path in json_operations:
        body = DEEPLY_NESTED[shape]
        response = client.open(path, method=method, data=body, content_type="application/json")
        assert response.status_code == 400, (method, path, response.status_code)
        assert response.get_json()["message"] == "The body is not valid JSON: it nests too deeply."
    assert client.get("/api/tickets/").get_json() == before
