"""The corpus: our own French messages, phishing and legitimate, each with its expected verdict
and the signs that must be among those found (corpus/expected.yaml)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from cyberdent.domain.mailcheck import Verdict, check_email

CORPUS = Path(__file__).parent / "corpus"
EXPECTED: dict[str, dict[str, object]] = yaml.safe_load(
    (CORPUS / "expected.yaml").read_text(encoding="utf-8")
)


def test_the_corpus_is_complete() -> None:
    files = {path.name for path in CORPUS.glob("*.eml")}
    assert files == set(EXPECTED)
    assert len(files) >= 30
    legitimate = [name for name, e in EXPECTED.items() if e["verdict"] == "no_sign_found"]
    assert len(legitimate) >= 10


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_expected_verdict_and_signs(name: str) -> None:
    expected = EXPECTED[name]
    result = check_email((CORPUS / name).read_bytes())
    found = [signal.id for signal in result.signals]
    assert result.verdict == Verdict(expected["verdict"]), found
    assert set(expected["signals"]) <= set(found)  # type: ignore[arg-type]
    if result.verdict is Verdict.NO_SIGN_FOUND:
        assert found == []


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_signal_is_explained_with_short_evidence(name: str) -> None:
    result = check_email((CORPUS / name).read_bytes())
    assert result.verdict_label and result.next_steps
    for signal in result.signals:
        assert signal.title and signal.explanation and signal.evidence
        assert all(0 < len(item) <= 200 for item in signal.evidence)
        assert all("\n" not in item for item in signal.evidence)
