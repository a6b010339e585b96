"""Compile the typst templates into PDF/UA-1 documents, deterministically."""

from __future__ import annotations

import datetime as dt
import functools
import json
from pathlib import Path
from typing import Any

import typst

from cyberdent.documents.text_safety import font_coverage, printable_data

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
FONTS = HERE / "fonts"


class DocumentError(Exception):
    """typst refused to compile: a bug in a template, never the user's text."""


@functools.cache
def shipped_fonts() -> typst.Fonts:
    """The fonts of `FONTS` only (neither the system's nor typst's embedded ones), read once per
    process: every character they cover is one `printable_data` keeps."""
    return typst.Fonts(
        include_system_fonts=False, include_embedded_fonts=False, font_paths=[str(FONTS)]
    )


def compile_pdf(template: str, data: dict[str, Any], *, timestamp: dt.datetime) -> bytes:
    """Render `template` with `data` (passed as JSON in sys.inputs) to a tagged PDF/UA-1.

    Every string of `data` is first made printable by the shipped fonts (a character none of
    them has becomes U+FFFD). Only the shipped fonts are used, and the creation date is the given
    timestamp, so the same input gives the same bytes on every machine.
    """
    safe = printable_data(data, font_coverage(FONTS))
    try:
        pdf: bytes = typst.compile(
            str(TEMPLATES / template),
            root=str(TEMPLATES),
            font_paths=shipped_fonts(),
            ignore_system_fonts=True,
            sys_inputs={"data": json.dumps(safe, ensure_ascii=False)},
            pdf_standards=["ua-1"],
            # typst takes whole seconds only.
            timestamp=timestamp.replace(microsecond=0),
        )
    except typst.TypstError as exc:
        raise DocumentError(f"{template}: {exc}") from exc
    return pdf
