"""Make user text printable by the shipped fonts before typst sees it.

A PDF/UA-1 document may not hold a glyph that no font draws: typst refuses to compile, and one
member typing a character the fonts lack would make every document of the practice fail. So
every string of the data passes `printable_data` first:

- a character that no shipped font covers (unassigned code points, scripts we do not ship, private
  use, lone surrogates) becomes U+FFFD « � », visible, so the reader sees something was there;
- control characters go, except the line feed and the tab (a carriage return or a Unicode line
  separator becomes a line feed);
- the bidi embedding, override and isolate controls go, as in every form (domain.text: a name
  could otherwise show the text around it reversed); U+FEFF goes too (PDF/UA forbids it in text);
- the other default-ignorable characters (the marks LRM, RLM and ALM, zero-width joiner and
  non-joiner, variation selectors, emoji tag characters) stay: the shaper hides them when no
  font draws them, and they build emoji sequences (👨‍👩‍👧, ❤️, 🏴 flags), Persian words and
  Indic conjuncts.

Coverage is read once per process from the fonts' character maps (fontTools).
"""

from __future__ import annotations

import functools
import unicodedata
from pathlib import Path
from typing import Any

from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

from cyberdent.domain.text import BIDI_CONTROLS

REPLACEMENT = "\ufffd"
FONT_SUFFIXES = frozenset({".ttf", ".otf"})

# Zero-width no-break space (byte-order mark): PDF/UA forbids it in text, even where a font has it.
BOM = 0xFEFF
LINE_BREAKS = frozenset({"\r", "\x85", "\u2028", "\u2029"})


def _default_ignorable(cp: int) -> bool:
    """The code points HarfBuzz (typst's shaper) hides when no font draws them, so they never
    make a missing glyph (the list of hb_unicode_funcs_t::is_default_ignorable)."""
    return (
        cp in (0x00AD, 0x034F, 0x061C)
        or 0x17B4 <= cp <= 0x17B5
        or 0x180B <= cp <= 0x180E
        or 0x200B <= cp <= 0x200F
        or 0x202A <= cp <= 0x202E
        or 0x2060 <= cp <= 0x206F
        or 0xFE00 <= cp <= 0xFE0F
        or 0xFFF0 <= cp <= 0xFFF8
        or 0x1D173 <= cp <= 0x1D17A
        or 0xE0000 <= cp <= 0xE0FFF
    ) and cp != 0xFEFF


@functools.cache
def covered_code_points(folder: Path) -> frozenset[int]:
    """Every code point some font file of `folder` maps to a glyph."""
    covered: set[int] = set()
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() in FONT_SUFFIXES:
            with TTFont(path, lazy=True) as font:
                covered.update(font.getBestCmap() or {})
    return frozenset(covered)


def printable(text: str, covered: frozenset[int]) -> str:
    """`text` with only characters the fonts can show (see the module's docstring)."""
    out: list[str] = []
    previous = ""
    for char in text:
        cp = ord(char)
        if char == "\n":
            if previous != "\r":  # a Windows line end is one line break
                out.append(char)
        elif char == "\t":
            out.append(char)
        elif char in LINE_BREAKS:
            out.append("\n")
        elif char in BIDI_CONTROLS or cp == BOM:
            pass
        elif 0xFDD0 <= cp <= 0xFDEF or cp & 0xFFFE == 0xFFFE:
            out.append(REPLACEMENT)  # a noncharacter
        else:
            category = unicodedata.category(char)
            if category == "Cc":
                pass
            elif category in ("Cs", "Co"):
                # A lone surrogate cannot even be encoded; a private-use character means
                # something only to its author's font.
                out.append(REPLACEMENT)
            elif cp in covered or _default_ignorable(cp):
                out.append(char)
            else:
                out.append(REPLACEMENT)
        previous = char
    return "".join(out)


def printable_data(data: Any, covered: frozenset[int]) -> Any:
    """`data` (JSON-like: dicts, lists, tuples, strings, numbers) with every string made
    printable. Dictionary keys are the templates' own names and stay as they are."""
    if isinstance(data, str):
        return printable(data, covered)
    if isinstance(data, dict):
        return {key: printable_data(value, covered) for key, value in data.items()}
    if isinstance(data, list | tuple):
        return [printable_data(item, covered) for item in data]
    return data
