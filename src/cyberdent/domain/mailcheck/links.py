"""Links in a message: URLs in plain text, <a href> and their visible text in HTML (the
standard library's html.parser), forms in an HTML attachment. Nothing is fetched."""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urlsplit

MAX_LINKS = 500
_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>\"'()\[\]{}]{1,2000}", re.IGNORECASE)
# Visible text that names a site: "https://ameli.fr/...", "www.ameli.fr", "ameli.fr".
_DOMAIN_IN_TEXT = re.compile(
    r"(?:https?://)?((?:[\w-]+\.)+[a-z]{2,}|(?:xn--[\w-]+\.)+[a-z]{2,})(?:[/:?#]\S*)?",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Link:
    href: str
    text: str  # the visible text of an HTML link, "" for a bare URL
    host: str  # lowered, "" if the link has none (mailto:, tel:, a fragment)


def host_of(url: str) -> str:
    url = url.strip()
    if url.lower().startswith("www."):
        url = "http://" + url
    try:
        parts = urlsplit(url)
        if parts.scheme.lower() not in ("http", "https", "ftp", ""):
            return ""
        host = parts.hostname or ""
    except ValueError:  # "http://[::1" and other broken URLs
        return ""
    return host.strip(".").lower()


def shown_domain(text: str) -> str:
    """The site a link's visible text names, "" if the text is no address."""
    text = text.strip()
    if not text or " " in text or "@" in text:
        return ""
    match = _DOMAIN_IN_TEXT.fullmatch(text)
    return match.group(1).lower() if match else ""


def links_in_text(text: str) -> list[Link]:
    found = []
    for match in _URL.finditer(text):
        href = match.group().rstrip(".,;:!?")
        found.append(Link(href, "", host_of(href)))
        if len(found) >= MAX_LINKS:
            break
    return found


class _Anchors(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[Link] = []
        self.text: list[str] = []
        self.forms = 0
        self.password_fields = 0
        self._href: str | None = None
        self._anchor_text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name.lower(): value or "" for name, value in attrs}
        if tag == "a" and "href" in values and len(self.links) < MAX_LINKS:
            self._href = values["href"].strip()
            self._anchor_text = []
        elif tag == "form":
            self.forms += 1
        elif tag == "input" and values.get("type", "").lower() == "password":
            self.password_fields += 1
        elif tag in ("br", "p", "div", "tr", "li"):
            self.text.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._href is not None:
            text = " ".join("".join(self._anchor_text).split())
            self.links.append(Link(self._href, text[:300], host_of(self._href)))
            self._href = None

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._href is not None:
            self._anchor_text.append(data)


@dataclass(frozen=True)
class HtmlContent:
    links: list[Link]
    text: str
    forms: int
    password_fields: int


def read_html(html: str) -> HtmlContent:
    parser = _Anchors()
    # html.parser is lenient; this only keeps what was read before an unforeseen error.
    with contextlib.suppress(Exception):
        parser.feed(html)
        parser.close()
    return HtmlContent(parser.links, "".join(parser.text), parser.forms, parser.password_fields)
