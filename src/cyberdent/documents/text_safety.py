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

Coverage is read once per process from the fonts' character maps (fontTools), font by font:
a cluster (a character and its combining marks) must have one font for all of it.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

from cyberdent.domain.text import BIDI_CONTROLS

REPLACEMENT = "\ufffd"
FONT_SUFFIXES = frozenset({".ttf", ".otf"})

# Zero-width no-break space (byte-order mark): PDF/UA forbids it in text, even where a font has it.
BOM = 0xFEFF
ZWJ = "\u200d"
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


@dataclass(frozen=True)
class Coverage:
    """What the shipped fonts draw: for each code point, the set of fonts that map it (bit i:
    the i-th font file in name order); and the characters that need no care in any context
    (drawn by some font, neither a mark, a control, an invisible nor a line separator)."""

    fonts: Mapping[int, int]
    plain: frozenset[str]


@functools.cache
def font_coverage(folder: Path) -> Coverage:
    """The coverage of the font files of `folder`, read once per process."""
    fonts: dict[int, int] = {}
    paths = sorted(p for p in folder.iterdir() if p.suffix.lower() in FONT_SUFFIXES)
    for index, path in enumerate(paths):
        with TTFont(path, lazy=True) as font:
            # Glyph numbers for names: reading the real names of the CJK font's 65,000 glyphs
            # would double the time; a code point mapped to glyph 0 (.notdef) is not covered.
            font.setGlyphOrder([f"g{i}" for i in range(font["maxp"].numGlyphs)])
            for cp, glyph in (font.getBestCmap() or {}).items():
                if glyph != "g0":
                    fonts[cp] = fonts.get(cp, 0) | 1 << index
    # Marks (M*), controls, invisibles, private use and unassigned (C*: every default-ignorable
    # and noncharacter is one of them), line separators (Zl, Zp) and skin tones need the rules.
    category = unicodedata.category
    plain = {
        char
        for char in map(chr, fonts)
        if category(char)[0] not in "MC"
        and category(char) not in ("Zl", "Zp")
        and not 0x1F3FB <= ord(char) <= 0x1F3FF
    }
    return Coverage(MappingProxyType(fonts), frozenset(plain | {"\n", "\t"}))


def _continues_cluster(cp: int, category: str) -> bool:
    """A combining mark or an emoji skin tone: the shaper draws it with the character before it
    (HarfBuzz's clusters), so one font must have both."""
    return category in ("Mn", "Mc", "Me") or 0x1F3FB <= cp <= 0x1F3FF


def printable(text: str, coverage: Coverage) -> str:
    """`text` with only characters the fonts can show (see the module's docstring).

    Beyond each character having a font, each cluster (a character and the marks that follow
    it) must have one font for all of it, or typst cannot draw it: a mark that no font of its
    base character has becomes U+FFFD too (a tone on a letter, U+0350 on an emoji), and a
    zero-width joiner between two characters no one font draws together is dropped.
    """
    if coverage.plain.issuperset(text):
        return text  # most text: Latin letters, digits, punctuation, spaces
    fonts_of = coverage.fonts
    space = fonts_of.get(0x20, 0)
    replacement = fonts_of.get(ord(REPLACEMENT), 0)
    out: list[str] = []
    cluster = space  # the fonts that draw the cluster being built (at the start: a space)
    previous = ""
    for char in text:
        cp = ord(char)
        if char == "\n":
            if previous != "\r":  # a Windows line end is one line break
                out.append(char)
            cluster = space
        elif char == "\t":
            out.append(char)
            cluster = space
        elif char in LINE_BREAKS:
            out.append("\n")
            cluster = space
        elif char in BIDI_CONTROLS or cp == BOM:
            pass
        else:
            category = unicodedata.category(char)
            fonts = fonts_of.get(cp, 0)
            if category == "Cc":
                pass
            elif category in ("Cs", "Co") or _noncharacter(cp):
                # A lone surrogate cannot even be encoded; a private-use character means
                # something only to its author's font.
                out.append(REPLACEMENT)
                cluster = replacement
            elif _default_ignorable(cp):
                out.append(char)  # hidden wherever no font has it: no constraint
            elif _continues_cluster(cp, category):
                if cluster & fonts:
                    out.append(char)
                    cluster &= fonts
                else:
                    out.append(REPLACEMENT)
                    cluster = replacement
            elif not fonts:
                out.append(REPLACEMENT)
                cluster = replacement
            elif out and out[-1] == ZWJ:
                # After a joiner the shaper may draw both characters as one (an emoji
                # sequence, an Indic conjunct): keep the joiner only where one font has both.
                if cluster & fonts:
                    cluster &= fonts
                else:
                    while out and out[-1] == ZWJ:
                        out.pop()
                    cluster = fonts
                out.append(char)
            else:
                out.append(char)
                cluster = fonts
        previous = char
    while out and out[-1] == ZWJ:
        out.pop()  # it would join whatever the template puts next
    return "".join(out)


def _noncharacter(cp: int) -> bool:
    return 0xFDD0 <= cp <= 0xFDEF or cp & 0xFFFE == 0xFFFE


def printable_data(data: Any, coverage: Coverage) -> Any:
    """`data` (JSON-like: dicts, lists, tuples, strings, numbers) with every string made
    printable. Dictionary keys are the templates' own names and stay as they are."""
    if isinstance(data, str):
        return printable(data, coverage)
    if isinstance(data, dict):
        return {key: printable_data(value, coverage) for key, value in data.items()}
    if isinstance(data, list | tuple):
        return [printable_data(item, coverage) for item in data]
    return data
