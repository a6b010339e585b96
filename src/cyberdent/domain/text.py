"""Free text typed by people: what the product keeps of it.

Bidi controls (the "Trojan Source" trick, CVE-2021-42574): an override such as U+202E RIGHT-TO-LEFT
OVERRIDE, typed inside a practice name or a journal entry, displays the rest of the text reversed
in the team list, the audit log or the PDF, so what people read is not what was typed. The
embedding, override and isolate controls are removed silently:

- they are invisible, so refusing them would ask people to delete a character they cannot see;
- no field of this product needs them: browsers and the PDF renderer already lay out Arabic or
  Hebrew text correctly from the letters themselves.

The marks U+200E LEFT-TO-RIGHT MARK, U+200F RIGHT-TO-LEFT MARK and U+061C ARABIC LETTER MARK are
kept: they open no embedding, so they cannot reverse letters or spill over onto the text around
them (at most they move a neighbouring punctuation mark), and text pasted from an Arabic or Hebrew
document legitimately carries them, e.g. beside a phone number.
"""

from __future__ import annotations

# LRE, RLE, PDF, LRO, RLO (U+202A–U+202E) and LRI, RLI, FSI, PDI (U+2066–U+2069).
BIDI_CONTROLS = frozenset(
    [chr(code) for code in range(0x202A, 0x202E + 1)]
    + [chr(code) for code in range(0x2066, 0x2069 + 1)]
)
_REMOVE_BIDI_CONTROLS: dict[int, None] = dict.fromkeys(ord(ch) for ch in BIDI_CONTROLS)


def strip_bidi_controls(text: str) -> str:
    """The text without its bidi embedding, override and isolate controls; the rest unchanged."""
    return text.translate(_REMOVE_BIDI_CONTROLS)
