"""The placeholders a canned reply may hold, filled in for the ticket it answers."""

import re

# What {{customer.name}} becomes when the customer gave no name: "Hello there,".
NAMELESS_CUSTOMER = "there"
NAMES = ("ticket.id", "ticket.title", "customer.name", "agent.name")
PLACEHOLDER = re.compile(r"\{\{(" + "|".join(re.escape(name) for name in NAMES) + r")\}\}")


def fill(body: str, ticket, agent_name: str) -> str:
    """body with each placeholder replaced by its value for ticket (a row with id, title
    and requester_name) and the agent sending it. One pass: a value that itself holds a
    placeholder (a title with "{{agent.name}}") is kept as written, as is any {{…}} that is
    not one of NAMES."""
    values = {
        "ticket.id": str(ticket.id),
        "ticket.title": ticket.title,
        "customer.name": ticket.requester_name or NAMELESS_CUSTOMER,
        "agent.name": agent_name,
    }
    return PLACEHOLDER.sub(lambda placeholder: values[placeholder.group(1)], body)
