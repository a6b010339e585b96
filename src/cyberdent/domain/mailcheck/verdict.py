"""From the signs found to the verdict, and the result object the CLI and the page show."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cyberdent.domain.mailcheck.data import MailCheckData, Severity, Verdict


@dataclass(frozen=True)
class Signal:
    id: str
    severity: Severity
    title: str
    explanation: str
    evidence: tuple[str, ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "severity": self.severity.value,
            "title": self.title,
            "explanation": self.explanation,
            "evidence": list(self.evidence),
        }


@dataclass(frozen=True)
class MailCheckResult:
    verdict: Verdict
    verdict_label: str
    signals: tuple[Signal, ...]
    next_steps: tuple[str, ...]
    data_version: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "verdict": self.verdict.value,
            "verdict_label": self.verdict_label,
            "signals": [signal.as_dict() for signal in self.signals],
            "next_steps": list(self.next_steps),
            "data_version": self.data_version,
        }


def verdict_for(signals: tuple[Signal, ...] | list[Signal]) -> Verdict:
    """Any high sign, or two medium ones: suspicious. One medium or any low: caution. None: no
    sign found (never "safe": a message from a real, hacked account shows no sign)."""
    counts = {severity: 0 for severity in Severity}
    for signal in signals:
        counts[signal.severity] += 1
    if counts[Severity.HIGH] or counts[Severity.MEDIUM] >= 2:
        return Verdict.SUSPICIOUS
    if counts[Severity.MEDIUM] or counts[Severity.LOW]:
        return Verdict.CAUTION
    return Verdict.NO_SIGN_FOUND


def result_for(signals: list[Signal], data: MailCheckData) -> MailCheckResult:
    verdict = verdict_for(signals)
    return MailCheckResult(
        verdict=verdict,
        verdict_label=data.verdicts[verdict],
        signals=tuple(signals),
        next_steps=data.next_steps[verdict],
        data_version=data.version,
    )
