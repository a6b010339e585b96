"""A bad référentiel fails at load with a message naming the file and the key."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from cyberdent.domain.errors import ReferentialError
from cyberdent.domain.loader import DEFAULT_REFERENTIAL, load_referential


@pytest.fixture(scope="module")
def real_data() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(DEFAULT_REFERENTIAL.read_text(encoding="utf-8"))
    return data


def write(tmp_path: Path, data: Any) -> Path:
    path = tmp_path / "ref.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def error_of(path: Path) -> str:
    with pytest.raises(ReferentialError) as caught:
        load_referential(path)
    return str(caught.value)


def test_real_file_loads() -> None:
    assert load_referential(DEFAULT_REFERENTIAL).locale == "fr"


def test_missing_file(tmp_path: Path) -> None:
    message = error_of(tmp_path / "absent.yaml")
    assert "absent.yaml" in message and "cannot read" in message


def test_invalid_yaml(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("id: [unclosed\n", encoding="utf-8")
    assert "broken.yaml: malformed file (invalid YAML: " in error_of(path)


def test_top_level_not_a_mapping(tmp_path: Path) -> None:
    assert "top level must be a mapping" in error_of(write(tmp_path, ["a", "b"]))


def test_missing_key_names_its_path(tmp_path: Path, real_data: dict[str, Any]) -> None:
    data = copy.deepcopy(real_data)
    del data["questions"][2]["how_to_check"]
    message = error_of(write(tmp_path, data))
    assert "ref.yaml: questions[2].how_to_check: Field required" in message


def test_unknown_key_is_an_error(tmp_path: Path, real_data: dict[str, Any]) -> None:
    data = copy.deepcopy(real_data)
    data["measures"][0]["titel"] = "typo"
    assert "measures[0].titel: Extra inputs are not permitted" in error_of(write(tmp_path, data))


def test_action_pointing_to_unknown_measure(tmp_path: Path, real_data: dict[str, Any]) -> None:
    data = copy.deepcopy(real_data)
    data["questions"][0]["action"]["measure"] = "nowhere"
    message = error_of(write(tmp_path, data))
    assert "action 'act_passwords'.measure: unknown measure 'nowhere'" in message


def test_duplicate_question_id(tmp_path: Path, real_data: dict[str, Any]) -> None:
    data = copy.deepcopy(real_data)
    data["questions"][1]["id"] = "passwords"
    assert "questions: duplicate id 'passwords'" in error_of(write(tmp_path, data))


def test_unknown_fact_reference(tmp_path: Path, real_data: dict[str, Any]) -> None:
    data = copy.deepcopy(real_data)
    data["questions"][0]["facts"] = ["no_such_fact"]
    assert "questions.passwords.facts: unknown fact 'no_such_fact'" in error_of(
        write(tmp_path, data)
    )


def test_critical_flag_must_agree_with_rule(tmp_path: Path, real_data: dict[str, Any]) -> None:
    data = copy.deepcopy(real_data)
    data["questions"][1]["critical"] = True  # mfa is not in rule.critical
    assert "questions.mfa.critical: disagrees with rule.critical" in error_of(write(tmp_path, data))


def test_not_applicable_needs_a_label(tmp_path: Path, real_data: dict[str, Any]) -> None:
    data = copy.deepcopy(real_data)
    data["questions"][0]["allows_not_applicable"] = True
    assert "not_applicable_label is required" in error_of(write(tmp_path, data))
