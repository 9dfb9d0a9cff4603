"""Two agents change the same ticket from the same ETag at the same moment, against gunicorn:
exactly one change is applied, the other gets 412 and changes nothing, and the ticket then
shows the winner's values. Each round releases both requests together from a barrier, over
connections opened beforehand, so they race inside the server."""

import http.client
import json
import threading
from urllib.parse import urlsplit

from tests.hardening.scale import scaled
from tests.staff import AGENT

ROUNDS = scaled(20)
NEW_TICKET = {
    "title": "Shared ticket",
    "description": "Two agents triage it at once.",
    "category": "general",
    "priority": "medium",
}
# What each agent sets: different in every field, so the winner is visible.
AGENT_CHANGES = (
    {"status": "in_progress", "priority": "critical", "title": "Taken by agent A"},
    {"status": "resolved", "priority": "low", "title": "Taken by agent B"},
)


def open_connection(base_url: str) -> http.client.HTTPConnection:
    address = urlsplit(base_url)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=30)
    connection.connect()
    return connection


def patch_together(base_url: str, ticket_id: int, etag: str) -> list[tuple[int, dict, str | None]]:
    """Both agents' PATCHes with If-Match: etag, released at once; (status, body, ETag) each."""
    barrier = threading.Barrier(len(AGENT_CHANGES))
    replies: list = [None] * len(AGENT_CHANGES)

    def agent(index: int, connection: http.client.HTTPConnection) -> None:
        body = json.dumps(AGENT_CHANGES[index]).encode()
        headers = {"Content-Type": "application/json", "If-Match": etag, **AGENT.bearer}
        barrier.wait()
        connection.request("PATCH", f"/api/tickets/{ticket_id}/", body=body, headers=headers)
        response = connection.getresponse()
        replies[index] = (response.status, json.loads(response.read()), response.headers["ETag"])

    connections = [open_connection(base_url) for _ in AGENT_CHANGES]
    threads = [threading.Thread(target=agent, args=pair) for pair in enumerate(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    for connection in connections:
        connection.close()
    return replies


def test_of_two_simultaneous_changes_from_one_etag_exactly_one_wins(live_server, app, create_ticket):
    for _ in range(ROUNDS):
        ticket = create_ticket(**NEW_TICKET)
        etag = f'"{ticket["updated_at"]}"'

        replies = patch_together(live_server, ticket["id"], etag)

        assert sorted(status for status, _, _ in replies) == [200, 412], replies
        winner = next(index for index, (status, _, _) in enumerate(replies) if status == 200)
        _, won, winning_etag = replies[winner]
        current = open_connection(live_server)
        current.request("GET", f"/api/tickets/{ticket['id']}/", headers=AGENT.bearer)
        response = current.getresponse()
        stored = json.loads(response.read())
        current.close()
        assert stored == won and response.headers["ETag"] == winning_etag
        assert {name: stored[name] for name in AGENT_CHANGES[winner]} == AGENT_CHANGES[winner]
        loser = replies[1 - winner]
        assert loser[1]["message"] and set(loser[1]) == {"message"}
