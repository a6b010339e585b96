"""Compile the typst templates into PDF/UA-1 documents, deterministically.

Per-process state, built once: the index of the shipped fonts (`typst.Fonts`), the fonts'
character coverage (text_safety.py) and, per thread, one `typst.Compiler` kept between compiles.
The data reach the template as a file, `data.json` beside it, and not through `sys.inputs`:
typst rebuilds its standard library whenever the inputs change, and every result it memoised
depends on that library, so each compile started from nothing. With the inputs fixed, what one
document shares with the previous ones (the same questions, actions, styles) is laid out once:
the report takes about a third of the time it took (bench/bench_pdf_compare.py).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
import threading
from pathlib import Path
from typing import Any

import typst

from cyberdent.documents.text_safety import font_coverage, printable_data

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
FONTS = HERE / "fonts"
# The names the template and its data have in typst's project (the folder TEMPLATES): the
# template is the main file, and it reads its data with `json("data.json")`.
MAIN = "main.typ"
DATA = "data.json"


class DocumentError(Exception):
    """typst refused to compile: a bug in a template, never the user's text."""


class UnexpectedPdf(ValueError):
    """`page_count` cannot read this PDF: not one written as typst writes them."""


@functools.cache
def shipped_fonts() -> typst.Fonts:
    """The fonts of `FONTS` only (neither the system's nor typst's embedded ones), read once per
    process: every character they cover is one `printable_data` keeps."""
    return typst.Fonts(
        include_system_fonts=False, include_embedded_fonts=False, font_paths=[str(FONTS)]
    )


@functools.cache
def template_source(template: str) -> bytes:
    return (TEMPLATES / template).read_bytes()


_local = threading.local()


def compiler() -> typst.Compiler:
    """This thread's compiler: a `typst.Compiler` may serve one compile at a time, and a thread
    runs one at a time; each keeps its files between compiles (typst's memoised results are
    shared by the whole process)."""
    found: typst.Compiler | None = getattr(_local, "compiler", None)
    if found is None:
        found = typst.Compiler(
            root=str(TEMPLATES), font_paths=shipped_fonts(), ignore_system_fonts=True
        )
        _local.compiler = found
    return found


def warm_up() -> None:
    """Do the once-per-process work of the first document before it is asked for: index the
    fonts, read their coverage, read the templates and make this thread's compiler.

    Fork-safe, made to run in a server's parent process before it forks its workers (gunicorn
    --preload): it compiles nothing. typst lays out on a pool of threads (rayon) that it starts
    at the first compile; a process forked after that has the pool's bookkeeping but not its
    threads, and its first compile waits for them forever (tests/documents/test_render.py).
    """
    shipped_fonts()
    font_coverage(FONTS)
    for template in TEMPLATES.glob("*.typ"):
        template_source(template.name)
    compiler()


# The end of a PDF as typst writes it (krilla: one classic cross-reference table, no object
# streams, no incremental update): where the table starts, then which object is the catalogue.
STARTXREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*\Z")
XREF_SECTION = re.compile(rb"\s*(\d+) (\d+)[ \t]*\r?\n")
ROOT = re.compile(rb"/Root\s*(\d+)\s+0\s+R")
PAGES = re.compile(rb"/Pages\s*(\d+)\s+0\s+R")
COUNT = re.compile(rb"/Count\s*(\d+)")
XREF_ENTRY = 20  # "0000012345 00000 n\r\n"


def page_count(pdf: bytes) -> int:
    """The number of pages of a PDF that typst made, read from its page tree (the /Count of the
    catalogue's /Pages), each object found at the offset its cross-reference entry gives.

    Not a search for "/Type /Page" through the file: the title, with the practice's name, is
    written uncompressed in the XMP metadata, so a practice named "/Type/Page" would count as a
    page. The objects read here hold no user text. A PDF of another shape raises UnexpectedPdf
    (tests/documents/test_render.py would show it after a typst upgrade).
    """
    end = STARTXREF.search(pdf, max(0, len(pdf) - 64))
    if end is None:
        raise UnexpectedPdf("no startxref at the end of the PDF")
    xref = int(end.group(1))
    trailer = pdf.find(b"trailer", xref, end.start())
    if not pdf.startswith(b"xref", xref) or trailer < 0:
        raise UnexpectedPdf("no cross-reference table where startxref points")
    offsets = _xref_offsets(pdf, xref + len(b"xref"), trailer)
    catalog = _object(pdf, offsets, _reference(ROOT, pdf[trailer : end.start()]))
    tree = _object(pdf, offsets, _reference(PAGES, catalog))
    if b"/Type/Pages" not in tree.replace(b" ", b""):
        raise UnexpectedPdf("the catalogue's /Pages is not a page tree")
    return _reference(COUNT, tree)


def _reference(pattern: re.Pattern[bytes], text: bytes) -> int:
    found = pattern.search(text)
    if found is None:
        raise UnexpectedPdf(f"{pattern.pattern!r} not found")
    return int(found.group(1))


def _xref_offsets(pdf: bytes, start: int, stop: int) -> dict[int, int]:
    """Object number -> byte offset, for the objects in use ("n") of each subsection."""
    offsets: dict[int, int] = {}
    at = start
    while True:
        header = XREF_SECTION.match(pdf, at, stop)
        if header is None:
            break
        first, count = int(header.group(1)), int(header.group(2))
        at = header.end()
        if at + count * XREF_ENTRY > stop:
            raise UnexpectedPdf("a cross-reference subsection runs past the trailer")
        for number in range(first, first + count):
            entry = pdf[at : at + XREF_ENTRY]
            if entry[17:18] == b"n" and entry[:10].isdigit():
                offsets[number] = int(entry[:10])
            at += XREF_ENTRY
    return offsets


def _object(pdf: bytes, offsets: dict[int, int], number: int) -> bytes:
    at = offsets.get(number)
    end = -1 if at is None else pdf.find(b"endobj", at)
    if at is None or end < 0 or not pdf.startswith(b"%d 0 obj" % number, at):
        raise UnexpectedPdf(f"object {number} is not where the cross-reference table says")
    return pdf[at:end]


def compile_pdf(template: str, data: dict[str, Any], *, timestamp: dt.datetime) -> bytes:
    """Render `template` with `data` (the file data.json beside it) to a tagged PDF/UA-1.

    Every string of `data` is first made printable by the shipped fonts (a character none of
    them has becomes U+FFFD). Only the shipped fonts are used, and the creation date is the given
    timestamp, so the same input gives the same bytes on every machine.
    """
    safe = printable_data(data, font_coverage(FONTS))
    files = {
        MAIN: template_source(template),
        DATA: json.dumps(safe, ensure_ascii=False).encode(),
    }
    try:
        pdf: bytes = compiler().compile(
            input=files,
            pdf_standards=["ua-1"],
            # typst takes whole seconds only.
            timestamp=timestamp.replace(microsecond=0),
        )
    except typst.TypstError as exc:
        raise DocumentError(f"{template}: {exc}") from exc
    return pdf
