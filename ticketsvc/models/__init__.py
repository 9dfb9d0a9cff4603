"""The tables, one module per group; importing this registers them all with the metadata
(which migrations' autogenerate compares with the database)."""

from ticketsvc.models.accounts import ApiToken, User, UserSession
from ticketsvc.models.conversation import COMMENT_MAX_LENGTH, HistoryEntry, TicketComment
from ticketsvc.models.jobs import BulkJob
from ticketsvc.models.mail import IncomingMail, MailFetchState, OutgoingMail, PasswordReset
from ticketsvc.models.replies import REPLY_BODY_MAX_LENGTH, REPLY_TITLE_MAX_LENGTH, CannedReply
from ticketsvc.models.tickets import (
    DESCRIPTION_MAX_LENGTH,
    SEARCH_CONFIG,
    TITLE_MAX_LENGTH,
    Ticket,
    TicketAssigneeCount,
    TicketCount,
)

__all__ = [
    "COMMENT_MAX_LENGTH",
    "DESCRIPTION_MAX_LENGTH",
    "REPLY_BODY_MAX_LENGTH",
    "REPLY_TITLE_MAX_LENGTH",
    "SEARCH_CONFIG",
    "TITLE_MAX_LENGTH",
    "ApiToken",
    "BulkJob",
    "CannedReply",
    "HistoryEntry",
    "IncomingMail",
    "MailFetchState",
    "OutgoingMail",
    "PasswordReset",
    "Ticket",
    "TicketAssigneeCount",
    "TicketComment",
    "TicketCount",
    "User",
    "UserSession",
]
