"""Coherence of the real phishing training file shipped with CyberDent."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from cyberdent.domain.french import NNBSP
from cyberdent.domain.referential_models import Referential
from cyberdent.domain.training import (
    DEFAULT_TRAINING,
    MIN_SCAM_CLUES,
    Channel,
    Part,
    Training,
    TrainingError,
    Verdict,
    default_training,
    load_training,
)

REQUIRED_KINDS = {
    "health_insurance",
    "booking_platform",
    "cps_card",
    "supplier_invoice",
    "ceo_fraud",
    "parcel",
    "mailbox",
    "software_update",
    "regulator_fine",
    "bank",
    "qr_letter",
    "legitimate",
}
# Domains a scam may point at: reserved for examples and tests (RFC 2606), nothing that exists.
FICTITIOUS = re.compile(r"\.(example|test|invalid)$")
# Real domains a scam may only *display* (the deceit a clue then points at), never link to.
DOMAIN = re.compile(r"(?:[a-z0-9-]+\.)+[a-z]{2,}", re.IGNORECASE)
URL_HOST = re.compile(r"https?://([^/\s?#]+)")
EMAIL_HOST = re.compile(r"@([A-Za-z0-9.-]+)")
FILE_NAME = re.compile(r"\.(pdf|zip|exe)$", re.IGNORECASE)


@pytest.fixture(scope="module")
def training() -> Training:
    return default_training()


def test_counts(training: Training) -> None:
    verdicts = Counter(e.verdict for e in training.examples)
    assert verdicts[Verdict.SCAM] >= 20
    assert verdicts[Verdict.LEGIT] >= 5
    assert {e.channel for e in training.examples} == set(Channel)


def test_required_kinds_each_with_an_example(training: Training) -> None:
    assert {k.id for k in training.kinds} >= REQUIRED_KINDS
    assert {e.kind for e in training.examples} >= REQUIRED_KINDS
    scam_kinds = {e.kind for e in training.examples if e.verdict is Verdict.SCAM}
    assert REQUIRED_KINDS - {"legitimate"} <= scam_kinds


def test_every_quote_is_in_its_part(training: Training) -> None:
    for example in training.examples:
        for clue in example.all_clues:
            texts = example.part_texts(clue.part)
            assert any(clue.quote in text for text in texts), (example.id, clue.id)


def test_scams_have_clues_legit_have_reassurance(training: Training) -> None:
    for example in training.examples:
        if example.verdict is Verdict.SCAM:
            assert len(example.clues) >= MIN_SCAM_CLUES and not example.reassurance
        else:
            assert example.reassurance and not example.clues
        assert example.reflexes, example.id


def test_sources_never_empty(training: Training) -> None:
    assert all(s.strip() for s in training.sources)
    for example in training.examples:
        assert example.sources and all(s.strip() for s in example.sources), example.id
    for reflex in training.reflexes:
        # A reflex states a fact only through a référentiel fact or its own source.
        assert reflex.facts or reflex.sources or reflex.id == "tell_team", reflex.id


def test_reflex_facts_exist_in_the_referential(training: Training, ref: Referential) -> None:
    fact_ids = {f.id for f in ref.facts}
    cited = {f for r in training.reflexes for f in r.facts}
    assert cited and cited <= fact_ids


def test_reporting_reflexes_are_there(training: Training) -> None:
    texts = {r.id: r.text for r in training.reflexes}
    assert "signal-spam.fr" in texts["report_email"]
    assert "33700" in texts["report_sms"]
    for example in training.examples:
        if example.verdict is Verdict.SCAM and example.channel is Channel.SMS:
            assert "report_sms" in example.reflexes, example.id


def _prose(training: Training) -> list[str]:
    texts = [k.label for k in training.kinds] + [r.text for r in training.reflexes]
    for e in training.examples:
        texts += [e.sender_name, e.subject, *e.body, *(link.text for link in e.links)]
        texts += [c.explanation for c in e.all_clues]
    return texts


def test_french_typography(training: Training) -> None:
    for text in _prose(training):
        assert not re.search(r" [:;!?](?!/)", text), text
        assert not re.search(r"\w'\w", text), text  # typographic apostrophe
        assert "« " not in text and " »" not in text, text
    assert any(f"{NNBSP}:" in text for text in _prose(training))


def test_no_real_looking_domain_in_a_scam(training: Training) -> None:
    for example in training.examples:
        if example.verdict is not Verdict.SCAM:
            continue
        hosts = EMAIL_HOST.findall(example.sender_address)
        hosts += [h for link in example.links for h in URL_HOST.findall(link.target)]
        hosts += [h for text in example.body for h in URL_HOST.findall(text)]
        for host in hosts:
            assert FICTITIOUS.search(host), (example.id, host)
        for clue in example.clues:
            if clue.part is Part.SENDER_ADDRESS and DOMAIN.fullmatch(clue.quote):
                assert FICTITIOUS.search(clue.quote), (example.id, clue.quote)


def test_scam_phone_numbers_are_kept_for_fiction(training: Training) -> None:
    phone = re.compile(r"(?:\+33 |0)[1-9](?: \d\d){4}")
    for example in training.examples:
        if example.verdict is not Verdict.SCAM:
            continue
        for text in [example.sender_address, *example.body]:
            for number in phone.findall(text):
                digits = number.replace(" ", "").replace("+33", "0")
                assert digits.startswith(("063998", "019900")), (example.id, number)


def test_attachments_are_file_names(training: Training) -> None:
    for example in training.examples:
        for name in example.attachments:
            assert FILE_NAME.search(name), (example.id, name)


def test_yaml_is_shipped_with_the_package() -> None:
    pyproject = Path(__file__).resolve().parents[2] / "pyproject.toml"
    assert '"referential/*.yaml"' in pyproject.read_text("utf-8")
    assert DEFAULT_TRAINING.parent.name == "referential"


def _raw() -> dict[str, object]:
    data = yaml.safe_load(DEFAULT_TRAINING.read_text("utf-8"))
    assert isinstance(data, dict)
    return data


def _write(tmp_path: Path, data: object) -> Path:
    path = tmp_path / "training.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    return path


def test_a_quote_not_in_its_part_names_file_and_key(tmp_path: Path) -> None:
    data = _raw()
    examples = data["examples"]
    assert isinstance(examples, list)
    examples[0]["clues"][0]["quote"] = "absent de l'adresse"
    path = _write(tmp_path, data)
    with pytest.raises(TrainingError, match=r"training\.yaml: examples\[0\]: .*clues\.address"):
        load_training(path)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["examples"][0].update(kind="nope"), "unknown kind 'nope'"),
        (lambda d: d["examples"][0].update(reflexes=["nope"]), "unknown reflex 'nope'"),
        (lambda d: d["examples"][0].update(colour="red"), "colour"),
        (lambda d: d["examples"][1].update(id=d["examples"][0]["id"]), "duplicate id"),
        (lambda d: d["examples"][0].update(clues=d["examples"][0]["clues"][:1]), "at least 2"),
        (lambda d: d["reflexes"][-1].update(facts=["nope"]), "unknown fact 'nope'"),
        (
            lambda d: d.update(examples=[e for e in d["examples"] if e["kind"] != "bank"]),
            "kinds.bank: no example",
        ),
        (
            lambda d: d.update(examples=[e for e in d["examples"] if e["verdict"] == "scam"]),
            "legitimate messages, at least 5",
        ),
    ],
)
def test_bad_files_fail_at_load(tmp_path: Path, change: object, message: str) -> None:
    data = _raw()
    assert callable(change)
    change(data)
    with pytest.raises(TrainingError, match=re.escape(message)):
        load_training(_write(tmp_path, data))


def test_not_a_mapping(tmp_path: Path) -> None:
    with pytest.raises(TrainingError, match="top level must be a mapping"):
        load_training(_write(tmp_path, ["a"]))
