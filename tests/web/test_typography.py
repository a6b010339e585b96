"""French typography on every page, e-mail and référentiel string (issue 10, point 8).

Every page the test client reaches (the URLs of the isolation specs, as the practice's owner
for practice pages, anonymous and logged in for the others, plus the diagnostic result, the
login and account pages and the e-mails of sign-up and invitation) is reduced to its text nodes
and checked: no breakable space before ; : ! ?, no straight apostrophe between two letters, no
"(s)", no "courriel", "phishing" only as « hameçonnage (phishing) », no "14:30"-style time.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from cyberdent.domain.loader import default_referential
from tests.conftest import Personas, all_yes
from tests.isolation import PracticeUrl
from tests.test_isolation import PRACTICE_SPECS, PUBLIC_SPECS, World, _url, world  # noqa: F401

RULES = [
    (re.compile(r"\S[^\S\u00a0\u202f\u2029]+[;:!?](?![\w/=:])"), "breakable space before ; : ! ?"),
    (re.compile(r"[^\W\d_][;:!?](?=\s|$)"), "no no-break space before ; : ! ?"),
    (re.compile(r"[^\W\d_]'[^\W\d_]"), "straight apostrophe"),
    (re.compile(r"[«][^\u202f\u00a0]|[^\u202f\u00a0][»]"), "no no-break space inside « »"),
    (re.compile(r"\(s\)"), "plural written “(s)”"),
    (re.compile(r"courriel|\be?mails?\b(?<!e-mail)(?<!e-mails)", re.I), "not spelled “e-mail”"),
    (re.compile(r"(?<!\()phishing", re.I), "“phishing” without “hameçonnage” before it"),
    (re.compile(r"(?<![\w:/.-])[0-2]?\d(?::|h)[0-5]\d(?![\w:-])"), "time not written “14 h 30”"),
]
# Tags that end a run of text: what is on either side is not one sentence.
BLOCKS = frozenset(
    {"p", "li", "td", "th", "tr", "div", "h1", "h2", "h3", "h4", "h5", "h6", "br", "dt", "dd"}
    | {"summary", "legend", "label", "option", "button", "title", "section", "header", "footer"}
    | {"nav", "main", "figcaption", "blockquote", "ul", "ol", "table", "textarea"}
)
BREAK = "\u2029"  # between two blocks: not a space inside a sentence
SKIPPED_TYPES = ("application/pdf", "text/calendar", "application/json", "image/")
ALLAUTH_PAGES = [
    "account_login",
    "account_signup",
    "account_reset_password",
    "account_email",
    "account_change_password",
    "account_email_verification_sent",
    "mfa_index",
    "mfa_activate_totp",
    "accounts:overview",
    "accounts:delete",
    "accounts:resend_confirmation",
]


class _Text(HTMLParser):
    """The text nodes of a page, without <script>, <style>, the attributes and a quoted
    specimen (<article data-quoted>: a training message shown as the scammer wrote it, its
    « boîte mail » and « 23:59 » on purpose)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0
        self._quoted_article = False

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in ("script", "style") or (tag == "article" and ("data-quoted", None) in attrs):
            self._skip += 1
            self._quoted_article = self._quoted_article or tag == "article"
        if tag in BLOCKS:
            self.parts.append(BREAK)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") or (tag == "article" and self._quoted_article):
            self._skip = max(0, self._skip - 1)
            self._quoted_article = self._quoted_article and tag != "article"
        if tag in BLOCKS:
            self.parts.append(BREAK)

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def page_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return "".join(parser.parts)


def problems(text: str, where: str) -> list[str]:
    text = re.sub(r"https?://\S+", " ", text)  # a link's own characters are not French text
    found = []
    for pattern, what in RULES:
        for match in pattern.finditer(text):
            snippet = (
                text[max(0, match.start() - 40) : match.end() + 20]
                .replace("\n", "⏎")
                .replace(BREAK, "¶")
            )
            found.append(f"{where}: {what}: …{snippet}…")
    return found


def _check(client: Client, url: str, seen: dict[str, list[str]]) -> None:
    response = client.get(url, follow=True)
    content_type = response.get("Content-Type", "")
    if response.status_code != 200 or content_type.startswith(SKIPPED_TYPES):
        return
    seen[url] = problems(page_text(response.content.decode()), url.split("?r=")[0])


def _report(seen: dict[str, list[str]]) -> str:
    return "\n".join(p for found in seen.values() for p in found)


@pytest.mark.django_db
def test_every_public_page(client: Client) -> None:
    seen: dict[str, list[str]] = {}
    for spec in PUBLIC_SPECS:
        _check(client, reverse(spec.name, kwargs=dict(spec.kwargs)), seen)
    result = client.post(reverse("diagnostic:form"), all_yes(backups="no", mfa="unknown"))
    _check(client, result["Location"], seen)
    for name in ("account_login", "account_signup", "account_reset_password"):
        _check(client, reverse(name), seen)
    assert len(seen) > 10
    assert not _report(seen), _report(seen)


def test_every_practice_page_as_the_owner(world: World) -> None:  # noqa: F811
    owner = Client()
    owner.force_login(world.personas.owner_a)
    seen: dict[str, list[str]] = {}
    specs: list[PracticeUrl] = [s for s in PRACTICE_SPECS if "GET" in s.methods]
    for spec in specs:
        _check(owner, _url(spec, world.personas.practice_a.pk, world.objects_a), seen)
    for spec in PUBLIC_SPECS:
        _check(owner, reverse(spec.name, kwargs=dict(spec.kwargs)), seen)
    for name in ALLAUTH_PAGES:
        _check(owner, reverse(name), seen)
    assert any("/incident" in url for url in seen)
    assert len(seen) > 30
    assert not _report(seen), _report(seen)


def test_the_emails_of_sign_up_and_invitation(client: Client, personas: Personas) -> None:
    password = "un mot de passe solide 2026"
    client.post(
        "/comptes/signup/",
        {"email": "nouveau@cabinet.test", "password1": password, "password2": password},
    )
    client.post("/comptes/password/reset/", {"email": personas.owner_a.email})
    owner = Client()
    owner.force_login(personas.owner_a)
    owner.post(
        f"/cabinet/{personas.practice_a.pk}/equipe/inviter/",
        {"email": "nouvelle@lilas.test", "role": "member"},
    )
    assert len(mail.outbox) >= 3, [m.subject for m in mail.outbox]
    found = []
    for message in mail.outbox:
        found += problems(message.subject + "\n" + message.body, f"e-mail {message.subject!r}")
    assert not found, "\n".join(found)


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list | tuple):
        return [s for v in value for s in _strings(v)]
    return []


def test_every_referential_string() -> None:
    data = default_referential().model_dump(mode="json")
    found = []
    for text in _strings(data):
        if not re.fullmatch(r"[a-z][a-z0-9_]*", text):  # ids ("phishing_training") are not text
            found += problems(text, "référentiel")
    assert not found, "\n".join(found)
