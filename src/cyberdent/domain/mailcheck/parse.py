"""Bytes → the parts of a message the checker looks at, within limits, never raising on a
malformed message except MailCheckInputError (its text is French, shown as is).

The standard library's `email` parser (policy `default`) does the MIME work. Anything in a part
that it cannot decode (broken base64, an unknown charset, a header it chokes on) skips that part
or header and is noted; the limits below bound the work whatever the input."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from email.headerregistry import Address
from email.message import Message
from email.parser import BytesParser
from email.policy import EmailPolicy
from email.utils import getaddresses
from typing import Any

from cyberdent.domain.french import typography

MAX_EMAIL_BYTES = 2 * 1024 * 1024  # 2 MiB: "≤ 2 Mo" on the page
MAX_PARTS = 200  # MIME parts examined; the rest is skipped and said so
MAX_DEPTH = 20  # multipart nesting examined
MAX_HEADER_CHARS = 8000  # of one header value, before it is parsed
MAX_TEXT_CHARS = 500_000  # of body text kept for the word searches and links
ATTACHMENT_HEAD_BYTES = 256 * 1024  # of an attachment kept (zip flags, an HTML form)

_ADDRESS_IN_TEXT = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


class _BoundedPolicy(EmailPolicy):
    """policy.default, but a header value is cut to MAX_HEADER_CHARS before it is parsed: the
    standard library's structured header parser takes minutes on a megabyte-long Content-Type."""

    def header_fetch_parse(self, name: str, value: str) -> Any:
        return super().header_fetch_parse(name, value[:MAX_HEADER_CHARS])


POLICY = _BoundedPolicy()


class MailCheckInputError(ValueError):
    """Input the checker refuses; the message is plain French for the page and the terminal."""

    def __init__(self, message: str) -> None:
        super().__init__(typography(message))
        self.message = typography(message)


@dataclass(frozen=True)
class Mailbox:
    display_name: str
    address: str  # as written
    domain: str  # lowered, "" when none


@dataclass(frozen=True)
class Attachment:
    filename: str
    content_type: str
    head: bytes  # the first ATTACHMENT_HEAD_BYTES of the decoded content
    size: int


@dataclass
class ParsedMail:
    sender: Mailbox | None = None
    reply_to: list[Mailbox] = field(default_factory=list)
    return_path: Mailbox | None = None
    subject: str = ""
    auth_results: list[str] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    htmls: list[str] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def _raw_headers(msg: Message, name: str) -> list[str]:
    values = []
    for key, value in msg.raw_items():
        if isinstance(key, str) and key.lower() == name:
            values.append(str(value)[:MAX_HEADER_CHARS])
    return values


def _decoded(name: str, raw: str, notes: list[str]) -> str:
    """One header's value decoded (RFC 2047), parsed from a bounded raw value."""
    try:
        return str(POLICY.header_factory(name, raw))
    except Exception:  # the header parser's errors are many and undocumented
        notes.append(f"en-tête {name} illisible")
        return re.sub(r"\s+", " ", raw).strip()


def header_text(msg: Message, name: str, notes: list[str]) -> list[str]:
    return [_decoded(name, raw, notes) for raw in _raw_headers(msg, name)]


def _mailboxes(msg: Message, name: str, notes: list[str]) -> list[Mailbox]:
    found: list[Mailbox] = []
    for raw in _raw_headers(msg, name):
        try:
            header = POLICY.header_factory(name, raw)
            addresses: tuple[Address, ...] | None = getattr(header, "addresses", None)
            if addresses is None:  # Return-Path is no address header for the registry
                raise ValueError(name)
            for item in addresses:
                found.append(
                    Mailbox(
                        item.display_name,
                        item.addr_spec,
                        item.domain.lower().strip().rstrip("."),
                    )
                )
        except Exception:  # fall back to the lenient parser of email.utils
            if name != "return-path":
                notes.append(f"en-tête {name} mal formé")
            for display, address in getaddresses([raw]):
                domain = address.rpartition("@")[2] if "@" in address else ""
                found.append(Mailbox(display, address, domain.lower().rstrip(".")))
    return found


def _text_of(payload: bytes, charset: str | None) -> str:
    name = charset or "utf-8"
    try:
        codecs.lookup(name)
    except (LookupError, ValueError):
        name = "latin-1"
    try:
        return payload.decode(name, errors="replace")
    except Exception:  # a codec that fails on errors="replace" (e.g. a stateful one)
        return payload.decode("latin-1")


def _leaf(part: Message, mail: ParsedMail, text_budget: list[int]) -> None:
    content_type = part.get_content_type()
    disposition = part.get_content_disposition()
    filename = part.get_filename() or ""
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        payload = b""
    is_text = content_type in ("text/plain", "text/html")
    if filename or disposition == "attachment" or not (is_text or content_type == "text/enriched"):
        if filename or content_type not in ("application/pgp-signature",):
            mail.attachments.append(
                Attachment(
                    filename[:MAX_HEADER_CHARS],
                    content_type,
                    payload[:ATTACHMENT_HEAD_BYTES],
                    len(payload),
                )
            )
        return
    text = _text_of(payload[: MAX_TEXT_CHARS * 4], part.get_content_charset())
    text = text[: max(text_budget[0], 0)]
    text_budget[0] -= len(text)
    (mail.htmls if content_type == "text/html" else mail.texts).append(text)


def _walk(msg: Message, mail: ParsedMail) -> None:
    """Depth-first over the MIME tree, at most MAX_PARTS parts and MAX_DEPTH levels."""
    stack: list[tuple[Message, int]] = [(msg, 0)]
    seen = 0
    text_budget = [MAX_TEXT_CHARS]
    while stack:
        part, depth = stack.pop()
        seen += 1
        if seen > MAX_PARTS:
            mail.skipped.append(f"plus de {MAX_PARTS} parties : la suite n’est pas examinée")
            return
        try:
            if part.is_multipart():
                if depth >= MAX_DEPTH:
                    mail.skipped.append(f"plus de {MAX_DEPTH} niveaux d’imbrication")
                    continue
                children = part.get_payload()
                if isinstance(children, list):
                    stack.extend((child, depth + 1) for child in reversed(children))
                continue
            _leaf(part, mail, text_budget)
        except Exception as exc:  # one bad part must not stop the analysis of the others
            mail.skipped.append(f"une partie illisible ({exc.__class__.__name__})")


NOT_AN_EMAIL = (
    "Ce texte ne ressemble pas à un e-mail : aucun en-tête From, Subject ni Date. "
    "Collez la source complète du message (« Afficher l'original » ou « Afficher la source » "
    "dans votre messagerie), ou choisissez un fichier .eml."
)


def parse_mail(data: bytes) -> ParsedMail:
    """Parse a message's source; MailCheckInputError if empty, too large or not an e-mail."""
    if not data.strip():
        raise MailCheckInputError(
            "Le message est vide : collez la source complète du message ou choisissez un "
            "fichier .eml."
        )
    if len(data) > MAX_EMAIL_BYTES:
        size = f"{len(data) / 1024 / 1024:.1f}".replace(".", ",")
        raise MailCheckInputError(f"Le message fait {size} Mo : l'analyse accepte au plus 2 Mo.")
    # Leading blank lines would end the headers at once: a pasted source often starts with one.
    data = data.lstrip(b"\r\n \t")
    try:
        msg = BytesParser(policy=POLICY).parsebytes(data)
    except RecursionError as exc:
        raise MailCheckInputError(
            "Le message est trop imbriqué pour être analysé (parties dans des parties)."
        ) from exc
    except Exception as exc:
        raise MailCheckInputError(
            "Le message ne peut pas être lu : ce n'est pas une source d'e-mail valide."
        ) from exc
    names = {str(key).lower() for key, _ in msg.raw_items()}
    if not names & {"from", "subject", "date"}:
        raise MailCheckInputError(NOT_AN_EMAIL)
    mail = ParsedMail()
    notes = mail.skipped
    senders = _mailboxes(msg, "from", notes)
    mail.sender = senders[0] if senders else None
    mail.reply_to = _mailboxes(msg, "reply-to", notes)
    paths = _mailboxes(msg, "return-path", notes)
    mail.return_path = paths[0] if paths else None
    subjects = header_text(msg, "subject", notes)
    mail.subject = subjects[0] if subjects else ""
    mail.auth_results = [
        *header_text(msg, "authentication-results", notes),
        *header_text(msg, "received-spf", notes),
    ]
    _walk(msg, mail)
    return mail


def addresses_in(text: str) -> list[str]:
    return [match.lower() for match in _ADDRESS_IN_TEXT.findall(text)]
