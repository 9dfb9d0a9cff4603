"""What POST /api/tickets/bulk/ accepts and what it and a job's progress return."""

from typing import ClassVar
from urllib.parse import parse_qsl

from marshmallow import Schema, ValidationError, fields, post_load, validate, validates_schema
from webargs.multidictproxy import MultiDictProxy
from werkzeug.datastructures import MultiDict

from ticketsvc.api.fields import UtcDateTime, enum_field
from ticketsvc.api.smorest import BIGINT_MAX
from ticketsvc.enums import JobState
from ticketsvc.tickets.bulk import SKIP_REASONS
from ticketsvc.tickets.filters import FILTER_NAMES
from ticketsvc.tickets.schemas import TicketQueryArgsSchema, TicketUpdateSchema

MAX_BULK_IDS = 1000
# Longer than any query string the SPA or a person writes; a search is at most 200.
FILTER_MAX_LENGTH = 2000
# Which tickets the list's query selects (its ordering and, unknown here, its paging ignored).
LIST_FILTERS = TicketQueryArgsSchema(exclude=("ordering",))
# The list's filters a job applies (jobs/bulk_changes.py).
JOB_FILTERS = {*FILTER_NAMES, "search"}
# A bulk change sets these; each error names its field, as PATCH's and the list's do.
NESTED_FIELDS = ("set", "filter")


class BulkSetSchema(TicketUpdateSchema):
    """What a bulk change sets: PATCH's triage fields, validated as PATCH validates them."""

    class Meta:
        exclude = ("title", "description")
        json_schema: ClassVar[dict] = {"minProperties": 1}  # not_empty(), for OpenAPI

    READ_ONLY_FIELDS: ClassVar[dict[str, str]] = {
        **TicketUpdateSchema.READ_ONLY_FIELDS,
        **{
            name: "A bulk change sets status, priority, category and assignee_id."
            for name in ("title", "description")
        },
    }


class ListFilter(fields.String):
    """The list's query string ("status=open&search=refund"), read by the list's own
    argument schema: the same filters, the same errors. What orders or pages the list is
    ignored, as are unknown parameters; assignee=me is still a word here (the view makes it
    the caller's id)."""

    def __init__(self, **kwargs):
        super().__init__(metadata={"maxLength": FILTER_MAX_LENGTH, **kwargs.pop("metadata", {})}, **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        query = super()._deserialize(value, attr, data, **kwargs)
        if len(query) > FILTER_MAX_LENGTH:
            raise ValidationError(f"Longer than maximum length {FILTER_MAX_LENGTH}.")
        arguments = MultiDict(parse_qsl(query.removeprefix("?"), keep_blank_values=True))
        filters = LIST_FILTERS.load(MultiDictProxy(arguments, LIST_FILTERS))
        # A filter of the list that a job could not apply would widen the change to
        # tickets the agent did not select: refused, not ignored.
        unapplied = set(filters) - JOB_FILTERS
        if unapplied:
            raise ValidationError({name: ["Bulk changes cannot select by this yet."] for name in unapplied})
        return filters


class BulkChangeSchema(Schema):
    class Meta:
        # ids_or_filter(), for OpenAPI.
        json_schema: ClassVar[dict] = {"oneOf": [{"required": ["ids"]}, {"required": ["filter"]}]}

    ids = fields.List(
        fields.Integer(strict=True, validate=validate.Range(min=1, max=BIGINT_MAX)),
        validate=validate.Length(min=1, max=MAX_BULK_IDS),
        metadata={"description": f"Up to {MAX_BULK_IDS:,} ticket ids (each counted once): changed at once."},
    )
    filter = ListFilter(
        metadata={
            "description": "The list's query string (status=open&search=refund; ordering and paging"
            " are ignored): every ticket it selects now is changed in the background, by a job."
        }
    )
    changes = fields.Nested(
        BulkSetSchema,
        required=True,
        data_key="set",
        metadata={"description": "Any of status, priority, category, assignee_id, validated as for PATCH."},
    )

    @validates_schema
    def ids_or_filter(self, data, **kwargs):
        if ("ids" in data) == ("filter" in data):
            raise ValidationError({name: ["Send either ids or filter."] for name in ("ids", "filter")})

    @post_load
    def each_id_once(self, data, **kwargs):
        if "ids" in data:
            data["ids"] = list(dict.fromkeys(data["ids"]))
        return data

    def handle_error(self, error, data, **kwargs):
        """Name the fields of set and filter as PATCH and the list name them ({"status":
        […]}), rather than nested under set or filter."""
        raise ValidationError(_lifted(error.messages)) from error


def _lifted(messages: dict) -> dict:
    lifted = {field: problems for field, problems in messages.items() if field not in NESTED_FIELDS}
    for field in NESTED_FIELDS:
        problems = messages.get(field, {})
        if not isinstance(problems, dict):  # set is not an object, filter not a string
            lifted[field] = problems
            continue
        for inner, inner_problems in problems.items():
            name = field if inner == "_schema" else inner
            lifted[name] = [*lifted.get(name, []), *inner_problems]
    return lifted


class BulkSkipSchema(Schema):
    id = fields.Integer(required=True)
    reason = fields.String(required=True, metadata={"enum": list(SKIP_REASONS)})


class BulkResultSchema(Schema):
    matched = fields.Integer(required=True, metadata={"description": "The ids that name a ticket."})
    changed = fields.Integer(required=True)
    skipped = fields.List(fields.Nested(BulkSkipSchema), required=True)


class BulkJobAcceptedSchema(Schema):
    job = fields.Integer(required=True, metadata={"description": "GET /api/tickets/bulk/<job>/ follows it."})
    matched = fields.Integer(required=True, metadata={"description": "The tickets the filter selects now."})


class BulkJobSchema(Schema):
    state = enum_field(JobState, required=True)
    matched = fields.Integer(required=True)
    changed = fields.Integer(required=True)
    started_at = UtcDateTime(required=True)
    finished_at = UtcDateTime(required=True, allow_none=True)
