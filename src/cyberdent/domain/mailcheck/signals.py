"""One small pure function per sign. Each looks at the parsed message (`Facts`) and returns the
evidence it found, or nothing; texts and severities come from the YAML data."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import PurePosixPath

from cyberdent.domain.french import typography
from cyberdent.domain.mailcheck.data import MailCheckData, Severity
from cyberdent.domain.mailcheck.domains import (
    embeds_official,
    has_punycode,
    is_ip,
    normalise,
    registrable,
    resembles,
    to_unicode,
)
from cyberdent.domain.mailcheck.links import Link, links_in_text, read_html, shown_domain
from cyberdent.domain.mailcheck.parse import Attachment, ParsedMail, addresses_in

MAX_EVIDENCE_CHARS = 200
MAX_EVIDENCE_ITEMS = 5
_UNSHOWN = re.compile("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")

RISKY_EXTENSIONS = frozenset(
    [
        "exe",
        "scr",
        "com",
        "bat",
        "cmd",
        "pif",
        "js",
        "jse",
        "vbs",
        "vbe",
        "wsf",
        "wsh",
        "hta",
        "msi",
        "msp",
        "jar",
        "ps1",
        "psm1",
        "lnk",
        "iso",
        "img",
        "vhd",
        "vhdx",
        "cpl",
        "reg",
        "dll",
        "apk",
        "dmg",
        "app",
        "chm",
        "scf",
        "url",
    ]
)
DOCUMENT_EXTENSIONS = frozenset(
    [
        "pdf",
        "doc",
        "docx",
        "xls",
        "xlsx",
        "ppt",
        "pptx",
        "odt",
        "ods",
        "txt",
        "rtf",
        "jpg",
        "jpeg",
        "png",
        "gif",
        "csv",
        "zip",
    ]
)
MACRO_EXTENSIONS = frozenset(
    ["docm", "dotm", "xlsm", "xltm", "xlam", "xlsb", "pptm", "potm", "ppam", "ppsm", "sldm"]
)
HTML_EXTENSIONS = frozenset(["html", "htm", "shtml", "xhtml", "svg"])
ARCHIVE_EXTENSIONS = frozenset(
    ["zip", "7z", "rar", "gz", "tgz", "tar", "bz2", "xz", "ace", "cab", "arj"]
)
_VBA_MARKERS = (b"vbaProject.bin", "_VBA_PROJECT".encode("utf-16-le"))
_AUTH = re.compile(r"\b(spf|dkim|dmarc)\s*=\s*([a-z]+)", re.IGNORECASE)


# Runs of white space but the no-break ones, which French typography puts before : ; ! ? and
# inside « » (str.split() would turn them into plain spaces).
_SPACES = re.compile("[^\\S\u00a0\u202f]+")


def one_line(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def clean(text: str) -> str:
    """Evidence as shown: one line, no control or bidi characters, at most 200 characters."""
    text = one_line(_UNSHOWN.sub(" ", text))
    if len(text) > MAX_EVIDENCE_CHARS:
        text = text[: MAX_EVIDENCE_CHARS - 1] + "…"
    return text


def fold_mapped(text: str) -> tuple[str, list[int]]:
    """Text for the word searches: lowered, no accents, straight apostrophes, single spaces;
    with, for each character, its index in `text` (to quote the original as evidence)."""
    out: list[str] = []
    where: list[int] = []
    for index, char in enumerate(text):
        if char.isspace():
            if out and out[-1] != " ":
                out.append(" ")
                where.append(index)
            continue
        if char in "\u2019\u02bc":
            char = "'"
        for piece in unicodedata.normalize("NFKD", char.lower()):
            if not unicodedata.combining(piece):
                out.append(piece)
                where.append(index)
    return "".join(out), where


def fold(text: str) -> str:
    return fold_mapped(text)[0]


@dataclass
class Facts:
    """What the signs look at, computed once from the parsed message."""

    mail: ParsedMail
    data: MailCheckData
    html_texts: list[str] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)

    def __post_init__(self) -> None:
        seen: set[tuple[str, str]] = set()
        found: list[Link] = []
        for text in self.mail.texts:
            found.extend(links_in_text(text))
        for html in self.mail.htmls:
            content = read_html(html)
            self.html_texts.append(content.text)
            found.extend(content.links)
            found.extend(links_in_text(content.text))
        for link in found:
            if (link.href, link.text) not in seen:
                seen.add((link.href, link.text))
                self.links.append(link)

    @cached_property
    def officials(self) -> frozenset[str]:
        return frozenset(d for s in self.data.known_senders for d in s.domains)

    @cached_property
    def raw_body(self) -> str:
        return "\n".join([self.mail.subject, *self.mail.texts, *self.html_texts])

    @cached_property
    def _folded(self) -> tuple[str, list[int]]:
        return fold_mapped(self.raw_body)

    @cached_property
    def body(self) -> str:
        return self._folded[0]

    def original(self, match: re.Match[str]) -> str:
        """The original words behind a match in `body`."""
        where = self._folded[1]
        if not where or match.end() == 0:
            return match.group()
        return self.raw_body[where[match.start()] : where[match.end() - 1] + 1]

    def quote(self, match: re.Match[str]) -> str:
        """The words of the original text around a match in `body`, in French quotes."""
        where = self._folded[1]
        start = where[match.start()] if match.start() < len(where) else 0
        end = where[match.end() - 1] + 1 if 0 < match.end() <= len(where) else start
        text = self.raw_body
        before, after = max(start - 30, 0), min(end + 30, len(text))
        excerpt = one_line(text[before:after])
        dots = ("…" if before else "", "…" if after < len(text) else "")
        return f"«\u202f{dots[0]}{excerpt}{dots[1]}\u202f»"

    @cached_property
    def sender_domain(self) -> str:
        return normalise(self.mail.sender.domain) if self.mail.sender else ""


Evidence = list[str]


# --- authentication results, as the receiving server wrote them -----------------------------


def _results(facts: Facts) -> dict[str, str]:
    """The topmost Authentication-Results (the receiving server's), then Received-SPF."""
    results: dict[str, str] = {}
    headers = facts.mail.auth_results
    if headers:
        for method, value in _AUTH.findall(headers[0]):
            results.setdefault(method.lower(), value.lower())
    for header in headers[1:]:
        word = header.strip().split(" ", 1)[0].lower()
        if word in ("pass", "fail", "softfail", "neutral", "none", "permerror", "temperror"):
            results.setdefault("spf", word)
    return results


def auth_dmarc_fail(facts: Facts) -> Evidence:
    return ["dmarc=fail"] if _results(facts).get("dmarc") == "fail" else []


def auth_fail(facts: Facts) -> Evidence:
    results = _results(facts)
    found = []
    if results.get("spf") in ("fail", "softfail"):
        found.append(f"spf={results['spf']}")
    if results.get("dkim") == "fail":
        found.append("dkim=fail")
    return found


def auth_none(facts: Facts) -> Evidence:
    results = _results(facts)
    if not facts.mail.auth_results or registrable(facts.sender_domain) not in facts.officials:
        return []
    if "pass" in results.values() or auth_fail(facts) or auth_dmarc_fail(facts):
        return []
    shown = ", ".join(f"{k}={v}" for k, v in results.items()) or "aucun résultat SPF, DKIM, DMARC"
    return [f"{facts.sender_domain} : {shown}"]


# --- the sender -------------------------------------------------------------------------------


def lookalike_sender(facts: Facts) -> Evidence:
    if not facts.sender_domain or facts.mail.sender is None:
        return []
    found = resembles(facts.sender_domain, facts.officials)
    if found is None:
        return []
    written = facts.mail.sender.address or facts.sender_domain
    shown = to_unicode(facts.sender_domain)
    decoded = f" (lu « {shown} »)" if shown != facts.sender_domain else ""
    return [f"{written}{decoded} ressemble à {found.official} : {found.how}"]


def display_name_impersonation(facts: Facts) -> Evidence:
    sender = facts.mail.sender
    if sender is None or not sender.display_name:
        return []
    name = fold(sender.display_name)
    domain = registrable(facts.sender_domain)
    for known in facts.data.known_senders:
        if domain in known.domains:
            continue
        for word in known.names:
            if re.search(rf"(?<!\w){re.escape(fold(word))}(?!\w)", name):
                return [
                    f"nom affiché « {sender.display_name} », adresse {sender.address} "
                    f"({known.name} : {known.domains[0]})"
                ]
    return []


def display_name_address(facts: Facts) -> Evidence:
    sender = facts.mail.sender
    if sender is None:
        return []
    real = sender.address.lower()
    others = [a for a in addresses_in(sender.display_name) if a != real]
    return (
        [f"nom affiché « {sender.display_name} », adresse réelle {sender.address}"]
        if others
        else []
    )


def punycode_sender(facts: Facts) -> Evidence:
    domain = facts.sender_domain
    if not domain or not has_punycode(domain) or lookalike_sender(facts):
        return []
    return [f"{domain} (lu « {to_unicode(domain)} »)"]


def _other_domains(facts: Facts, mailboxes: list[str]) -> Evidence:
    if not facts.sender_domain:
        return []
    ours = registrable(facts.sender_domain)
    return [
        f"{address} au lieu de {facts.sender_domain}"
        for address in mailboxes
        if "@" in address and registrable(normalise(address.rpartition("@")[2])) != ours
    ]


def reply_to_differs(facts: Facts) -> Evidence:
    return _other_domains(facts, [m.address for m in facts.mail.reply_to])


def return_path_differs(facts: Facts) -> Evidence:
    path = facts.mail.return_path
    return _other_domains(facts, [path.address] if path else [])


# --- links ------------------------------------------------------------------------------------


def _link_label(link: Link) -> str:
    return link.href if not link.text else f"« {link.text} » → {link.href}"


def link_text_mismatch(facts: Facts) -> Evidence:
    found = []
    for link in facts.links:
        shown = shown_domain(link.text)
        if not shown or not link.host:
            continue
        if registrable(normalise(shown)) != registrable(normalise(link.host)):
            found.append(f"texte affiché « {link.text} », lien réel vers {link.host}")
    return found


def ip_link(facts: Facts) -> Evidence:
    return [_link_label(link) for link in facts.links if link.host and is_ip(link.host)]


def shortener_link(facts: Facts) -> Evidence:
    shorteners = set(facts.data.url_shorteners)
    return [
        link.href
        for link in facts.links
        if link.host and (link.host in shorteners or registrable(link.host) in shorteners)
    ]


def _lookalike_host(facts: Facts, host: str) -> str | None:
    if not host or is_ip(host):
        return None
    embedded = embeds_official(host, facts.officials)
    if embedded:
        return f"{host} contient {embedded} mais appartient à {registrable(normalise(host))}"
    found = resembles(host, facts.officials)
    if found:
        return f"{host} ressemble à {found.official} : {found.how}"
    return None


def lookalike_link(facts: Facts) -> Evidence:
    found = []
    for link in facts.links:
        why = _lookalike_host(facts, link.host)
        if why:
            found.append(why)
    return found


def punycode_link(facts: Facts) -> Evidence:
    return [
        f"{link.host} (lu « {to_unicode(normalise(link.host))} »)"
        for link in facts.links
        if link.host
        and has_punycode(normalise(link.host))
        and not _lookalike_host(facts, link.host)
    ]


# --- attachments ------------------------------------------------------------------------------


def _extensions(attachment: Attachment) -> list[str]:
    name = attachment.filename.strip().strip(".").lower()
    suffixes = PurePosixPath(name.replace("\\", "/")).suffixes
    return [s.strip(" .") for s in suffixes if s.strip(" .")]


def _zip_entries(head: bytes) -> list[tuple[str, bool]]:
    """(name, encrypted) of the zip entries whose local headers lie in the kept head."""
    entries: list[tuple[str, bool]] = []
    start = head.find(b"PK\x03\x04")
    while start != -1 and len(entries) < 50 and start + 30 <= len(head):
        flags = int.from_bytes(head[start + 6 : start + 8], "little")
        name_length = int.from_bytes(head[start + 26 : start + 28], "little")
        name = head[start + 30 : start + 30 + name_length].decode("utf-8", errors="replace")
        entries.append((name, bool(flags & 1)))
        start = head.find(b"PK\x03\x04", start + 30)
    return entries


def _is_double(extensions: list[str]) -> bool:
    return (
        len(extensions) >= 2
        and extensions[-1] in RISKY_EXTENSIONS
        and extensions[-2] in DOCUMENT_EXTENSIONS
    )


def risky_attachment(facts: Facts) -> Evidence:
    found = []
    for attachment in facts.mail.attachments:
        extensions = _extensions(attachment)
        if extensions and extensions[-1] in RISKY_EXTENSIONS and not _is_double(extensions):
            found.append(attachment.filename)
        for name, _ in _zip_entries(attachment.head):
            if PurePosixPath(name.lower()).suffix.strip(".") in RISKY_EXTENSIONS:
                found.append(f"{attachment.filename or 'archive'} contient {name}")
    return found


def double_extension(facts: Facts) -> Evidence:
    return [a.filename for a in facts.mail.attachments if _is_double(_extensions(a))]


def _html_attachments(facts: Facts) -> list[tuple[Attachment, bool]]:
    found = []
    for attachment in facts.mail.attachments:
        extensions = _extensions(attachment)
        if (extensions and extensions[-1] in HTML_EXTENSIONS) or (
            attachment.filename and attachment.content_type == "text/html"
        ):
            content = read_html(attachment.head.decode("utf-8", errors="replace"))
            found.append((attachment, bool(content.forms or content.password_fields)))
    return found


def html_form_attachment(facts: Facts) -> Evidence:
    return [f"{a.filename} : formulaire" for a, form in _html_attachments(facts) if form]


def html_attachment(facts: Facts) -> Evidence:
    return [a.filename or a.content_type for a, form in _html_attachments(facts) if not form]


def macro_document(facts: Facts) -> Evidence:
    found = []
    for attachment in facts.mail.attachments:
        extensions = _extensions(attachment)
        if extensions and extensions[-1] in MACRO_EXTENSIONS:
            found.append(attachment.filename)
        elif any(marker in attachment.head for marker in _VBA_MARKERS):
            found.append(f"{attachment.filename} (contient des macros)")
    return found


_PASSWORD_GIVEN = re.compile(r"\b(mot de passe|mdp|code)\b[^.\n]{0,30}:")


def encrypted_archive(facts: Facts) -> Evidence:
    found = []
    for attachment in facts.mail.attachments:
        extensions = _extensions(attachment)
        if any(encrypted for _, encrypted in _zip_entries(attachment.head)):
            found.append(f"{attachment.filename} : archive chiffrée")
        elif extensions and extensions[-1] in ARCHIVE_EXTENSIONS:
            match = _PASSWORD_GIVEN.search(facts.body)
            if match:
                found.append(f"{attachment.filename}, {facts.quote(match)}")
    return found


# --- words ------------------------------------------------------------------------------------


def sensitive_request(facts: Facts) -> Evidence:
    found = []
    for request in facts.data.sensitive_requests:
        for pattern in request.patterns:
            match = re.search(pattern, facts.body)
            if match:
                found.append(f"{request.label} : {facts.quote(match)}")
                break
    return found


def pressure_words(facts: Facts) -> Evidence:
    found = []
    for word in facts.data.pressure_words:
        match = re.search(word.pattern, facts.body)
        if match:
            found.append(f"« {one_line(facts.original(match))} »")
    return found


def parts_skipped(facts: Facts) -> Evidence:
    return [typography(note) for note in dict.fromkeys(facts.mail.skipped)]


CHECKS: dict[str, Callable[[Facts], Evidence]] = {
    "auth_dmarc_fail": auth_dmarc_fail,
    "auth_fail": auth_fail,
    "auth_none": auth_none,
    "lookalike_sender": lookalike_sender,
    "display_name_impersonation": display_name_impersonation,
    "display_name_address": display_name_address,
    "punycode_sender": punycode_sender,
    "reply_to_differs": reply_to_differs,
    "return_path_differs": return_path_differs,
    "link_text_mismatch": link_text_mismatch,
    "ip_link": ip_link,
    "shortener_link": shortener_link,
    "lookalike_link": lookalike_link,
    "punycode_link": punycode_link,
    "risky_attachment": risky_attachment,
    "double_extension": double_extension,
    "html_form_attachment": html_form_attachment,
    "html_attachment": html_attachment,
    "macro_document": macro_document,
    "encrypted_archive": encrypted_archive,
    "sensitive_request": sensitive_request,
    "pressure_words": pressure_words,
    "parts_skipped": parts_skipped,
}


def severity_of(signal_id: str, evidence: Evidence, default: Severity) -> Severity:
    """One pressure word alone is a low sign; two or more, medium."""
    if signal_id == "pressure_words" and len(evidence) < 2:
        return Severity.LOW
    return default
