"""GET /api/health/ and /api/openapi.json"""

from tests.staff import AGENT
from ticketsvc.enums import Category, Priority, Status, values


def test_health_reports_the_database(client):
    response = client.get("/api/health/")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "ok"}


def test_health_is_503_when_the_database_is_unreachable(make_app):
    unreachable = make_app(SQLALCHEMY_DATABASE_URI="postgresql+psycopg2://nobody@127.0.0.1:1/none")
    response = unreachable.test_client().get("/api/health/")
    assert response.status_code == 503
    assert response.get_json()["database"] == "unavailable" and response.get_json()["message"]


def test_any_endpoint_is_503_json_when_the_database_is_unreachable(make_app):
    unreachable = make_app(SQLALCHEMY_DATABASE_URI="postgresql+psycopg2://nobody@127.0.0.1:1/none")
    response = unreachable.test_client().get("/api/tickets/", headers=AGENT.bearer)
    assert response.status_code == 503
    assert response.get_json()["message"] and "127.0.0.1" not in response.get_data(as_text=True)


def test_openapi_describes_every_endpoint_with_the_enums(client):
    spec = client.get("/api/openapi.json").get_json()
    assert spec["openapi"].startswith("3.")
    paths = spec["paths"]
    for path in (
        "/api/tickets/",
        "/api/tickets/{ticket_id}/",
        "/api/tickets/stats/",
        "/api/tickets/classify/",
        "/api/health/",
    ):
        assert path in paths, path
    assert {"get", "post"} <= set(paths["/api/tickets/"])
    assert {"get", "patch"} <= set(paths["/api/tickets/{ticket_id}/"])
    ticket = spec["components"]["schemas"]["Ticket"]["properties"]
    assert ticket["category"]["enum"] == values(Category)
    assert ticket["priority"]["enum"] == values(Priority)
    assert ticket["status"]["enum"] == values(Status)
    assert "400" in paths["/api/tickets/"]["post"]["responses"]
