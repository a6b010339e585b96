"""French typography: U+202F before ; : ! ? and inside « », typographic apostrophes."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cyberdent.domain.french import NNBSP, typography

N = NNBSP


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Qui s'en occupe ?", f"Qui s’en occupe{N}?"),
        ("Attention : débranchez", f"Attention{N}: débranchez"),
        ("Attention: débranchez", f"Attention{N}: débranchez"),
        ("Vite !", f"Vite{N}!"),
        ("Vite!", f"Vite{N}!"),
        ("un ; deux", f"un{N}; deux"),
        ("« Tout de suite »", f"«{N}Tout de suite{N}»"),
        ("«Tout de suite»", f"«{N}Tout de suite{N}»"),
        ("le cabinet « x » ?", f"le cabinet «{N}x{N}»{N}?"),
        ("l'équipe, aujourd'hui, n'est", "l’équipe, aujourd’hui, n’est"),
        ("Quoi ?!", f"Quoi{N}?!"),
        ("Avant\u00a0:", f"Avant{N}:"),
        ("Fin :\nsuite", f"Fin{N}:\nsuite"),
    ],
)
def test_examples(text: str, expected: str) -> None:
    assert typography(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "https://cyber.gouv.fr/a?b=1&c=2",
        "mailto:contact@example.fr",
        "rendez-vous à 14:30",
        "8/11 questions",
        "a::b",
        "x :: y",
        "if a != b",
        "'quoted' ou ' seul",
        "",
        "14 h 30",
        "tel:+33467697528",
        "a &amp; b &#x27;c&#8239; ",
    ],
)
def test_left_alone(text: str) -> None:
    assert typography(text) == text


def test_apostrophe_only_between_letters() -> None:
    assert typography("'a' 1'2 l'a") == "'a' 1'2 l’a"


@given(st.text(alphabet=st.sampled_from(list("ab1 :;!?«»'’/\n\u00a0\u202f.)é"))))
def test_idempotent(text: str) -> None:
    once = typography(text)
    assert typography(once) == once


@given(st.text())
def test_idempotent_any_text(text: str) -> None:
    once = typography(text)
    assert typography(once) == once


def _plain_typography(text: str) -> str:
    """typography() as it was written first: each pattern led by its lookbehind, run on every
    string. The fast version (sign first, skipped when absent) must give the same text."""
    import re

    from cyberdent.domain import french

    before, placeholder, letter = french._BEFORE, french._PLACEHOLDER, french._LETTER
    glued = re.compile(rf"(?<={before})([;:!?])(?=\s|$|[»)\]\"’.,{placeholder}])")
    apostrophe = re.compile(rf"(?<={letter})'(?={letter})")
    text = french._SPACE_BEFORE.sub(N, text)
    text = glued.sub(french._glued_sign, text)
    text = french._OPEN_QUOTE.sub("«" + N, text)
    text = french._CLOSE_QUOTE.sub(N + "»", text)
    return apostrophe.sub("’", text)


SIGNS_AND_NEIGHBOURS = list("ab1_ '’;:!?«»\"%€°…✓✗)](/=&#.,\t\n\r\u00a0\u202f\ue000é-")


@given(st.text(alphabet=st.sampled_from(SIGNS_AND_NEIGHBOURS)) | st.text())
def test_same_as_plain_version(text: str) -> None:
    assert typography(text) == _plain_typography(text)


def test_referential_same_as_plain_version() -> None:
    import yaml

    from cyberdent.domain.referential_paths import REFERENTIAL_DIR

    def strings(value: object) -> list[str]:
        if isinstance(value, str):
            return [value]
        if isinstance(value, dict):
            return [s for item in value.values() for s in strings(item)]
        if isinstance(value, list):
            return [s for item in value for s in strings(item)]
        return []

    for path in REFERENTIAL_DIR.glob("*.yaml"):
        for text in strings(yaml.safe_load(path.read_text(encoding="utf-8"))):
            assert typography(text) == _plain_typography(text)
