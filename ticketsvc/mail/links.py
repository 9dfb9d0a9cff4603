"""The links mail carries into the SPA, all under PUBLIC_URL."""


def _base(public_url: str) -> str:
    return public_url.rstrip("/")


def follow_url(public_url: str, ticket_id: int, access_key: str) -> str:
    """The customer's private link: the key rides in the fragment, which browsers never send."""
    return f"{_base(public_url)}/follow/{ticket_id}#{access_key}"


def ticket_url(public_url: str, ticket_id: int) -> str:
    """The ticket's page for agents."""
    return f"{_base(public_url)}/tickets/{ticket_id}"


def queue_url(public_url: str) -> str:
    """The SPA's "Mine" view: the open tickets assigned to whoever opens it."""
    return f"{_base(public_url)}/?assignee=me&status=open&status=in_progress"


def reset_url(public_url: str, token: str) -> str:
    """Where a password is chosen again; the token rides in the fragment, like a follow key."""
    return f"{_base(public_url)}/reset#{token}"
