"""Helpers to read back a PDF as a person or a screen reader would."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
from pathlib import Path

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
