"""Any text a member types gives a document: every script, emoji, unassigned code points,
combining marks and bidi controls (issue 8: one 👍 in the journal made every PDF a 500)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import os
import re
import sys
import unicodedata
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont  # type: ignore[import-untyped]
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from cyberdent.documents import text_safety
from cyberdent.documents.dossier_pdf import render_dossier_pdf
from cyberdent.documents.poster_pdf import render_poster_pdf
from cyberdent.documents.render import FONTS, shipped_fonts
from cyberdent.documents.report_pdf import render_report_pdf
from cyberdent.documents.text_safety import (
    REPLACEMENT,
    Coverage,
    font_coverage,
    printable,
    printable_data,
)
from cyberdent.domain.answers import parse_answers
from cyberdent.domain.assessment import assess
from cyberdent.domain.incident import (
    PARIS,
    IncidentKind,
    IncidentRecord,
    JournalRecord,
    PatientData,
    Risk,
    StepRecord,
    build_dossier,
)
from cyberdent.domain.loader import default_referential
from cyberdent.domain.protocol import (
    CrisisContacts,
    Insurer,
    ITProvider,
    Lead,
    Police,
    build_poster,
)
from cyberdent.domain.referential_models import Referential
from cyberdent.domain.report import build_report
from tests.conftest import QUESTION_IDS
from tests.documents.pdfcheck import (
    assert_tagged_pdf_ua,
    page_count,
    pdf_text,
    render_png,
    squash,
)

MOMENT = dt.datetime(2026, 11, 28, 10, 0, tzinfo=dt.UTC)
REF = default_referential()  # not the fixture: hypothesis would print it with each failure
EXAMPLES = int(os.environ.get("CYBERDENT_TEXT_EXAMPLES", "25"))

# What people type, and what breaks text layout: emoji (with skin tones, joiners, flags and
# tags), CJK, Thai, other scripts, full-width digits, combining marks, bidi controls,
# invisible characters, controls, private use, noncharacters, unassigned code points.
TRICKY = (
    "👍🦷🇫🇷👨‍👩‍👧🏽❤️☎️🏴󠁧󠁢󠁳󠁣󠁴󠁿1️⃣"
    "漢字한국어ひらがなカタカナไทยລາວខ្មែរမြန်မာ"
    "مرحباשלוםनमस्तेবাংলাதமிழ்ⴰⵣⵓⵍ"
    "１２ＡＢ"
    "\u0301\u0308\u0327\u20dd\u20e3\u0e31\u0e48\u094d\u064b\u05b7"
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
    "\u200b\u200c\u200d\u2060\ufe0e\ufe0f\U000e0067\U000e007f\U000e0100\u034f\u00ad\u180e"
    "\x00\x07\x1b\r\n\t\x85\u2028\u2029\ufeff"
    "\ue000\uf8ff\U000f0000\ufdd0\ufffe\uffff\U0001fffe\ufff0\U0001d173"
    "\u0378\U0003ffff\U000e0fff\U0010ffff"
    "#$*_`[]\\<>@=~/"
)
ANY_CHAR = st.one_of(
    st.characters(),  # every plane, assigned or not (surrogates aside)
    st.characters(categories=["Mn", "Mc", "Me", "Cf", "Cc", "Co", "Cn"]),
    st.sampled_from(TRICKY),
)
ANY_TEXT = st.text(ANY_CHAR, max_size=40)
# The contacts form refuses control characters and caps lengths; the poster has one page.
ONE_LINE = st.text(ANY_CHAR.filter(lambda c: ord(c) >= 32), max_size=30)


def assert_valid_pdf(pdf: bytes) -> None:
    assert pdf[:5] == b"%PDF-"
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) >= 1
    reader.pages[0].extract_text()  # the user's text is there (every page would take long)
    assert_tagged_pdf_ua(pdf)


def report_pdf(ref: Referential, practice: str) -> bytes:
    answers = parse_answers(ref, dict.fromkeys(QUESTION_IDS, "yes"))  # the shortest report
    report = build_report(ref, assess(ref, answers), practice_name=practice, date=MOMENT.date())
    return render_report_pdf(report, timestamp=MOMENT)


def poster_pdf(ref: Referential, texts: list[str]) -> bytes:
    t = iter(texts)
    contacts = CrisisContacts(
        practice=next(t),
        it_provider=ITProvider(name=next(t), phone=next(t), hours=next(t)),
        insurer=Insurer(name=next(t), contract=next(t), phone=next(t)),
        police=Police(name=next(t), address=next(t), phone=next(t)),
        lead=Lead(name=next(t), phone=next(t)),
    )
    return render_poster_pdf(build_poster(ref, contacts), timestamp=MOMENT)


def dossier_pdf(texts: list[str]) -> bytes:
    t = iter(texts)
    at = dt.datetime(2026, 3, 28, 22, 0, tzinfo=PARIS)
    record = IncidentRecord(
        kind=IncidentKind.RANSOMWARE,
        discovered_at=at,
        patient_data=PatientData.YES,
        steps=(StepRecord("isolate", at + dt.timedelta(minutes=20), next(t)),),
        journal=(
            JournalRecord(at + dt.timedelta(minutes=5), next(t), next(t)),
            JournalRecord(at + dt.timedelta(hours=1), next(t)),
        ),
        complaint_reference=next(t),
        affected_systems=next(t),
        contacted=next(t),
        practice_name=next(t),
        risk=Risk.HIGH,
        lessons_what_happened=next(t),
        lessons_what_would_help=next(t),
    )
    dossier = build_dossier(record, step_titles={"isolate": "Isolez les postes"}, now=MOMENT)
    return render_dossier_pdf(dossier, referential="test 1.0", portal_url="https://example.org")


@settings(max_examples=EXAMPLES, deadline=None)
@given(practice=ANY_TEXT)
def test_report_renders_any_practice_name(practice: str) -> None:
    assert_valid_pdf(report_pdf(REF, practice))


@settings(max_examples=EXAMPLES, deadline=None)
@given(texts=st.lists(ONE_LINE, min_size=12, max_size=12))
def test_poster_renders_any_contacts(texts: list[str]) -> None:
    assert_valid_pdf(poster_pdf(REF, texts))


@settings(max_examples=EXAMPLES, deadline=None)
@given(texts=st.lists(ANY_TEXT, min_size=11, max_size=11))
def test_dossier_renders_any_journal_and_fields(texts: list[str]) -> None:
    assert_valid_pdf(dossier_pdf(texts))


# --- The characters of the issue, one by one.

SAMPLES = {
    "thumbs up": "👍",
    "tooth": "🦷",
    "flag": "🇫🇷",
    "family": "👨‍👩‍👧",
    "chinese": "漢字",
    "korean": "한국어",
    "japanese": "ひらがな",
    "thai": "ไทย",
    "arabic": "مرحبا",
    "devanagari": "नमस्ते",
    "full-width digits": "１２",
    "unassigned": "\U0003ffff",
    "private use": "\ue000",
    "bidi override": "\u202eabc\u202c",
    "mark no font has with the emoji": "\u0591🐀\u0350",  # found by hypothesis
}


@pytest.mark.parametrize("text", SAMPLES.values(), ids=SAMPLES.keys())
def test_each_document_renders_each_sample(ref: Referential, text: str) -> None:
    for pdf in (
        report_pdf(ref, f"Cabinet {text}"),
        poster_pdf(ref, [f"Cabinet {text}"] * 12),
        dossier_pdf([f"Note {text}"] * 11),
    ):
        assert_valid_pdf(pdf)


def test_covered_scripts_reach_the_text_and_the_rest_shows_a_replacement(
    ref: Referential,
) -> None:
    # A screen reader (and copy-paste) gets the CJK, Korean, Thai and Arabic text back; what no
    # shipped font draws is a visible U+FFFD, never a failure.
    practice = "漢字 한국어 ไทย مرحبا 𓀀 \U0003ffff fin"
    expected = ("漢字", "한국어", "ไทย", "fin")
    for pdf in (
        report_pdf(ref, practice),
        poster_pdf(ref, [practice] + [""] * 11),
        dossier_pdf([""] * 7 + [practice] + [""] * 3),
    ):
        text = squash(pdf_text(pdf))
        for item in expected:
            assert item in text, item
        assert text.count(REPLACEMENT) >= 2  # the hieroglyph (no font) and the unassigned one
        assert "𓀀" not in text


def test_line_separators_keep_the_poster_on_one_page(ref: Referential) -> None:
    # The contacts form refuses ASCII controls only: U+2028, U+2029 and NEL get through.
    pdf = poster_pdf(ref, ["a\u2028b\u2029c\x85d" * 8] * 12)
    assert page_count(pdf) == 1
    assert "a b c d" in pdf_text(pdf)


def test_journal_emoji_no_longer_breaks_the_dossier(tmp_path: Path) -> None:
    pdf = dossier_pdf(["Dr 👍"] + ["Rançon 🦷 👍 🇫🇷 payée ? Non ! 漢字"] * 10)
    assert "Rançon" in pdf_text(pdf)
    assert len(render_png(pdf, tmp_path)) >= 1


# --- The sanitiser itself.


def covered() -> Coverage:
    return font_coverage(FONTS)


def test_fonts_cover_the_scripts_people_type() -> None:
    for text in SAMPLES["chinese"], "한국어", "ひらがなカタカナ", "ไทย", "مرحبا", "שלום", "नमस्ते":
        assert printable(text, covered()) == text
    for emoji in "👍", "🦷", "🇫🇷", "👨‍👩‍👧", "❤️", "👍🏽":
        assert printable(emoji, covered()) == emoji
    assert printable("１２", covered()) == "１２"


def test_uncovered_characters_become_a_visible_replacement() -> None:
    for char in "\U0003ffff", "\u0378", "\ue000", "\U000f0000", "\ufffe", "\ufdd0", "\ud800":
        assert printable(f"a{char}b", covered()) == f"a{REPLACEMENT}b", repr(char)


def test_controls_and_bidi_overrides_go_line_breaks_stay() -> None:
    assert printable("a\x00b\x07c\x1bd\ufeffe", covered()) == "abcde"
    assert printable("\u202eevil\u202c \u2067x\u2069", covered()) == "evil x"
    assert printable("\u200f\u200e\u061c", covered()) == "\u200f\u200e\u061c"  # marks stay
    assert printable("a\r\nb\rc\nd\x85e\u2028f\u2029g\th", covered()) == "a\nb\nc\nd\ne\nf\ng\th"


def test_joiners_and_variation_selectors_stay_for_emoji_and_scripts() -> None:
    for text in "👨\u200d👩\u200d👧", "❤\ufe0f", "می\u200cخواهم", "क्\u200dष", "a\u00adb":
        assert printable(text, covered()) == text


def test_a_cluster_needs_one_font_for_its_base_and_marks() -> None:
    # U+0350 exists in Noto Sans only, the rat in the emoji font only: typst failed on both.
    assert printable("\u0591🐀\u0350", covered()) == f"\u0591🐀{REPLACEMENT}"
    assert printable("a🏽 👍🏽", covered()) == f"a{REPLACEMENT} 👍🏽"
    assert printable("a\u200d👍 x\u200d", covered()) == "a👍 x"  # nothing to join
    assert printable("a\u200d\u200d👍 x\u200d\u200d", covered()) == "a👍 x"
    assert printable("\u0301x 漢\u0301 é\u0301", covered()) == "\u0301x 漢\u0301 é\u0301"


@settings(max_examples=300, deadline=None)
@given(text=st.text(ANY_CHAR, max_size=20))
def test_the_plain_text_shortcut_changes_nothing(text: str) -> None:
    # Every character through the rules.
    careful = dataclasses.replace(covered(), not_plain=re.compile(r"(?s:.)"))
    assert printable(text, covered()) == printable(text, careful)
    assert printable(printable(text, covered()), covered()) == printable(text, covered())


def test_the_compact_coverage_is_each_font_s_character_map() -> None:
    fonts: dict[int, int] = {}
    paths = sorted(p for p in FONTS.iterdir() if p.suffix in (".ttf", ".otf"))
    for index, path in enumerate(paths):
        with TTFont(path, lazy=True) as font:
            for cp, glyph in (font.getBestCmap() or {}).items():
                if font.getGlyphID(glyph) != 0:
                    fonts[cp] = fonts.get(cp, 0) | 1 << index
    coverage = covered()
    assert all(coverage.fonts_of(cp) == fonts.get(cp, 0) for cp in range(sys.maxunicode + 1))
    plain = {cp for cp in fonts if unicodedata.category(chr(cp))[0] not in "MC"}
    for cp in range(sys.maxunicode + 1):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        in_plain = cp in plain and unicodedata.category(chr(cp)) not in ("Zl", "Zp")
        in_plain = (in_plain and not 0x1F3FB <= cp <= 0x1F3FF) or chr(cp) in "\t\n"
        assert (coverage.not_plain.search(chr(cp)) is None) == in_plain, hex(cp)


def test_the_coverage_file_is_current() -> None:
    # Else: .venv/bin/python -m cyberdent.documents.text_safety
    header, *lines = (FONTS / text_safety.COVERAGE_FILE).read_text().splitlines()
    assert header == text_safety._fingerprint(FONTS)
    starts, masks = text_safety._read_character_maps(FONTS)
    assert lines == [f"{start:x} {mask:x}" for start, mask in zip(starts, masks, strict=True)]


def test_fonts_unlike_the_coverage_file_are_read_themselves(tmp_path: Path) -> None:
    (tmp_path / "DejaVuSansMono.ttf").write_bytes((FONTS / "DejaVuSansMono.ttf").read_bytes())
    (tmp_path / text_safety.COVERAGE_FILE).write_text('[["DejaVuSansMono.ttf", 1]]\n0 1\n')
    coverage = text_safety.font_coverage(tmp_path)
    assert coverage.fonts_of(ord("A")) == 1
    assert coverage.fonts_of(ord("漢")) == 0


def test_printable_data_walks_the_whole_structure() -> None:
    data = {"a": ["x\U0003ffff", {"b": ("\u202ey",)}], "n": 3, "f": 1.5, "t": True, "z": None}
    assert printable_data(data, covered()) == {
        "a": [f"x{REPLACEMENT}", {"b": ["y"]}],
        "n": 3,
        "f": 1.5,
        "t": True,
        "z": None,
    }


def test_only_the_shipped_fonts_are_used_and_the_templates_name_them() -> None:
    fonts = shipped_fonts().fonts()
    assert {Path(f.path).parent for f in fonts if f.path} == {FONTS}
    assert all(f.path for f in fonts)  # neither typst's embedded fonts nor the system's
    common = (FONTS.parent / "templates" / "common.typ").read_text()
    listed = re.findall(r'"([^"]+)"', common[common.index("#let fonts") :].split(")")[0])
    assert set(listed) == set(shipped_fonts().families())
