"""Open pages told what changed, pushed as Server-Sent Events
(docs/decisions/053-open-pages-follow-a-stream-of-changes.md).

`flask events` serves GET /api/events/ on a port of its own (nginx routes the path there):
one asynchronous process holds every open page's stream, and one look for changes a second
(watcher.py) feeds them all, where each page used to ask every 4 s. Who may open a stream
is the app's own decision (routes.py's door, under accounts/access.py's table).
"""
