"""Just enough HTML form reading for the load and crash drivers: the forms of a page, their
action, and the values a browser would send by default (hidden fields such as the CSRF token
and the version of an incident, checked radios, textareas, selected options)."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Form:
    action: str
    values: dict[str, str] = field(default_factory=dict)
    options: dict[str, list[str]] = field(default_factory=dict)  # radio and select choices


class _FormParser(HTMLParser):
    def __init__(self, page_url: str) -> None:
        super().__init__()
        self.page_url = page_url
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._textarea: str | None = None
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and a.get("method", "get").lower() == "post":
            self._form = Form(action=a.get("action") or self.page_url)
            self.forms.append(self._form)
        if self._form is None or "name" not in a:
            return
        name = a["name"]
        if tag == "input":
            kind = a.get("type", "text")
            if kind in ("radio", "checkbox"):
                self._form.options.setdefault(name, []).append(a.get("value", "on"))
                if "checked" in a:
                    self._form.values[name] = a.get("value", "on")
            elif kind not in ("submit", "button"):
                self._form.values.setdefault(name, a.get("value", ""))
        elif tag == "textarea":
            self._textarea = name
            self._form.values[name] = ""
        elif tag == "select":
            self._select = name
        elif tag == "option" and self._select:
            self._form.options.setdefault(self._select, []).append(a.get("value", ""))
            if "selected" in a:
                self._form.values[self._select] = a.get("value", "")

    def handle_data(self, data: str) -> None:
        if self._form is not None and self._textarea:
            self._form.values[self._textarea] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None


def post_forms(html: str, page_url: str) -> list[Form]:
    parser = _FormParser(page_url)
    parser.feed(html)
    return parser.forms


def form_to(html: str, page_url: str, action_part: str) -> Form:
    """The first POST form whose action contains `action_part`."""
    for form in post_forms(html, page_url):
        if action_part in form.action:
            return form
    raise LookupError(f"no form posting to …{action_part} on {page_url}")
