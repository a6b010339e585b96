"""Email goes to the console by default and through SMTP when CYBERDENT_EMAIL_HOST is set,
always by way of the task queue (the app queues, the worker delivers).

Each case runs Django in a subprocess, since the settings read the environment at import: a
fresh database, a message sent, then the worker run once. The SMTP case talks to a tiny SMTP
server in this process, so the whole path is exercised.
"""

from __future__ import annotations

import os
import socketserver
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SEND = (
    "import django; django.setup();"
    "from django.core.management import call_command; call_command('migrate', verbosity=0);"
    "from django.conf import settings; from django.core.mail import send_mail;"
    "print(settings.EMAIL_BACKEND, settings.CYBERDENT_EMAIL_DELIVERY_BACKEND);"
    "send_mail('Essai', 'Bonjour depuis CyberDent', None, ['titulaire@lilas.test']);"
    "print('queued');"
    "call_command('db_worker', batch=True, no_startup_delay=True, interval=0, verbosity=0)"
)


def run_django(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("CYBERDENT_EMAIL", "CYBERDENT_CACHE", "DATABASE_URL"))
    }
    return subprocess.run(
        [sys.executable, "-c", SEND],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "cyberdent.config.settings", **env},
    )


class _SMTPHandler(socketserver.StreamRequestHandler):
    """Just enough SMTP to accept one message (no TLS, no auth)."""

    received: list[str]

    def _reply(self, line: str) -> None:
        self.wfile.write(f"{line}\r\n".encode())

    def handle(self) -> None:
        self._reply("220 test ESMTP")
        while raw := self.rfile.readline():
            command = raw.decode().strip().upper()
            if command.startswith(("EHLO", "HELO")):
                self._reply("250 test")
            elif command == "DATA":
                self._reply("354 end with .")
                lines = []
                while (line := self.rfile.readline().decode()) not in (".\r\n", ""):
                    lines.append(line)
                type(self).received.append("".join(lines))
                self._reply("250 queued")
            elif command == "QUIT":
                self._reply("221 bye")
                return
            else:  # MAIL FROM, RCPT TO, RSET, NOOP
                self._reply("250 ok")


@pytest.fixture
def smtp_server() -> Iterator[tuple[int, list[str]]]:
    received: list[str] = []
    handler = type("Handler", (_SMTPHandler,), {"received": received})
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1], received
    server.shutdown()
    server.server_close()


def test_console_backend_by_default(tmp_path: Path) -> None:
    done = run_django({"CYBERDENT_DATA_DIR": str(tmp_path)})
    assert done.returncode == 0, done.stderr
    assert "cyberdent.web.mail.QueuedEmailBackend" in done.stdout
    assert "django.core.mail.backends.console.EmailBackend" in done.stdout
    # Printed by the worker, after the app queued it: not sent.
    assert done.stdout.index("queued") < done.stdout.index("Bonjour depuis CyberDent")


def test_smtp_when_the_host_is_set(tmp_path: Path, smtp_server: tuple[int, list[str]]) -> None:
    port, received = smtp_server
    done = run_django(
        {
            "CYBERDENT_DATA_DIR": str(tmp_path),
            "CYBERDENT_EMAIL_HOST": "127.0.0.1",
            "CYBERDENT_EMAIL_PORT": str(port),
            "CYBERDENT_EMAIL_TLS": "false",
            "CYBERDENT_EMAIL_FROM": "CyberDent <cyberdent@cabinet.test>",
        }
    )
    assert done.returncode == 0, done.stderr
    assert "django.core.mail.backends.smtp.EmailBackend" in done.stdout
    assert "Bonjour depuis CyberDent" not in done.stdout
    assert len(received) == 1
    assert "From: CyberDent <cyberdent@cabinet.test>" in received[0]
    assert "Bonjour depuis CyberDent" in received[0]
