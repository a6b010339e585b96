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

Coverage is read once per process from the fonts' character maps (fontTools), font by font, or
from the file coverage.txt beside them that holds the same: a cluster (a character and its
combining marks) must have one font for all of it.
"""

from __future__ import annotations

import bisect
import functools
import json
import re
import sys
import unicodedata
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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
    """What the shipped fonts draw, compactly (about 0.5 MB instead of the 23 MB of a dict and a
    set with one entry per code point):

    - `starts` and `masks`: the code points cut into runs that the same fonts draw; the run that
      starts at starts[i] is drawn by the fonts of masks[i] (bit k: the k-th font file in name
      order; 0: none), up to the next start;
    - `not_plain`: matches a character that needs the rules below: one no font draws, a mark, a
      control, an invisible, a line separator or a skin tone. Text it does not match (most
      text: Latin letters, digits, punctuation, spaces) is printable as it is."""

    starts: Sequence[int]
    masks: Sequence[int]
    not_plain: re.Pattern[str]

    def fonts_of(self, cp: int) -> int:
        return self.masks[bisect.bisect_right(self.starts, cp) - 1]


def _runs(cps: Iterable[int]) -> list[tuple[int, int]]:
    """Sorted code points as runs [first, last + 1)."""
    runs: list[tuple[int, int]] = []
    for cp in sorted(cps):
        if runs and runs[-1][1] == cp:
            runs[-1] = (runs[-1][0], cp + 1)
        else:
            runs.append((cp, cp + 1))
    return runs


def _needs_no_rule(cp: int) -> bool:
    category = unicodedata.category(chr(cp))
    return category[0] not in "MC" and category not in ("Zl", "Zp") and not 0x1F3FB <= cp <= 0x1F3FF


COVERAGE_FILE = "coverage.txt"


def _font_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in FONT_SUFFIXES)


def _fingerprint(folder: Path) -> str:
    """Which font files, of which sizes: what the coverage file was computed from."""
    return json.dumps([[p.name, p.stat().st_size] for p in _font_files(folder)])


@functools.cache
def font_coverage(folder: Path) -> Coverage:
    """The coverage of the font files of `folder`, once per process: from the file COVERAGE_FILE
    beside them (about 20 ms) when it was computed from these very files, else from the fonts'
    character maps (about 0.3 s and 20 MB of memory that the process keeps; the CJK font is most
    of it). `python -m cyberdent.documents.text_safety` writes the file again after a change of
    fonts (a test checks that it is current)."""
    saved = folder / COVERAGE_FILE
    if saved.exists():
        header, *lines = saved.read_text(encoding="ascii").splitlines()
        if header == _fingerprint(folder):
            runs = [line.split() for line in lines]
            return _coverage([int(a, 16) for a, _ in runs], [int(b, 16) for _, b in runs])
    return _coverage(*_read_character_maps(folder))


def write_coverage_file(folder: Path) -> Path:
    starts, masks = _read_character_maps(folder)
    runs = "".join(f"{start:x} {mask:x}\n" for start, mask in zip(starts, masks, strict=True))
    path = folder / COVERAGE_FILE
    path.write_text(_fingerprint(folder) + "\n" + runs, encoding="ascii")
    return path


def _read_character_maps(folder: Path) -> tuple[list[int], list[int]]:
    """Runs of code points drawn by the same fonts: (starts, masks), read with fontTools."""
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

    # Each font's runs toggle its bit on at their start and off at their end.
    toggles: dict[int, int] = {0: 0}
    for index, path in enumerate(_font_files(folder)):
        with TTFont(path, lazy=True) as font:
            # Glyph numbers for names: reading the real names of the CJK font's 65,000 glyphs
            # would double the time; a code point mapped to glyph 0 (.notdef) is not covered.
            font.setGlyphOrder([f"g{i}" for i in range(font["maxp"].numGlyphs)])
            cmap = font.getBestCmap() or {}
            for first, end in _runs(cp for cp, glyph in cmap.items() if glyph != "g0"):
                toggles[first] = toggles.get(first, 0) ^ 1 << index
                toggles[end] = toggles.get(end, 0) ^ 1 << index
    starts: list[int] = []
    masks: list[int] = []
    mask = 0
    for cp in sorted(toggles):
        mask ^= toggles[cp]
        if not masks or masks[-1] != mask:
            starts.append(cp)
            masks.append(mask)
    return starts, masks


def _coverage(starts: list[int], masks: list[int]) -> Coverage:
    # Marks (M*), controls, invisibles, private use and unassigned (C*: every default-ignorable
    # and noncharacter is one of them), line separators (Zl, Zp) and skin tones need the rules.
    plain = [ord("\t"), ord("\n")]
    for i, start in enumerate(starts):
        if masks[i]:
            end = starts[i + 1] if i + 1 < len(starts) else sys.maxunicode + 1
            plain.extend(cp for cp in range(start, end) if _needs_no_rule(cp))
    ranges = "".join(
        re.escape(chr(first)) + ("" if end == first + 1 else "-" + re.escape(chr(end - 1)))
        for first, end in _runs(plain)
    )
    return Coverage(array("L", starts), tuple(masks), re.compile(f"[^{ranges}]"))


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
    if coverage.not_plain.search(text) is None:
        return text  # most text: Latin letters, digits, punctuation, spaces
    fonts_of = coverage.fonts_of
    space = fonts_of(0x20)
    replacement = fonts_of(ord(REPLACEMENT))
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
            fonts = fonts_of(cp)
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


if __name__ == "__main__":
    from cyberdent.documents.render import FONTS

    print(f"written: {write_coverage_file(FONTS)}")
