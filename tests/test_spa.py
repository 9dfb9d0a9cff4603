"""Flask serves the React build when no nginx is in front (`make run`)."""

import pytest

from ticketsvc.response_headers import SECURITY_HEADERS


@pytest.fixture
def spa_client(make_app, app, tmp_path):
    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_text("<!doctype html><div id=root></div>")
    (tmp_path / "assets" / "index-abc123.js").write_text("console.log('app')")
    return make_app(SPA_DIST=tmp_path).test_client()


def test_index_is_served_at_the_root_and_never_cached(spa_client):
    response = spa_client.get("/")
    assert response.status_code == 200 and b"id=root" in response.data
    assert "no-cache" in response.headers["Cache-Control"]


def test_client_routes_get_the_index(spa_client):
    response = spa_client.get("/tickets/42")
    assert response.status_code == 200 and b"id=root" in response.data


def test_hashed_assets_are_cached_for_a_year(spa_client):
    response = spa_client.get("/assets/index-abc123.js")
    assert response.status_code == 200
    assert "max-age=31536000" in response.headers["Cache-Control"]


def test_a_missing_asset_is_404_not_html(spa_client):
    assert spa_client.get("/assets/missing.js").status_code == 404


def test_the_api_is_not_shadowed_by_the_spa(spa_client):
    assert spa_client.get("/api/tickets/").is_json
    response = spa_client.post("/api/unknown/", json={})
    assert response.status_code == 404 and response.is_json


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("GET", "/", 200),
        ("GET", "/tickets/42", 200),
        ("GET", "/assets/index-abc123.js", 200),
        ("GET", "/assets/missing.js", 404),
        ("GET", "/api/health/", 200),
        ("GET", "/api/tickets/", 401),
        ("DELETE", "/api/tickets/", 405),
    ],
)
def test_every_response_carries_the_security_headers_without_nginx(spa_client, method, path, status):
    response = spa_client.open(path, method=method)
    assert response.status_code == status
    for name, value in SECURITY_HEADERS.items():
        assert response.headers.get_all(name) == [value], name
