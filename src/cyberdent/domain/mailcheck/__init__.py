"""The offline e-mail checker: a message's source in, a verdict with its evidence out.

Nothing leaves the process: no DNS query, no URL fetched, no link followed. The web page and
`cyberdent check-email` both call check_email() and show MailCheckInputError's French message
for input it refuses."""

from __future__ import annotations

from cyberdent.domain.mailcheck.data import (
    MailCheckData,
    Severity,
    Verdict,
    default_mailcheck_data,
    load_mailcheck_data,
)
from cyberdent.domain.mailcheck.parse import MAX_EMAIL_BYTES, MailCheckInputError, parse_mail
from cyberdent.domain.mailcheck.signals import CHECKS, MAX_EVIDENCE_ITEMS, Facts, clean, severity_of
from cyberdent.domain.mailcheck.verdict import MailCheckResult, Signal, result_for, verdict_for

__all__ = [
    "MAX_EMAIL_BYTES",
    "MailCheckData",
    "MailCheckInputError",
    "MailCheckResult",
    "Severity",
    "Signal",
    "Verdict",
    "check_email",
    "default_mailcheck_data",
    "load_mailcheck_data",
    "verdict_for",
]

_ORDER = {Severity.HIGH: 0, Severity.MEDIUM: 1, Severity.LOW: 2}


def check_email(data: bytes, *, content: MailCheckData | None = None) -> MailCheckResult:
    """Analyse one message's source (bytes of a .eml or pasted text, at most 2 MiB).

    Raises MailCheckInputError (French message) when the input is empty, too large or not an
    e-mail; any other oddity in the message is skipped and reported as a low sign."""
    content = content or default_mailcheck_data()
    facts = Facts(parse_mail(data), content)
    signals = []
    for position, (signal_id, check) in enumerate(CHECKS.items()):
        try:
            evidence = check(facts)
        except Exception as exc:  # a sign that cannot be computed must not hide the others
            facts.mail.skipped.append(f"analyse {signal_id} interrompue ({exc.__class__.__name__})")
            continue
        if not evidence:
            continue
        text = content.signals[signal_id]
        shown = tuple(dict.fromkeys(clean(item) for item in evidence))[:MAX_EVIDENCE_ITEMS]
        signal = Signal(
            signal_id,
            severity_of(signal_id, evidence, text.severity),
            text.title,
            text.explanation,
            shown,
        )
        signals.append((_ORDER[signal.severity], position, signal))
    return result_for([signal for _, _, signal in sorted(signals, key=lambda s: s[:2])], content)
