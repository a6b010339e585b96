"""The checker's data (referential/mailcheck.yaml): known senders, shorteners, pressure words,
sensitive requests and every sentence shown, validated at load with pydantic."""

from __future__ import annotations

import re
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Annotated

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    field_validator,
    model_validator,
)

from cyberdent.domain.errors import ReferentialError
from cyberdent.domain.french import typography
from cyberdent.domain.safe_input import InputFileError, load_data

MAILCHECK_DATA = Path(__file__).resolve().parent.parent.parent / "referential" / "mailcheck.yaml"

Id = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]
Text = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]
Domain = Annotated[
    str, StringConstraints(max_length=253, pattern=r"^([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$")
]


class Severity(StrEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class Verdict(StrEnum):
    SUSPICIOUS = "suspicious"
    CAUTION = "caution"
    NO_SIGN_FOUND = "no_sign_found"


# Every sign the checker can report (signals.py); the YAML must give each one its texts.
SIGNAL_IDS = (
    "auth_dmarc_fail", "auth_fail", "auth_none", "lookalike_sender",
    "display_name_impersonation", "display_name_address", "punycode_sender",
    "reply_to_differs", "return_path_differs", "link_text_mismatch", "ip_link",
    "shortener_link", "lookalike_link", "punycode_link", "risky_attachment",
    "double_extension", "html_form_attachment", "html_attachment", "macro_document",
    "encrypted_archive", "sensitive_request", "pressure_words", "parts_skipped",
)  # fmt: skip


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _compile(pattern: str) -> str:
    try:
        re.compile(pattern)
    except re.error as exc:
        raise ValueError(f"invalid regular expression {pattern!r}: {exc}") from exc
    return pattern


class KnownSender(_Strict):
    id: Id
    name: Text
    kind: Id
    names: tuple[Text, ...] = Field(min_length=1)
    domains: tuple[Domain, ...] = Field(min_length=1)
    sources: tuple[Text, ...] = Field(min_length=1)


class PressureWord(_Strict):
    label: Text
    pattern: Text

    _check = field_validator("pattern")(_compile)


class SensitiveRequest(_Strict):
    id: Id
    label: Text
    patterns: tuple[Text, ...] = Field(min_length=1)

    @field_validator("patterns")
    @classmethod
    def _patterns(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(_compile(p) for p in value)


class SignalText(_Strict):
    severity: Severity
    title: Text
    explanation: Text


class Source(_Strict):
    title: Text
    url: Text


class MailCheckData(_Strict):
    id: Id
    version: Text
    known_senders: tuple[KnownSender, ...] = Field(min_length=1)
    url_shorteners: tuple[Domain, ...]
    pressure_words: tuple[PressureWord, ...]
    sensitive_requests: tuple[SensitiveRequest, ...]
    signals: dict[Id, SignalText]
    verdicts: dict[Verdict, Text]
    next_steps: dict[Verdict, tuple[Text, ...]]
    sources: tuple[Source, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _complete(self) -> MailCheckData:
        missing = sorted(set(SIGNAL_IDS) - set(self.signals))
        unknown = sorted(set(self.signals) - set(SIGNAL_IDS))
        if missing or unknown:
            raise ValueError(f"signals: missing {missing}, unknown {unknown}")
        for table in (self.verdicts, self.next_steps):
            if set(table) != set(Verdict):
                raise ValueError("verdicts and next_steps need suspicious, caution, no_sign_found")
        seen: dict[str, str] = {}
        for sender in self.known_senders:
            for domain in sender.domains:
                if domain in seen:
                    raise ValueError(f"domain {domain} listed for {seen[domain]} and {sender.id}")
                seen[domain] = sender.id
        return self


# Keys whose strings are shown to a person (French typography applied at load).
_PROSE = frozenset({"name", "title", "explanation", "label"})


def _typeset(data: object, key: str = "") -> object:
    if isinstance(data, str):
        return typography(data) if key in _PROSE else data
    if isinstance(data, dict):
        return {k: _typeset(v, k if isinstance(k, str) else key) for k, v in data.items()}
    if isinstance(data, list):
        return [_typeset(item, key) for item in data]
    return data


def _typeset_top(data: dict[str, object]) -> dict[str, object]:
    out = {k: _typeset(v, k) for k, v in data.items()}
    # Verdict labels and next steps are prose under keys that are ids.
    for key in ("verdicts", "next_steps"):
        value = data.get(key)
        if isinstance(value, dict):
            out[key] = {k: _typeset(v, "label") for k, v in value.items()}
    return out


def load_mailcheck_data(path: Path | str) -> MailCheckData:
    """Read and validate the checker's YAML; ReferentialError names the file and the key."""
    try:
        data = load_data(path, "yaml")
    except InputFileError as exc:
        raise ReferentialError(str(exc)) from exc
    if not isinstance(data, dict):
        raise ReferentialError(f"{path}: the top level must be a mapping")
    try:
        return MailCheckData.model_validate(_typeset_top(data))
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "(racine)"
        more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
        raise ReferentialError(f"{path}: {where}: {first['msg']}{more}") from exc


@cache
def default_mailcheck_data() -> MailCheckData:
    """The data shipped with CyberDent, loaded once per process."""
    return load_mailcheck_data(MAILCHECK_DATA)
