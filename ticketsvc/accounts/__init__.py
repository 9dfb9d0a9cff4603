"""The people of ticketsvc and how they prove who they are: users, browser sessions, API
tokens, and the one table of who may call what (access.py)."""
