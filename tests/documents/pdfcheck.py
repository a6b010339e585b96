"""Helpers to read back a PDF as a person or a screen reader would."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader


def squash(text: str) -> str:
    """Text without any whitespace: PDF extraction splits lines and kerned pairs freely."""
    return re.sub(r"\s+", "", text)


def pdf_text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return "\n".join(page.extract_text() for page in reader.pages)


def assert_contains(pdf: bytes, *expected: str) -> None:
    text = squash(pdf_text(pdf))
    for item in expected:
        assert squash(item) in text, item


def assert_tagged_pdf_ua(pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(pdf))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root, "no tag structure"
    assert root["/MarkInfo"]["/Marked"].value is True
    assert str(root["/Lang"]).startswith("fr")
    xmp = root["/Metadata"].get_object().get_data().decode()
    assert "<pdfuaid:part>1</pdfuaid:part>" in xmp
    assert reader.metadata is not None


def render_png(pdf: bytes, tmp_path: Path) -> list[Path]:
    """Render each page with poppler's pdftoppm, as CI does; skip where it is missing."""
    if shutil.which("pdftoppm") is None:
        if os.environ.get("CYBERDENT_REQUIRE_BROWSER") == "1":
            pytest.fail("pdftoppm (poppler-utils) is required here")
        pytest.skip("pdftoppm not found: install poppler-utils")
    source = tmp_path / "doc.pdf"
    source.write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-r", "50", "-png", str(source), str(tmp_path / "page")],
        check=True,
        timeout=120,
    )
    pages = sorted(tmp_path.glob("page-*.png"))
    for page in pages:
        assert page.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert page.stat().st_size > 2000  # not blank
    return pages


def page_count(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


@dataclass(frozen=True)
class Run:
    """One piece of text as drawn: its font, its size in points, where it starts."""

    page: int
    text: str
    font: str
    size: float
    x: float
    y: float

    @property
    def bold(self) -> bool:
        return "Bold" in self.font


def text_runs(pdf: bytes) -> list[Run]:
    """Every piece of text with its font and size, read from the content streams."""
    runs: list[Run] = []
    for number, page in enumerate(PdfReader(io.BytesIO(pdf)).pages):

        def visit(text: str, cm: Any, tm: Any, font: Any, size: float, n: int = number) -> None:
            if not text.strip():
                return
            scale = abs(cm[0] * tm[0] + cm[2] * tm[1]) or abs(cm[1] * tm[0] + cm[3] * tm[1])
            x = cm[0] * tm[4] + cm[2] * tm[5] + cm[4]
            y = cm[1] * tm[4] + cm[3] * tm[5] + cm[5]
            name = str(font.get("/BaseFont", "")) if font else ""
            runs.append(Run(n, text, name, round(size * scale, 2), x, y))

        page.extract_text(visitor_text=visit)
    return runs


def joined(runs: list[Run]) -> str:
    return squash("".join(r.text for r in runs))


def poppler_words(
    pdf: bytes, tmp_path: Path
) -> list[tuple[float, float, float, float, float, float, str]]:
    """Each word poppler draws, with its box and its page's size: (x0, y0, x1, y1, width, height,
    word). poppler drops a character that lies wholly off the page, so a test also checks that
    the text is all there (`poppler_text`)."""
    _require_poppler("pdftotext")
    source = tmp_path / "bbox.pdf"
    source.write_bytes(pdf)
    html = subprocess.run(
        ["pdftotext", "-bbox", str(source), "-"], check=True, timeout=120, capture_output=True
    ).stdout.decode()
    words = []
    page_re = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">')
    word_re = re.compile(
        r'<word xMin="([-\d.]+)" yMin="([-\d.]+)" xMax="([-\d.]+)" yMax="([-\d.]+)">'
    )
    width = height = 0.0
    for line in html.splitlines():
        if m := page_re.search(line):
            width, height = float(m[1]), float(m[2])
        elif m := word_re.search(line):
            word = line[m.end() : line.rindex("</word>")]
            x0, y0, x1, y1 = (float(v) for v in m.groups())
            words.append((x0, y0, x1, y1, width, height, word))
    return words


def poppler_text(pdf: bytes, tmp_path: Path) -> str:
    """The text poppler keeps (only what lies on the page), without whitespace."""
    _require_poppler("pdftotext")
    source = tmp_path / "text.pdf"
    source.write_bytes(pdf)
    out = subprocess.run(
        ["pdftotext", str(source), "-"], check=True, timeout=120, capture_output=True
    ).stdout.decode()
    return squash(out)


def assert_inside_the_page(pdf: bytes, tmp_path: Path, *whole: str) -> None:
    """No word sticks out of its page, and every string of `whole` is all there (poppler drops
    the characters drawn off the page)."""
    outside = [
        w for w in poppler_words(pdf, tmp_path)
        if w[0] < 0 or w[1] < 0 or w[2] > w[4] + 0.5 or w[3] > w[5] + 0.5
    ]  # fmt: skip
    assert not outside, outside[:3]
    kept = poppler_text(pdf, tmp_path)
    for item in whole:
        assert squash(item) in kept, item[:40]


def _require_poppler(tool: str) -> None:
    if shutil.which(tool) is None:
        if os.environ.get("CYBERDENT_REQUIRE_BROWSER") == "1":
            pytest.fail(f"{tool} (poppler-utils) is required here")
        pytest.skip(f"{tool} not found: install poppler-utils")
