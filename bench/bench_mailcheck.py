"""Benchmark of the offline e-mail checker (cyberdent.domain.mailcheck.check_email).

Run: .venv/bin/python bench/bench_mailcheck.py
Prints messages per second over the test corpus (tests/domain/mailcheck/corpus), then the
median and 95th percentile of the largest messages accepted (just under 2 MiB): a PDF
attachment, a long plain text, an HTML body full of links, a message cut into 200 parts.
Wall clock, one process, no Django.
"""

from __future__ import annotations

import base64
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from timing import timings

from cyberdent.domain.mailcheck import MAX_EMAIL_BYTES, check_email, default_mailcheck_data

ROOT = Path(__file__).resolve().parents[1]

CORPUS = ROOT / "tests" / "domain" / "mailcheck" / "corpus"
HEAD = (
    "From: Assurance Maladie <info@ameli-remboursement.com>\nTo: a@cabinet.fr\n"
    "Subject: Bench\nDate: Tue, 10 Nov 2026 09:00:00 +0100\nMIME-Version: 1.0\n"
)


def fill(make_line: str, room: int) -> str:
    return make_line * (room // len(make_line))


def largest_messages() -> dict[str, bytes]:
    room = MAX_EMAIL_BYTES - 4096
    pdf = base64.encodebytes(b"%PDF-1.4\n" + bytes(range(256)) * (room * 3 // 4 // 256)).decode()
    attachment = (
        HEAD + 'Content-Type: multipart/mixed; boundary="b"\n\n--b\nContent-Type: text/plain\n\n'
        "Ci-joint.\n--b\nContent-Type: application/pdf\n"
        'Content-Disposition: attachment; filename="radio.pdf"\n'
        f"Content-Transfer-Encoding: base64\n\n{pdf[: room - 400]}\n--b--\n"
    )
    text = (
        HEAD
        + "Content-Type: text/plain; charset=utf-8\n\n"
        + fill("Bonjour, votre remboursement est en attente, confirmez sous 24 heures. ", room)
    )
    html = (
        HEAD
        + "Content-Type: text/html; charset=utf-8\n\n"
        + fill(
            '<p>Voir <a href="https://ameli.fr.remb.xyz/a">https://www.ameli.fr</a> '
            "et https://bit.ly/x</p>\n",
            room,
        )
    )
    part = "--b\nContent-Type: text/plain\n\n" + "x" * (room // 200 - 40) + "\n"
    parts = HEAD + 'Content-Type: multipart/mixed; boundary="b"\n\n' + part * 199 + "--b--\n"
    return {
        name: body.encode()
        for name, body in {
            "2 MiB PDF attachment (base64)": attachment,
            "2 MiB plain text": text,
            "2 MiB HTML with links": html,
            "2 MiB in 200 parts": parts,
        }.items()
    }


def main() -> None:
    default_mailcheck_data()  # the YAML and the public-suffix list load once per process
    messages = [path.read_bytes() for path in sorted(CORPUS.glob("*.eml"))]
    start = time.perf_counter()
    check_email(messages[0])
    print(
        f"first call (loads the public-suffix list): {(time.perf_counter() - start) * 1000:.0f} ms"
    )
    rounds = 20
    start = time.perf_counter()
    for _ in range(rounds):
        for message in messages:
            check_email(message)
    elapsed = time.perf_counter() - start
    count = rounds * len(messages)
    print(
        f"corpus: {count} messages in {elapsed:.2f} s = {count / elapsed:,.0f} messages/s "
        f"({elapsed / count * 1000:.2f} ms each)"
    )
    for name, data in largest_messages().items():
        assert len(data) <= MAX_EMAIL_BYTES, name
        median, p95 = timings(lambda data=data: check_email(data), 10)
        print(
            f"{name:<32} {len(data) / 1024 / 1024:.2f} MiB  "
            f"median {median:8.1f} ms   p95 {p95:8.1f} ms   (10 runs)"
        )


if __name__ == "__main__":
    main()
