"""Fuzz the checker: whatever the bytes, check_email returns a result or raises
MailCheckInputError, never anything else. Random bytes, mutated corpus messages, malformed MIME,
broken transfer encodings and charsets, deep multipart nesting (the parser stops at 20 levels
and 200 parts) and huge headers. About 1,300 examples, well under a minute on a small machine."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cyberdent.domain.mailcheck import MailCheckInputError, MailCheckResult, check_email

FUZZ = settings(
    deadline=None,
    database=None,
    max_examples=150,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
CORPUS = sorted((Path(__file__).parent / "corpus").glob("*.eml"))
SAMPLES = [path.read_bytes() for path in CORPUS]

HEADER_NAMES = st.sampled_from(
    ["From", "To", "Reply-To", "Return-Path", "Subject", "Date", "Content-Type",
     "Content-Transfer-Encoding", "Content-Disposition", "Authentication-Results",
     "Received-SPF", "MIME-Version", "X-Odd"]
)  # fmt: skip
NASTY_VALUES = st.sampled_from(
    [
        "=?utf-8?b?broken?=",
        "=?x-unknown?q?abc?=",
        "=?utf-8?q?=FF=FE?=",
        "multipart/mixed; boundary=",
        'multipart/mixed; boundary="b"',
        "text/plain; charset=x-nonexistent",
        "text/plain; charset=utf-7",
        "text/html; charset=utf-16",
        "base64",
        "quoted-printable",
        "x-uuencode",
        "attachment; filename*=utf-8''%FF%FE.exe",
        'attachment; filename="a.pdf.exe"',
        '"a@b.fr" <@@@>',
        "<<<>>>",
        "(((((((((((comment",
        '"unterminated <a@b.fr',
        "a@[127.0.0.1]",
        "xn--zz--.fr",
        "spf=fail dkim=fail dmarc=fail",
        "\udcff",
    ]
)
VALUES = st.one_of(
    NASTY_VALUES, st.text(max_size=200), st.text(alphabet='(<"@>,;:\\)', max_size=300)
)


def run(data: bytes) -> None:
    try:
        result = check_email(data)
    except MailCheckInputError as exc:
        message = exc.message
        assert message and "\n" not in message
    else:
        assert isinstance(result, MailCheckResult)
        result.as_dict()


@settings(FUZZ, max_examples=400)
@given(st.binary(max_size=4000))
def test_random_bytes(data: bytes) -> None:
    run(data)


@FUZZ
@given(
    st.sampled_from(SAMPLES),
    st.lists(st.tuples(st.integers(0, 10**6), st.binary(max_size=8)), max_size=20),
)
def test_mutated_corpus(sample: bytes, edits: list[tuple[int, bytes]]) -> None:
    data = bytearray(sample)
    for position, patch in edits:
        at = position % (len(data) or 1)
        data[at : at + len(patch)] = patch
    run(bytes(data))


@settings(FUZZ, max_examples=300)
@given(
    st.lists(st.tuples(HEADER_NAMES, VALUES), min_size=1, max_size=12),
    st.binary(max_size=2000),
)
def test_malformed_headers_and_body(headers: list[tuple[str, str]], body: bytes) -> None:
    head = "".join(f"{name}: {value}\n" for name, value in headers)
    run(head.encode("utf-8", errors="surrogateescape") + b"\n" + body)


@FUZZ
@given(
    st.integers(1, 60),
    st.sampled_from(["base64", "quoted-printable", "7bit", "x-bogus"]),
    st.sampled_from(["utf-8", "latin-1", "x-nonexistent", "utf-16", "cp1252", ""]),
    st.binary(max_size=200),
)
def test_deep_nesting_and_broken_parts(
    depth: int, encoding: str, charset: str, leaf: bytes
) -> None:
    data = b"From: a@cabinet.fr\nSubject: x\n"
    for level in range(depth):
        data += f'Content-Type: multipart/mixed; boundary="n{level}"\n\n--n{level}\n'.encode()
    data += (
        (
            f"Content-Type: text/html; charset={charset}\nContent-Transfer-Encoding: {encoding}\n\n"
        ).encode()
        + leaf
        + b"\n"
    )
    run(data)


@settings(deadline=None, database=None, max_examples=20)
@given(st.integers(10_000, 1_500_000), st.sampled_from(["Subject", "From", "Content-Type", "To"]))
def test_huge_headers(size: int, name: str) -> None:
    value = ("a" * 70 + "\n ") * (size // 72)
    run(f"From: a@b.fr\n{name}: {value}\n\nbody\n".encode())
    run(f"From: a@b.fr\n{name}: {'<' * size}\n\nbody\n".encode())


def test_very_deep_nesting_is_refused_or_cut() -> None:
    for depth in (400, 5000):
        data = b"From: a@cabinet.fr\nSubject: x\n"
        for level in range(depth):
            data += f'Content-Type: multipart/mixed; boundary="n{level}"\n\n--n{level}\n'.encode()
        run(data + b"Content-Type: text/plain\n\nfond\n")
