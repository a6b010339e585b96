"""Bidi controls are removed from free text; everything else is kept as typed."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cyberdent.domain.text import BIDI_CONTROLS, strip_bidi_controls

CONTROLS = [chr(code) for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))]
# Characters the rule must keep: the marks, Arabic and Hebrew letters, French typography.
KEPT = "\u200e\u200f\u061c\u202f\u00a0\u2065\u206a«»éà\u0627\u05d0"


def test_the_nine_controls_and_only_them() -> None:
    assert sorted(BIDI_CONTROLS) == CONTROLS


@pytest.mark.parametrize("control", CONTROLS, ids=lambda c: f"U+{ord(c):04X}")
def test_each_control_is_removed(control: str) -> None:
    assert strip_bidi_controls(f"Cabinet {control}sucric{control} des Lilas") == (
        "Cabinet sucric des Lilas"
    )


def test_marks_and_right_to_left_letters_are_kept() -> None:
    assert strip_bidi_controls(KEPT) == KEPT


@given(st.text(alphabet=st.sampled_from([*CONTROLS, *KEPT, "a", " ", "\n"])))
def test_output_never_holds_a_control(text: str) -> None:
    assert not BIDI_CONTROLS & set(strip_bidi_controls(text))


@given(st.text())
def test_output_is_the_input_minus_the_controls(text: str) -> None:
    assert strip_bidi_controls(text) == "".join(ch for ch in text if ch not in BIDI_CONTROLS)


@given(st.text().filter(lambda t: not BIDI_CONTROLS & set(t)))
def test_text_without_controls_is_unchanged(text: str) -> None:
    assert strip_bidi_controls(text) == text
