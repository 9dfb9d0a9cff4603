"""Importing tickets from a CSV export of the old service's table, validated like the API.

Every row passes the same marshmallow fields the API uses (trimming, lengths, NUL, enum
values), streamed straight into COPY: the first bad row stops the import and the one
transaction is rolled back, so a file is imported whole or not at all.
"""

import csv
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC

from marshmallow import Schema, ValidationError, fields

from ticketsvc.api.errors import one_line
from ticketsvc.api.fields import enum_field
from ticketsvc.db.actor import Actor
from ticketsvc.enums import Category, Priority, Status
from ticketsvc.jobs import bulk_load
from ticketsvc.tickets.schemas import description_field, title_field

IMPORTER = Actor.system("flask tickets import")
IMPORT_COLUMNS = ("title", "description", "category", "priority", "status", "created_at")
# updated_at starts equal to created_at, as the old service's table had no history.
COPY_COLUMNS = (*IMPORT_COLUMNS, "updated_at")


class InvalidImport(ValueError):
    """A file that cannot be imported, with the line where the problem starts."""

    def __init__(self, line: int, problem: str):
        super().__init__(f"Line {line}: {problem}")
        self.line = line


class TicketImportSchema(Schema):
    title = title_field(required=True)
    description = description_field(required=True)
    category = enum_field(Category, required=True)
    priority = enum_field(Priority, required=True)
    status = enum_field(Status, required=True)
    # Any ISO 8601 time (a trailing Z or a "+00" offset as psql writes it); none means UTC.
    created_at = fields.AwareDateTime(required=True, default_timezone=UTC)


def import_csv(binary_lines: Iterable[bytes], on_batch: Callable[[int], None] = lambda size: None) -> int:
    """Validate and load every ticket of a CSV file (opened in binary); return how many."""
    reader = csv.reader(_decoded(binary_lines))
    records = _records(reader)
    columns = _header(next(records, (1, [])))
    return bulk_load.copy_tickets(COPY_COLUMNS, _validated_rows(records, columns), IMPORTER, on_batch)


def _decoded(binary_lines: Iterable[bytes]) -> Iterator[str]:
    """The file's lines as text; invalid UTF-8 is reported at its own line."""
    for number, line in enumerate(binary_lines, start=1):
        try:
            # utf-8-sig drops the byte order mark spreadsheet programs put first.
            yield line.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError:
            raise InvalidImport(number, "not valid UTF-8 text.") from None


def _records(reader) -> Iterator[tuple[int, list[str]]]:
    """(first line, fields) of each record; a quoted field may span several lines."""
    while True:
        first_line = reader.line_num + 1
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise InvalidImport(first_line, f"not readable as CSV ({error}).") from None
        if record:  # blank lines are skipped
            yield first_line, record


def _header(first_record: tuple[int, list[str]]) -> list[str]:
    line, names = first_record
    columns = [name.strip() for name in names]
    missing = [name for name in IMPORT_COLUMNS if name not in columns]
    unknown = [name for name in columns if name not in IMPORT_COLUMNS]
    if missing or unknown or len(set(columns)) != len(columns):
        raise InvalidImport(
            line,
            f"the header must name the columns {', '.join(IMPORT_COLUMNS)} once each"
            f" (missing: {', '.join(missing) or 'none'}; unknown: {', '.join(unknown) or 'none'}).",
        )
    return columns


def _validated_rows(records: Iterator[tuple[int, list[str]]], columns: list[str]) -> Iterator[tuple]:
    """Each record's values, each through its field of TicketImportSchema. The fields are
    called directly: Schema.load's bookkeeping around them doubled the cost of a row,
    which is most of what an import spends in Python
    (docs/decisions/033-import-validates-through-fields.md)."""
    fields_by_name = TicketImportSchema().fields
    positioned = [(name, columns.index(name), fields_by_name[name]) for name in IMPORT_COLUMNS]
    for line, record in records:
        if len(record) != len(columns):
            raise InvalidImport(line, f"expected {len(columns)} fields, found {len(record)}.")
        ticket = []
        for name, position, field in positioned:
            try:
                ticket.append(field.deserialize(record[position]))
            except ValidationError as error:
                raise InvalidImport(line, one_line({name: error.messages})) from None
        yield (*ticket, ticket[-1])  # updated_at starts as created_at, the last of IMPORT_COLUMNS
