"""file:// delivery: one whole .eml file a message, listed in the order they were sent."""

import os
from email import message_from_binary_file, policy

import pytest

from tests.mail.samples import composed
from ticketsvc.mail.failures import TemporaryFailure
from ticketsvc.mail.transport import transport_for


def test_each_message_is_one_readable_eml_file_listed_in_sending_order(tmp_path):
    outbox = tmp_path / "sent" / "mail"
    recipients = [f"customer{number}@example.com" for number in range(5)]
    with transport_for(f"file://{outbox}") as transport:
        for recipient in recipients:
            transport.send(composed(to_address=recipient))
    files = sorted(outbox.iterdir())
    assert [file.suffix for file in files] == [".eml"] * 5
    read_back = []
    for file in files:
        with file.open("rb") as eml:
            read_back.append(message_from_binary_file(eml, policy=policy.default))
    assert [message["To"].addresses[0].addr_spec for message in read_back] == recipients
    assert read_back[0]["Subject"] == "[#42] Charged twice for November"


def test_the_files_are_private_to_their_owner(tmp_path):
    # They hold the customers' follow links, keys included.
    with transport_for(f"file://{tmp_path}") as transport:
        transport.send(composed())
    (file,) = tmp_path.iterdir()
    assert oct(file.stat().st_mode & 0o777) == oct(0o600)


def test_a_directory_that_cannot_be_made_is_a_temporary_failure_and_leaves_no_partial_file(tmp_path):
    in_the_way = tmp_path / "mail"
    in_the_way.write_text("a file where the directory should be")
    with transport_for(f"file://{in_the_way}") as transport, pytest.raises(TemporaryFailure) as failure:
        transport.send(composed())
    assert failure.value.reason.startswith(f"cannot write to {in_the_way}: ")
    assert os.listdir(tmp_path) == ["mail"]
