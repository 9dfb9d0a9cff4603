"""Malformed requests: each is a clear 4xx in the contract's JSON shape and changes nothing."""

import pytest


def assert_error(response, status):
    assert response.status_code == status
    assert response.is_json, response.data[:200]
    body = response.get_json()
    assert isinstance(body["message"], str) and body["message"]
    return body


@pytest.mark.parametrize(
    "raw_body",
    [b"{not json", b"", b'{"title": "t",}', b"\xff\xfe\x00garbage", b'{"title": "\xff\xfe"}'],
)
def test_invalid_json_is_400(client, raw_body):
    response = client.post("/api/tickets/", data=raw_body, content_type="application/json")
    assert_error(response, 400)
    assert client.get("/api/tickets/").get_json()["count"] == 0


@pytest.mark.parametrize("document", [[1, 2], "a string", 42, None, True])
def test_json_that_is_not_an_object_is_400(client, document):
    response = client.post("/api/tickets/", json=document)
    assert_error(response, 400)


def test_a_body_that_is_not_json_is_415(client):
    response = client.post("/api/tickets/", data={"title": "t", "description": "d"})
    assert_error(response, 415)


def test_text_plain_body_is_415(client):
    response = client.post("/api/tickets/", data='{"title": "t"}', content_type="text/plain")
    assert_error(response, 415)


def test_a_body_over_one_megabyte_is_413(client):
    body = '{"title": "t", "description": "' + "x" * (1024 * 1024) + '"}'
    response = client.post("/api/tickets/", data=body, content_type="application/json")
    assert_error(response, 413)


def test_unknown_api_path_is_json_404(client):
    assert_error(client.get("/api/nothing-here/"), 404)
    assert_error(client.post("/api/nothing-here/", json={}), 404)


def test_unknown_ticket_is_404(client):
    body = assert_error(client.get("/api/tickets/999999/"), 404)
    assert "999999" in body["message"]


def test_wrong_method_is_json_405(client):
    assert_error(client.delete("/api/tickets/"), 405)
    assert_error(client.put("/api/tickets/stats/"), 405)


def test_an_unexpected_error_is_a_json_500_without_internals(app, client, monkeypatch):
    from ticketsvc.tickets import service

    def explode(*args, **kwargs):
        raise RuntimeError("secret internal detail /srv/app/service.py")

    monkeypatch.setattr(service, "get_ticket", explode)
    app.config["PROPAGATE_EXCEPTIONS"] = False
    try:
        response = client.get("/api/tickets/1/")
    finally:
        app.config["PROPAGATE_EXCEPTIONS"] = None
    body = assert_error(response, 500)
    assert "secret" not in response.get_data(as_text=True)
    assert "Traceback" not in body["message"]
