"""A bad référentiel fails at load with a message naming the file and the key."""

from __future__ import annotations

import copy
import json
import tracemalloc
from pathlib import Path
from typing import Any

import pytest
import yaml

from cyberdent.domain.errors import ReferentialError
from cyberdent.domain.loader import DEFAULT_REFERENTIAL, load_referential
from cyberdent.domain.safe_input import (
    MAX_DEPTH,
    MAX_INPUT_BYTES,
    InputFileError,
    forbidden_character,
    load_data,
    parse_json,
    parse_yaml,
)


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


# The file is read with safe_input's limits, shared with the CLI's answers and contacts.


def test_yaml_aliases_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "alias.yaml"
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [
        f"{n}: &{n} [{', '.join([f'*{p}'] * 9)}]" for p, n in zip("abcdefg", "bcdefgh", strict=True)
    ]
    path.write_text("\n".join([*lines, "id: *h"]) + "\n", encoding="utf-8")
    message = error_of(path)
    assert (
        "alias.yaml: malformed file (YAML aliases (*name) are not allowed: *a at line 2" in message
    )


def test_anchors_without_aliases_are_harmless() -> None:
    assert parse_yaml("a: &x {b: 1}\n") == {"a": {"b": 1}}


@pytest.mark.parametrize(
    "text",
    [
        "[" * 100_000 + "]" * 100_000,
        "- " * 100_000 + "x\n",
        "".join(" " * i + "k:\n" for i in range(60)),
        "a: " + "[{b: " * 30 + "}]" * 30,
    ],
    ids=["flow", "block-sequence", "block-mapping", "mixed"],
)
def test_deep_nesting_is_refused(tmp_path: Path, text: str) -> None:
    path = tmp_path / "deep.yaml"
    path.write_text(text, encoding="utf-8")
    message = error_of(path)
    assert "deep.yaml: malformed file (" in message
    assert "deeper than 50 levels" in message or "maximum nesting depth" in message


def test_fifty_levels_are_allowed() -> None:
    assert parse_json("[" * MAX_DEPTH + "]" * MAX_DEPTH) is not None
    assert parse_yaml("[" * MAX_DEPTH + "]" * MAX_DEPTH) is not None
    with pytest.raises(Exception, match="deeper than 50 levels"):
        parse_json("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1))


def test_json_depth_ignores_brackets_in_strings() -> None:
    text = '{"a": "[[[[\\"[[[[' + "[" * 100 + '", "b": "\\\\"}'
    assert parse_json(text) == {"a": '[[[["[[[[' + "[" * 100, "b": "\\"}


def test_size_is_capped(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"id: x\n" + b"#" * MAX_INPUT_BYTES)
    assert "big.yaml: cannot read file (larger than the limit of 1,048,576 bytes)" in error_of(path)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"id: \xff\n", "cannot read file (not UTF-8 text: byte 0xff at offset 4)"),
        (b"id: x\nversion: 1\x00\n", "control character U+0000 at line 2, column 11"),
        ("id: x\u202e\n".encode(), "bidirectional control character U+202E at line 1"),
        (b'id: "\\e[31m"\n', "control character U+001B in the value of id"),
        # YAML's \N is U+0085 (NEL), a C1 control: refused like any escape's result.
        (b'id: x\nversion: "1\\N0"\n', "control character U+0085 in the value of version"),
        (b"id: 2026-02-30\n", "malformed file (invalid YAML: day is out of range for month)"),
    ],
)
def test_bad_text_is_refused(tmp_path: Path, content: bytes, expected: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_bytes(content)
    assert expected in error_of(path)


def test_a_leading_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + DEFAULT_REFERENTIAL.read_bytes())
    assert load_referential(path).locale == "fr"


def test_forbidden_characters_in_one_line() -> None:
    assert forbidden_character("Cabinet Dupont — Hérault 👍") is None
    assert forbidden_character("a\tb\nc") is None
    assert forbidden_character("a\tb", single_line=True) == (1, "\t")
    assert forbidden_character("x\udcff") == (1, "\udcff")
    assert forbidden_character("\u2069") == (0, "\u2069")


def test_load_data_error_names_file_stage_and_detail(tmp_path: Path) -> None:
    with pytest.raises(InputFileError) as caught:
        load_data(tmp_path / "absent.json", "json")
    assert caught.value.stage == "cannot read file"
    assert caught.value.detail.startswith("FileNotFoundError")
    assert str(caught.value).startswith(f"{tmp_path / 'absent.json'}: cannot read file (")


def test_a_long_key_over_many_values_costs_no_memory(tmp_path: Path) -> None:
    """Where a value sits is spelled out only for the message: a path string per value would
    make {"<100 KB key>": [5,000 values]} cost 500 MB."""
    path = tmp_path / "wide.json"
    path.write_text(json.dumps({"k" * 100_000: [1] * 5_000 + ["\u0007"]}), encoding="utf-8")
    tracemalloc.start()
    try:
        with pytest.raises(InputFileError, match=r"U\+0007 in the value of kkk+…\[5000\]"):
            load_data(path, "json")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 20_000_000


def test_critical_question_listed_twice(tmp_path: Path, real_data: dict[str, Any]) -> None:
    data = copy.deepcopy(real_data)
    data["rule"]["critical"] += data["rule"]["critical"][:1]
    critical = real_data["rule"]["critical"][0]
    assert f"rule.critical: duplicate id '{critical}'" in error_of(write(tmp_path, data))
