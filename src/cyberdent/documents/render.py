"""Compile the typst templates into PDF/UA-1 documents, deterministically."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import typst

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
FONTS = HERE / "fonts"


class DocumentError(Exception):
    """typst refused to compile: a bug in a template, never the user's text."""


def compile_pdf(template: str, data: dict[str, Any], *, timestamp: dt.datetime) -> bytes:
    """Render `template` with `data` (passed as JSON in sys.inputs) to a tagged PDF/UA-1.

    Only the shipped fonts are used (system fonts ignored), and the creation date is the given
    timestamp, so the same input gives the same bytes on every machine.
    """
    try:
        pdf: bytes = typst.compile(
            str(TEMPLATES / template),
            root=str(TEMPLATES),
            font_paths=[str(FONTS)],
            ignore_system_fonts=True,
            sys_inputs={"data": json.dumps(data, ensure_ascii=False)},
            pdf_standards=["ua-1"],
            # typst takes whole seconds only.
            timestamp=timestamp.replace(microsecond=0),
        )
    except typst.TypstError as exc:
        raise DocumentError(f"{template}: {exc}") from exc
    return pdf
