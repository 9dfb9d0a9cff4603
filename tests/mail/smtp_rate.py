"""How many messages a second one SMTP connection delivers: a measurement, not a test.

    .venv/bin/python -m tests.mail.smtp_rate [--messages 2000] [--url smtp://127.0.0.1:8025]

Without --url it starts the tests' aiosmtpd server in this process, where client and
server share one interpreter; --url measures against a server running apart. Each
message is composed and sent, as the worker does.
"""

import argparse
import os
import time
from contextlib import nullcontext

from bench.calibration import python_loop_ms
from tests.mail.samples import composed
from tests.mail.smtp_server import SmtpTestServer
from ticketsvc.mail.transport import transport_for


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=2000)
    parser.add_argument("--url", help="a running SMTP server's MAIL_URL")
    arguments = parser.parse_args()
    server = nullcontext() if arguments.url else SmtpTestServer()
    with server:
        url = arguments.url or server.url
        started = time.perf_counter()
        with transport_for(url) as transport:
            for number in range(arguments.messages):
                transport.send(composed(to_address=f"customer{number}@example.com"))
        elapsed = time.perf_counter() - started
    rate = arguments.messages / elapsed
    print(f"{arguments.messages} messages, one connection to {url}: {elapsed:.2f} s, {rate:.0f} messages/s")
    # The machine's speed at the time, as make bench reports it (README, Performance).
    print(f"machine speed (bench/calibration.py): {python_loop_ms():.0f} ms; load average {os.getloadavg()}")


if __name__ == "__main__":
    main()
