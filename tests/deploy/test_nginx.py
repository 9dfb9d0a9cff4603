"""nginx.conf in front of gunicorn, as compose runs them: the SPA and its caching, gzip,
security headers, the /api/ proxy with X-Forwarded-*, and the errors nginx makes itself."""

import gzip
import json
import re
import subprocess
from pathlib import Path

import pytest

from tests.deploy.deploy_stack import render_nginx_conf
from tests.events.streams import Stream
from tests.staff import AGENT
from ticketsvc.devtools.local_gunicorn import free_port
from ticketsvc.response_headers import SECURITY_HEADERS

TWO_MEGABYTES = b"x" * (2 * 1024 * 1024)
NEW_TICKET = {
    "title": "VPN drops",
    "description": "The VPN disconnects every ten minutes.",
    "category": "technical",
    "priority": "high",
}


@pytest.fixture(scope="module", params=["fake build", "frontend/dist"])
def spa_site(request):
    return request.getfixturevalue("site" if request.param == "fake build" else "real_build_site")


def asset_paths(index_html: bytes) -> list[str]:
    return re.findall(r'(?:src|href)="(/assets/[^"]+)"', index_html.decode())


def test_the_rendered_config_passes_nginx_t(nginx_binary, nginx_prefix):
    prefix = nginx_prefix()
    conf = prefix / "nginx.conf"
    conf.write_text(
        render_nginx_conf(
            upstream_port=free_port(),
            events_port=free_port(),
            static_root=prefix,
            listen_port=free_port(),
            prefix=prefix,
        )
    )
    result = subprocess.run(
        [nginx_binary, "-t", "-p", str(prefix), "-c", str(conf), "-e", "stderr"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "test is successful" in result.stderr


# ---- the SPA ----


@pytest.mark.parametrize("path", ["/", "/tickets/5", "/dashboard?status=open"])
def test_the_root_and_client_routes_answer_with_index_html_never_cached(spa_site, path):
    reply = spa_site.get(path)
    assert reply.status == 200
    assert reply.headers["Content-Type"].startswith("text/html")
    assert b'<div id="root">' in reply.body
    assert reply.headers["Cache-Control"] == "no-cache"


def test_hashed_assets_are_cached_for_a_year_as_immutable(spa_site):
    paths = asset_paths(spa_site.get("/").body)
    assert {path.rsplit(".", 1)[1] for path in paths} >= {"js", "css"}
    for path in paths:
        reply = spa_site.get(path)
        assert reply.status == 200, path
        assert reply.headers["Cache-Control"] == "public, max-age=31536000, immutable", path


def test_javascript_and_css_are_gzipped_for_clients_that_accept_it(spa_site):
    for path in asset_paths(spa_site.get("/").body):
        reply = spa_site.get(path, headers={"Accept-Encoding": "gzip"})
        assert reply.headers["Content-Encoding"] == "gzip", path
        assert reply.headers["Vary"] == "Accept-Encoding"
        assert gzip.decompress(reply.body) == spa_site.get(path).body


def test_a_missing_asset_is_a_404_never_the_spa_page_and_never_cached(spa_site):
    reply = spa_site.get("/assets/index-Missing0.js")
    assert reply.status == 404
    assert b'id="root"' not in reply.body
    assert "Cache-Control" not in reply.headers


def test_the_real_build_needs_no_inline_script_or_style_the_csp_would_block(real_build_site):
    page = real_build_site.get("/").body.decode()
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page), "inline <script>"
    assert not re.search(r"<style\b|\sstyle=|\son[a-z]+=", page), "inline style or event handler"


# ---- headers on every response ----


@pytest.mark.parametrize(
    ("method", "path", "body", "status"),
    [
        ("GET", "/", None, 200),
        ("GET", "/assets/index-Missing0.js", None, 404),
        ("GET", "/api/health/", None, 200),
        ("GET", "/api/tickets/999999/", None, 401),
        ("POST", "/api/tickets/", TWO_MEGABYTES, 413),
    ],
)
def test_every_response_carries_the_security_headers_once_and_no_nginx_version(
    site, method, path, body, status
):
    reply = site.request(method, path, body=body)
    assert reply.status == status
    for name, value in SECURITY_HEADERS.items():
        assert reply.headers.get_all(name) == [value], name
    assert reply.headers["Server"] == "nginx"


def test_api_answers_keep_the_apps_no_store_alone(site):
    for path in ("/api/health/", "/api/tickets/999999/"):
        assert site.get(path).headers.get_all("Cache-Control") == ["no-store"], path


# ---- the API through nginx ----


def test_api_round_trip_create_list_patch_stats(site):
    stats_before = site.get("/api/tickets/stats/", headers=AGENT.bearer).json()
    created = site.request("POST", "/api/tickets/", json_body=NEW_TICKET)
    assert created.status == 201, created.body
    ticket = created.json()

    listed = site.get("/api/tickets/?search=VPN%20disconnects&page_size=100", headers=AGENT.bearer).json()
    assert ticket["id"] in [row["id"] for row in listed["results"]]

    patched = site.request(
        "PATCH",
        f"/api/tickets/{ticket['id']}/",
        json_body={"status": "in_progress"},
        headers={"If-Match": created.headers["ETag"], **AGENT.bearer},
    )
    assert patched.status == 200, patched.body
    assert patched.json()["status"] == "in_progress"

    stats_after = site.get("/api/tickets/stats/", headers=AGENT.bearer).json()
    assert stats_after["total_tickets"] == stats_before["total_tickets"] + 1
    in_progress_before = stats_before["status_breakdown"]["in_progress"]
    assert stats_after["status_breakdown"]["in_progress"] == in_progress_before + 1


def test_page_links_are_absolute_on_the_host_the_client_used_and_cannot_be_forged(site):
    """nginx sends the app its own upstream address as Host; the client's host reaches the
    links only through nginx's X-Forwarded-Host, which the app trusts because compose sets
    TRUSTED_PROXIES=1. Forwarded headers a client sends itself are replaced by nginx's."""
    for _ in range(2):
        assert site.request("POST", "/api/tickets/", json_body=NEW_TICKET).status == 201
    reply = site.get(
        "/api/tickets/?page_size=1",
        headers={
            "Host": "tickets.example.test:8443",
            "X-Forwarded-Host": "forged.example.test",
            "X-Forwarded-Proto": "https",
            # nginx sets no X-Forwarded-Port, so a client's own would reach the app.
            "X-Forwarded-Port": "9999",
            **AGENT.bearer,
        },
    )
    assert reply.status == 200
    assert reply.json()["next"].startswith("http://tickets.example.test:8443/api/tickets/?")


def test_an_etag_weakened_by_gzip_still_guards_a_patch(site):
    ticket = {**NEW_TICKET, "description": "The VPN drops again. " * 200}
    ticket_id = site.request("POST", "/api/tickets/", json_body=ticket).json()["id"]
    read = site.get(f"/api/tickets/{ticket_id}/", headers={"Accept-Encoding": "gzip", **AGENT.bearer})
    assert read.headers["ETag"].startswith('W/"')  # nginx weakens what it compresses
    patched = site.request(
        "PATCH",
        f"/api/tickets/{ticket_id}/",
        json_body={"status": "closed"},
        headers={"If-Match": read.headers["ETag"], **AGENT.bearer},
    )
    assert patched.status == 200
    stale = site.request(
        "PATCH",
        f"/api/tickets/{ticket_id}/",
        json_body={"status": "open"},
        headers={"If-Match": read.headers["ETag"], **AGENT.bearer},
    )
    assert stale.status == 412


def test_json_is_gzipped_for_clients_that_accept_it(site):
    reply = site.get("/api/openapi.json", headers={"Accept-Encoding": "gzip"})
    assert reply.status == 200
    assert reply.headers["Content-Encoding"] == "gzip"
    assert "paths" in json.loads(gzip.decompress(reply.body))


def _established_connections_to(port: int) -> int:
    """Open TCP connections (IPv4) whose far end is this machine's `port`, from /proc/net/tcp."""
    rows = Path("/proc/net/tcp").read_text().splitlines()[1:]
    # Columns: sl, local address:port, remote address:port, state (01: ESTABLISHED), …
    return sum(
        1 for row in rows if (fields := row.split())[3] == "01" and int(fields[2].split(":")[1], 16) == port
    )


def test_api_requests_go_down_connections_nginx_keeps_open_to_gunicorn(site, backend):
    for _ in range(20):
        assert site.get("/api/health/").status == 200
    # Without an upstream keepalive nginx closes each connection after its answer and none
    # remains open; with it, each nginx worker keeps the one it used for the next request
    # (the real SPA build's nginx, in front of the same backend, may hold its own too):
    # some, and far fewer than one per request.
    assert 1 <= _established_connections_to(backend.port) < 20


def test_api_paths_are_never_answered_by_the_spa(site):
    for path in ("/api", "/api/tickets", "/api/unknown/"):
        reply = site.get(path)
        assert reply.headers["Content-Type"] == "application/json", path
    assert site.get("/api/unknown/").json() == {"message": "Not found."}


# ---- errors nginx makes itself ----


def test_a_body_over_1_mb_is_refused_by_nginx_itself_as_json_413(dead_backend_site):
    # No backend is listening, so this answer can only be nginx's.
    reply = dead_backend_site.request(
        "POST", "/api/tickets/", body=TWO_MEGABYTES, headers={"Content-Type": "application/json"}
    )
    assert reply.status == 413
    assert reply.headers["Content-Type"] == "application/json"
    assert reply.json() == {"message": "The body is larger than 1 MB."}


def test_incoming_mail_up_to_11_mb_is_passed_to_the_app_and_larger_refused(dead_backend_site):
    raw = {"Content-Type": "message/rfc822"}
    # 502: nginx passed the 2 MB message on (to a backend that is not there).
    assert (
        dead_backend_site.request("POST", "/api/mail/inbound/", body=TWO_MEGABYTES, headers=raw).status == 502
    )
    reply = dead_backend_site.request("POST", "/api/mail/inbound/", body=TWO_MEGABYTES * 6, headers=raw)
    assert reply.status == 413
    assert reply.json() == {"message": "The message is larger than 11 MB."}


def test_long_urls_reach_the_app_and_overlong_ones_get_nginx_json_414(site):
    # 6 kB passes nginx and gunicorn: the app itself refuses the over-long search.
    reply = site.get("/api/tickets/?search=" + "a" * 6000, headers=AGENT.bearer)
    assert reply.status == 400 and "search" in reply.json()["errors"]
    reply = site.get("/api/tickets/?search=" + "a" * 10_000, headers=AGENT.bearer)
    assert reply.status == 414
    assert reply.headers["Content-Type"] == "application/json"
    assert reply.json() == {"message": "The URL is too long."}


def test_with_the_backend_down_the_spa_still_loads_and_the_api_answers_json_502(dead_backend_site):
    assert dead_backend_site.get("/tickets/5").status == 200
    reply = dead_backend_site.get("/api/tickets/")
    assert reply.status == 502
    assert reply.headers["Content-Type"] == "application/json"
    assert reply.json()["message"]
    for name, value in SECURITY_HEADERS.items():
        assert reply.headers[name] == value


# ---- the streams of changes ----


def test_a_stream_of_changes_passes_through_nginx_as_each_event_comes(site):
    stream = Stream(site.port, AGENT.bearer)
    try:
        assert stream.response.status == 200
        assert stream.response.getheader("Content-Type").startswith("text/event-stream")
        created = site.request("POST", "/api/tickets/", json_body=NEW_TICKET, headers=AGENT.bearer)
        assert created.status == 201
        # Buffered by nginx, the event would wait for 4 kB more of others (or time out).
        # (Tickets other tests made just before may be told first.)
        told = (
            ticket["id"]
            for event in stream.events(10)
            if event.name == "changes"
            for ticket in event.json()["results"]
        )
        assert created.json()["id"] in told
    finally:
        stream.close()


def test_a_stream_refused_is_the_apps_json_with_nginxs_headers(site):
    stream = Stream(site.port, {})
    try:
        assert stream.response.status == 401
        assert json.loads(stream.response.read()) == {"message": "Authentication required."}
        for name, value in SECURITY_HEADERS.items():
            assert stream.response.getheader(name) == value
    finally:
        stream.close()
