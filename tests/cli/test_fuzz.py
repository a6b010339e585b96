"""Fuzz the CLI's input files: whatever a file holds, exit 0 or 2 with one line, no traceback.

5,400 generated files across `diagnose`, `report`, `protocol` and `referential check`:
random bytes, random JSON/YAML structures, deep nesting, alias bombs, invalid UTF-8, control
characters, and mutated copies of valid files. main() runs in-process; the PDF renderers are
stubbed (the documents' own tests render real text), so the loop measures input handling.
The nastiest cases also run through the real console script (test_cli_safety.py).
"""

from __future__ import annotations

import functools
import itertools
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, currently_in_test_context, event, given, settings
from hypothesis import strategies as st

from cyberdent.cli import documents
from cyberdent.cli import main as cli_main
from cyberdent.cli.main import main
from cyberdent.domain.loader import DEFAULT_REFERENTIAL
from tests.conftest import QUESTION_IDS

FUZZ = settings(
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    database=None,  # nothing written next to the repository; failures print their example
)
ANSWER_VALUES = ("yes", "no", "unknown", "not_applicable")
COMPLEMENTARY_IDS = ("cyber_insurance", "it_provider")
CONTACT_FIELDS = {
    "it_provider": ("name", "phone", "hours"),
    "insurer": ("name", "contract", "phone"),
    "police": ("name", "address", "phone"),
    "lead": ("name", "phone"),
}
REFERENTIAL_TEXT = DEFAULT_REFERENTIAL.read_bytes()
REFERENTIAL_KEYS = tuple(yaml.safe_load(REFERENTIAL_TEXT))
VOCABULARY = (
    *QUESTION_IDS,
    *COMPLEMENTARY_IDS,
    *ANSWER_VALUES,
    *CONTACT_FIELDS,
    "practice",
    "name",
    "phone",
    *REFERENTIAL_KEYS,
)
COMMANDS = ("diagnose", "report", "protocol", "referential", "diagnose-referential")
SUFFIXES = (".json", ".yaml", ".yml", ".txt", "")


@pytest.fixture
def run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Callable[[str, str, bytes], tuple[int, str]]:
    """Write the bytes as the command's input file, run main(), check the contract."""
    monkeypatch.setattr(documents, "render_report_pdf", lambda report: b"%PDF-stub report")
    monkeypatch.setattr(documents, "render_poster_pdf", lambda poster: b"%PDF-stub poster")
    # Building the argparse tree costs more than the rest of a run; it is the same every time.
    monkeypatch.setattr(cli_main, "build_parser", functools.cache(cli_main.build_parser))
    numbers = itertools.count()
    valid_answers = tmp_path / "valid.json"
    valid_answers.write_text(json.dumps(dict.fromkeys(QUESTION_IDS, "yes")), encoding="utf-8")
    out = str(tmp_path / "out.pdf")

    def run_one(command: str, suffix: str, content: bytes) -> tuple[int, str]:
        # A new name each time: rewriting one file in place makes ext4 flush it (~2 ms).
        file = tmp_path / f"input{next(numbers)}{suffix}"
        file.write_bytes(content)
        argv = {
            "diagnose": ["diagnose", "--answers", str(file), "--format", "json"],
            "report": ["report", "--answers", str(file), "-o", out, "--date", "2026-12-01"],
            "protocol": ["protocol", "--contacts", str(file), "-o", out],
            "referential": ["referential", "check", str(file)],
            "diagnose-referential": [
                *("diagnose", "--answers", str(valid_answers), "--format", "json"),
                *("--referential", str(file)),
            ],
        }[command]
        code = main(argv)
        captured = capsys.readouterr()
        file.unlink()
        if currently_in_test_context():
            event(f"{command}: exit {code}")
        assert code in (0, 2), (code, captured.err)
        assert "Traceback" not in captured.err
        if code == 2:
            assert captured.err.startswith("cyberdent: error: "), captured.err
            assert captured.err.count("\n") == 1, captured.err
            assert len(captured.err) < 2200
            assert captured.out == ""
        else:
            assert captured.err == ""
        return code, captured.err

    return run_one


commands = st.sampled_from(COMMANDS)
suffixes = st.sampled_from(SUFFIXES)
nasty_chars = st.sampled_from(
    ["\x00", "\x07", "\x1b", "\x7f", "\x85", "\x9b", "\u202e", "\u2066", "\ufeff", "\u2028"]
)
texts = st.one_of(
    st.sampled_from(VOCABULARY),
    st.text(max_size=30),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=10).map(lambda s: s + "\x1b[31m"),
    st.builds(lambda a, c, b: a + c + b, st.text(max_size=5), nasty_chars, st.text(max_size=5)),
    st.text(max_size=5).map(lambda s: s * 50),
)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(0, 200).map(lambda k: 10 ** (4250 + k)),  # beyond int-to-str limit
    st.floats(),
    texts,
)
keys = st.one_of(st.sampled_from(VOCABULARY), texts, st.integers(), st.none(), st.booleans())
structures = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=5),
        st.dictionaries(keys, children, max_size=6),
    ),
    max_leaves=20,
)
plain_texts = st.one_of(
    st.sampled_from(("Cabinet Test", "Dr Dupont", "Info Santé", "N-42", "8 h–18 h", "")),
    st.text(st.characters(codec="utf-8", exclude_categories=("Cc", "Cs")), max_size=40),
)
phones = st.one_of(st.sampled_from(("04 67 00 00 00", "+33 6 00 00 00 00", "17")), texts)


@st.composite
def edited(draw: st.DrawFn, base: dict[Any, Any]) -> dict[Any, Any]:
    """A valid mapping, then up to three edits: drop a key, change a value, add a key."""
    data = dict(base)
    for _ in range(draw(st.integers(0, 3))):
        action = draw(st.sampled_from(("drop", "change", "add")))
        if action == "drop" and data:
            del data[draw(st.sampled_from(sorted(data, key=str)))]
        elif action == "change" and data:
            data[draw(st.sampled_from(sorted(data, key=str)))] = draw(scalars)
        else:
            data[draw(keys)] = draw(st.one_of(scalars, structures))
    return data


@st.composite
def answers(draw: st.DrawFn) -> dict[Any, Any]:
    """Mostly complete answer files, so that many reach an assessment (exit 0)."""
    base: dict[Any, Any] = {
        qid: draw(st.sampled_from(("yes", "no", "unknown"))) for qid in QUESTION_IDS
    }
    for cid in COMPLEMENTARY_IDS:
        if draw(st.booleans()):
            base[cid] = draw(st.sampled_from(ANSWER_VALUES))
    return draw(edited(base))


@st.composite
def contacts(draw: st.DrawFn) -> dict[Any, Any]:
    base: dict[Any, Any] = {"practice": draw(plain_texts)}
    for group, fields in CONTACT_FIELDS.items():
        if draw(st.booleans()):
            base[group] = {
                name: draw(phones if name == "phone" else plain_texts)
                for name in fields
                if draw(st.booleans())
            }
    return draw(edited(base))


def dump(data: Any, syntax: str, flow: bool | None) -> bytes:
    """JSON or YAML text of `data` (writing ints longer than Python's 4,300-digit limit too)."""
    limit = sys.get_int_max_str_digits()
    sys.set_int_max_str_digits(0)
    try:
        if syntax == "json":
            text = json.dumps(data, ensure_ascii=flow is True)
        else:
            text = yaml.dump(
                data,
                Dumper=yaml.CSafeDumper,
                allow_unicode=flow is not True,
                default_flow_style=flow,
            )
    finally:
        sys.set_int_max_str_digits(limit)
    return text.encode("utf-8", "surrogatepass")


syntaxes = st.sampled_from(("json", "yaml"))
flows = st.sampled_from((None, True, False))


@st.composite
def mutated(draw: st.DrawFn, base: bytes) -> bytes:
    """`base` with a few byte-level edits: insert, delete, duplicate, overwrite."""
    data = bytearray(base)
    for _ in range(draw(st.integers(1, 4))):
        if not data:
            data += draw(st.binary(min_size=1, max_size=8))
            continue
        at = draw(st.integers(0, len(data) - 1))
        length = draw(st.integers(1, 40))
        operation = draw(st.sampled_from(("insert", "delete", "duplicate", "overwrite")))
        if operation == "insert":
            data[at:at] = draw(
                st.one_of(
                    st.binary(min_size=1, max_size=8),
                    st.sampled_from(
                        [
                            b"[",
                            b"{",
                            b"*a",
                            b"&a ",
                            b": ",
                            b"- ",
                            b"\n  ",
                            b'"',
                            b"'",
                            b"!!",
                            b"\\u0000",
                        ]
                    ),
                )
            )
        elif operation == "delete":
            del data[at : at + length]
        elif operation == "duplicate":
            data[at:at] = data[at : at + length]
        else:
            chunk = draw(st.binary(min_size=1, max_size=length))
            data[at : at + len(chunk)] = chunk
    return bytes(data)


@settings(FUZZ, max_examples=1500)
@given(command=commands, suffix=suffixes, content=st.binary(max_size=600))
def test_random_bytes(
    run: Callable[..., tuple[int, str]], command: str, suffix: str, content: bytes
) -> None:
    run(command, suffix, content)


@settings(FUZZ, max_examples=1000)
@given(command=commands, syntax=syntaxes, flow=flows, data=structures)
def test_random_structures(
    run: Callable[..., tuple[int, str]], command: str, syntax: str, flow: bool | None, data: Any
) -> None:
    run(command, "." + syntax, dump(data, syntax, flow))


@settings(FUZZ, max_examples=1000)
@given(syntax=syntaxes, flow=flows, data=st.data())
def test_answers_and_contacts_valid_or_mutated(
    run: Callable[..., tuple[int, str]], syntax: str, flow: bool | None, data: st.DataObject
) -> None:
    command = data.draw(st.sampled_from(("diagnose", "report", "protocol")))
    content = dump(data.draw(contacts() if command == "protocol" else answers()), syntax, flow)
    if data.draw(st.booleans()):
        content = data.draw(mutated(content))
    run(command, "." + syntax, content)


def test_valid_inputs_reach_exit_0(run: Callable[..., tuple[int, str]]) -> None:
    """The fuzz's checks see both outcomes: the same harness accepts good files."""
    good = json.dumps(dict.fromkeys(QUESTION_IDS, "yes")).encode()
    assert run("diagnose", ".json", good)[0] == 0
    assert run("report", ".json", good)[0] == 0
    assert run("protocol", ".yaml", b"practice: Cabinet Test\nlead: {name: Dr Test}\n")[0] == 0
    assert run("referential", ".yaml", REFERENTIAL_TEXT)[0] == 0
    assert run("diagnose-referential", ".yaml", REFERENTIAL_TEXT)[0] == 0


@settings(FUZZ, max_examples=300)
@given(content=mutated(REFERENTIAL_TEXT), command=st.sampled_from(COMMANDS[3:]))
def test_mutated_referential(
    run: Callable[..., tuple[int, str]], content: bytes, command: str
) -> None:
    run(command, ".yaml", content)


@st.composite
def nested(draw: st.DrawFn) -> tuple[str, bytes]:
    depth = draw(st.one_of(st.integers(1, 120), st.integers(120, 20_000)))
    style = draw(st.sampled_from(("json-list", "json-map", "flow", "block-map", "block-seq")))
    closed = draw(st.booleans())
    if style == "json-list":
        text = "[" * depth + ("]" * depth if closed else "")
    elif style == "json-map":
        text = '{"passwords": ' * depth + "1" + ("}" * depth if closed else "")
    elif style == "flow":
        text = "[{a: " * depth + ("}]" * depth if closed else "")
    elif style == "block-map":
        text = "".join(" " * i + f"k{i}:\n" for i in range(min(depth, 400)))
    else:
        text = "- " * depth + "x\n"
    prefix = draw(st.sampled_from(("", "passwords: ", '{"practice": "x", "lead": ', "id: ")))
    suffix = ".json" if style.startswith("json") else ".yaml"
    return suffix, (prefix + text).encode()


@settings(FUZZ, max_examples=400)
@given(command=commands, case=nested())
def test_deep_nesting(
    run: Callable[..., tuple[int, str]], command: str, case: tuple[str, bytes]
) -> None:
    suffix, content = case
    run(command, suffix, content)


@st.composite
def alias_bombs(draw: st.DrawFn) -> bytes:
    width = draw(st.integers(2, 12))
    depth = draw(st.integers(1, 12))
    key = draw(st.sampled_from(("passwords", "practice", "lead", "questions", "id", "lol")))
    lines = ["a0: &a0 [" + ", ".join(['"lol"'] * width) + "]"]
    for level in range(1, depth + 1):
        refs = ", ".join([f"*a{level - 1}"] * width)
        lines.append(f"a{level}: &a{level} [{refs}]")
    lines.append(f"{key}: *a{depth}")
    if draw(st.booleans()):
        lines.append(f"merged:\n  <<: *a{draw(st.integers(0, depth))}")
    return "\n".join(lines).encode() + b"\n"


@settings(FUZZ, max_examples=400)
@given(command=commands, content=alias_bombs())
def test_alias_bombs_are_refused_at_once(
    run: Callable[..., tuple[int, str]], command: str, content: bytes
) -> None:
    started = time.perf_counter()
    code, err = run(command, ".yaml", content)
    assert time.perf_counter() - started < 0.5
    assert code == 2 and "YAML aliases (*name) are not allowed" in err


@st.composite
def corrupted(draw: st.DrawFn) -> tuple[str, str, bytes]:
    """A valid file with invalid UTF-8, a control/bidi character, or an escape making one."""
    command = draw(st.sampled_from(COMMANDS))
    if command in ("referential", "diagnose-referential"):
        syntax, base, quoted = "yaml", REFERENTIAL_TEXT, b'version: "1.0.0'
    else:
        syntax = draw(syntaxes)
        good = (
            {"practice": "Cabinet"} if command == "protocol" else dict.fromkeys(QUESTION_IDS, "yes")
        )
        if syntax == "json":
            base = json.dumps(good).encode()
        else:
            base = "\n".join(f'{key}: "{value}"' for key, value in good.items()).encode()
        quoted = b'"Cabinet' if command == "protocol" else b'"yes'
    kind = draw(st.sampled_from(("byte", "char", "escape")))
    if kind == "byte":
        at = draw(st.integers(0, len(base)))
        insert = bytes([draw(st.integers(0x80, 0xFF))])
    elif kind == "char":
        at = draw(st.integers(0, len(base)))
        insert = draw(nasty_chars.filter(lambda c: c not in "\ufeff\u2028")).encode()
    else:
        at = base.index(quoted) + len(quoted)
        json_escapes = [b"\\u0000", b"\\u001b", b"\\u202e", b"\\ud800", b"\\u0085"]
        yaml_escapes = [b"\\0", b"\\e", b"\\x07", b"\\u202e", b"\\x85", b"\\N"]
        insert = draw(st.sampled_from(json_escapes if syntax == "json" else yaml_escapes))
    return command, "." + syntax, base[:at] + insert + base[at:]


@settings(FUZZ, max_examples=800)
@given(case=corrupted())
def test_invalid_text_is_refused(
    run: Callable[..., tuple[int, str]], case: tuple[str, str, bytes]
) -> None:
    code, err = run(*case)
    assert code == 2
    assert "UTF-8" in err or "character" in err, err
