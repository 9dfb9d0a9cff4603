"""Delivery into a directory: each message one .eml file, for development and tests."""

import os
import secrets
import tempfile
from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path
from typing import Self

from ticketsvc.mail.failures import TemporaryFailure


class FileTransport:
    """A context manager that writes each message to directory as <UTC time>-<random>.eml.

    Names begin with the time to the microsecond, so `ls` lists the messages in the order
    they were sent. Each file appears whole or not at all: it is written under a hidden
    name and renamed. Like SMTP, it holds the follow links' keys: the files are private
    to their owner (0600).
    """

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        pass

    def send(self, message: EmailMessage) -> None:
        """Write message to its file; raises TemporaryFailure when the directory cannot take it."""
        name = f"{datetime.now(UTC):%Y%m%dT%H%M%S.%fZ}-{secrets.token_hex(4)}.eml"
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            descriptor, partial = tempfile.mkstemp(dir=self.directory, prefix=".", suffix=".partial")
            try:
                with os.fdopen(descriptor, "wb") as file:
                    file.write(message.as_bytes())
                    file.flush()
                    os.fsync(file.fileno())
                os.replace(partial, self.directory / name)
            except BaseException:
                Path(partial).unlink(missing_ok=True)
                raise
        except OSError as error:
            raise TemporaryFailure(f"cannot write to {self.directory}: {error.strerror or error}") from error
