"""A real Dovecot on loopback, for the IMAP door's tests: imaps and imap (with STARTTLS) on
free ports, one user with a plain password, a Maildir, a certificate from the test's own
CA, its log in a file. Messages arrive as a mail client or an MTA's LDA puts them there:
APPENDed over IMAP.

Dovecot runs in the foreground (-F) with a configuration of its own (nothing of
/etc/dovecot is read), "rootless": every one of its processes runs as one unprivileged
user, the tests' own, or `nobody` when the tests run as root (Dovecot refuses mail access
as root). Its directory is therefore a fresh one under /tmp, open to that user, rather
than pytest's tmp_path, whose directories are closed to anyone else (mode 700).
"""

import grp
import imaplib
import os
import pwd
import shutil
import signal
import ssl
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from email import message_from_bytes
from pathlib import Path
from urllib.parse import quote

import trustme

from tests.deploy.deploy_stack import wait_for_port
from ticketsvc.devtools.local_gunicorn import free_port

HOST = "127.0.0.1"
# Named by an address, as providers name their users; the password has characters that
# MAIL_IMAP_URL must percent-encode ('/', '@', '%', a space).
USER = "support@example.test"
PASSWORD = "app pass/w@rd 100%"
UNPRIVILEGED = "nobody"

CONFIG = """\
base_dir = {home}/run
state_dir = {home}/state
log_path = {home}/dovecot.log
default_internal_user = {user}
default_internal_group = {group}
default_login_user = {user}
protocols = imap
listen = {host}
ssl = yes
ssl_cert = <{home}/cert.pem
ssl_key = <{home}/key.pem
# A wrong password is answered at once, not after the default 2 s.
auth_failure_delay = 0
passdb {{
  driver = passwd-file
  args = scheme=PLAIN {home}/users
}}
userdb {{
  driver = passwd-file
  args = {home}/users
}}
mail_location = maildir:{home}/Maildir
# Only root may chroot.
service anvil {{
  chroot =
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = {host}
    port = {imap_port}
  }}
  inet_listener imaps {{
    address = {host}
    port = {imaps_port}
    ssl = yes
  }}
}}
"""


@dataclass(frozen=True)
class Dovecot:
    """A running Dovecot: its MAIL_IMAP_URLs, and a mail client's view of its INBOX."""

    imap_port: int
    imaps_port: int
    log: Path
    client_context: ssl.SSLContext  # trusts the server's CA whatever SSL_CERT_FILE says

    def url(self, scheme: str = "imaps", password: str = PASSWORD) -> str:
        """MAIL_IMAP_URL for scheme: imaps, or imap (STARTTLS)."""
        port = self.imaps_port if scheme == "imaps" else self.imap_port
        return f"{scheme}://{quote(USER, safe='')}:{quote(password, safe='')}@{HOST}:{port}/INBOX"

    def deliver(self, *messages: bytes, seen: bool = False) -> None:
        """Put messages into the INBOX, unseen unless seen."""
        with self.inbox() as inbox:
            for raw in messages:
                status, answer = inbox.append("INBOX", "(\\Seen)" if seen else None, None, raw)
                assert status == "OK", answer

    def seen(self) -> dict[str, bool]:
        """Subject → whether the message is flagged \\Seen, for every message in the INBOX."""
        with self.inbox() as inbox:
            _, found = inbox.uid("FETCH", "1:*", "(FLAGS BODY.PEEK[HEADER.FIELDS (SUBJECT)])")
        return {
            str(message_from_bytes(header)["Subject"]): b"\\Seen" in flags
            for flags, header in (part for part in found if isinstance(part, tuple))
        }

    def delete(self, subject: str) -> None:
        """Delete the message with subject for good, as another mail client would."""
        with self.inbox() as inbox:
            _, found = inbox.uid("SEARCH", None, "SUBJECT", f'"{subject}"')
            [uid] = found[0].split()
            inbox.uid("STORE", uid, "+FLAGS", "(\\Deleted)")
            inbox.expunge()

    def logins(self) -> list[str]:
        """Dovecot's log lines of successful sign-ins (each says TLS, or "secured" for a
        plain connection from loopback)."""
        return [line for line in self.log.read_text().splitlines() if "imap-login: Info: Login:" in line]

    @contextmanager
    def inbox(self) -> Iterator[imaplib.IMAP4]:
        inbox = imaplib.IMAP4_SSL(HOST, self.imaps_port, ssl_context=self.client_context, timeout=10)
        try:
            inbox.login(USER, PASSWORD)
            inbox.select("INBOX")
            yield inbox
        finally:
            inbox.logout()


@contextmanager
def dovecot_serving(binary: str, authority: trustme.CA) -> Iterator[Dovecot]:
    """Dovecot with a certificate for HOST from authority, until the block ends."""
    account = pwd.getpwnam(UNPRIVILEGED) if os.geteuid() == 0 else pwd.getpwuid(os.geteuid())
    home = Path(tempfile.mkdtemp(prefix="ticketsvc-dovecot-"))
    try:
        imap_port, imaps_port = free_port(), free_port()
        _write_configuration(home, account, authority, imap_port, imaps_port)
        log = home / "dovecot.log"
        with (home / "output.log").open("wb") as output:
            process = subprocess.Popen(
                [binary, "-F", "-c", str(home / "dovecot.conf")],
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                **_as_user(account),
            )
        try:
            wait_for_port(imaps_port, process, home / "output.log")
            context = ssl.create_default_context()
            authority.configure_trust(context)
            yield Dovecot(imap_port, imaps_port, log, context)
        finally:
            # A throwaway server, nothing to save: Dovecot's own shutdown (SIGTERM) waits a
            # second or more for its children.
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    finally:
        shutil.rmtree(home, ignore_errors=True)


def _as_user(account: pwd.struct_passwd) -> dict:
    """Popen's arguments that start Dovecot as account: none when it is the tests' own."""
    if account.pw_uid == os.geteuid():
        return {}
    return {"user": account.pw_uid, "group": account.pw_gid, "extra_groups": []}


def _write_configuration(
    home: Path, account: pwd.struct_passwd, authority: trustme.CA, imap_port: int, imaps_port: int
) -> None:
    certificate = authority.issue_cert(HOST)
    (home / "cert.pem").write_bytes(b"".join(pem.bytes() for pem in certificate.cert_chain_pems))
    (home / "key.pem").write_bytes(certificate.private_key_pem.bytes())
    (home / "users").write_text(f"{USER}:{{PLAIN}}{PASSWORD}:{account.pw_uid}:{account.pw_gid}::{home}::\n")
    (home / "dovecot.conf").write_text(
        CONFIG.format(
            home=home,
            host=HOST,
            user=account.pw_name,
            group=grp.getgrgid(account.pw_gid).gr_name,
            imap_port=imap_port,
            imaps_port=imaps_port,
        )
    )
    home.chmod(0o755)
    for path in (home, *home.iterdir()):
        os.chown(path, account.pw_uid, account.pw_gid)
