"""The compile machinery: pages counted without a PDF library, a compiler per thread, and a
warm-up that a server may run before it forks its workers."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
import textwrap
from concurrent.futures import ThreadPoolExecutor

import pytest

from cyberdent.documents.poster_pdf import render_poster_pdf
from cyberdent.documents.render import UnexpectedPdf, page_count
from cyberdent.documents.report_pdf import render_report_pdf
from cyberdent.domain.answers import parse_answers
from cyberdent.domain.assessment import assess
from cyberdent.domain.protocol import build_poster, parse_contacts
from cyberdent.domain.referential_models import Referential
from cyberdent.domain.report import build_report
from tests.conftest import QUESTION_IDS
from tests.documents import pdfcheck
from tests.documents.pdfcheck import assert_contains

MOMENT = dt.datetime(2026, 11, 28, 10, 0, tzinfo=dt.UTC)
# PDF syntax typed as a practice name: the title is written uncompressed in the XMP metadata,
# which the page count does not read.
NAIVE_PAGE = re.compile(rb"/Type\s*/Page(?!s)")
LURE = "<</Type/Pages/Count 1/Kids[3 0 R]>> /Type/Page /Type /Page startxref 0 %%EOF"


def report_pdf(ref: Referential, practice: str, answer: str = "unknown") -> bytes:
    answers = parse_answers(ref, dict.fromkeys(QUESTION_IDS, answer))
    report = build_report(ref, assess(ref, answers), practice_name=practice, date=MOMENT.date())
    return render_report_pdf(report, timestamp=MOMENT)


@pytest.mark.parametrize("practice", ["Cabinet des Lilas", LURE])
@pytest.mark.parametrize("answer", ["unknown", "yes"])
def test_page_count_of_multi_page_reports_is_the_page_tree_s(
    ref: Referential, practice: str, answer: str
) -> None:
    pdf = report_pdf(ref, practice, answer)
    assert page_count(pdf) == pdfcheck.page_count(pdf) > 1
    if practice == LURE:  # searching the file for page objects would count the lure too
        assert len(NAIVE_PAGE.findall(pdf)) > page_count(pdf)


@pytest.mark.parametrize("practice", ["Cabinet des Lilas", LURE, "P" * 120])
def test_page_count_of_the_poster(ref: Referential, practice: str) -> None:
    pdf = render_poster_pdf(build_poster(ref, parse_contacts({"practice": practice})))
    assert page_count(pdf) == pdfcheck.page_count(pdf) == 1


@pytest.mark.parametrize(
    "pdf",
    [
        b"",
        b"%PDF-1.7\n1 0 obj\n<</Type/Pages/Count 2>>\nendobj\n%%EOF",
        b"%PDF-1.7\nstartxref\n5\n%%EOF\n",
        b"%PDF-1.7\nxref\n0 1\n0000000000 65535 f\r\ntrailer\n<</Root 1 0 R>>\nstartxref\n9\n%%EOF",
    ],
)
def test_a_pdf_of_another_shape_is_refused(pdf: bytes) -> None:
    with pytest.raises(UnexpectedPdf):
        page_count(pdf)


def test_threads_compile_at_the_same_time_each_its_own_document(ref: Referential) -> None:
    names = [f"Cabinet numéro {i}" for i in range(6)]
    with ThreadPoolExecutor(max_workers=3) as pool:
        pdfs = list(pool.map(lambda name: report_pdf(ref, name), names))
    for name, pdf in zip(names, pdfs, strict=True):
        assert_contains(pdf, name)
        others = [other for other in names if other != name]
        assert not any(pdfcheck.squash(other) in pdfcheck.squash(pdfcheck.pdf_text(pdf))
                       for other in others)  # fmt: skip


# Run in a new interpreter: this test process has compiled already (typst's thread pool runs).
FORK_AFTER_WARM_UP = textwrap.dedent(
    """
    import os, signal, sys
    from cyberdent.documents.render import warm_up
    from cyberdent.documents.report_pdf import render_report_pdf
    from cyberdent.documents.poster_pdf import render_poster_pdf
    from cyberdent.domain.answers import parse_answers
    from cyberdent.domain.assessment import assess
    from cyberdent.domain.loader import default_referential
    from cyberdent.domain.protocol import build_poster, parse_contacts
    from cyberdent.domain.report import build_report

    def threads():
        return len(os.listdir("/proc/self/task"))

    warm_up()
    assert threads() == 1, f"warm_up started {threads() - 1} thread(s)"
    ref = default_referential()
    answers = parse_answers(ref, {q.id: "unknown" for q in ref.questions})
    children = []
    for _ in range(2):
        pid = os.fork()
        if pid == 0:
            signal.alarm(60)  # a compile waiting for a thread that is not there: killed
            report = render_report_pdf(build_report(ref, assess(ref, answers)))
            poster = render_poster_pdf(build_poster(ref, parse_contacts({"practice": "X"})))
            os._exit(0 if report.startswith(b"%PDF") and poster.startswith(b"%PDF") else 3)
        children.append(pid)
    statuses = [os.waitpid(pid, 0)[1] for pid in children]
    assert render_report_pdf(build_report(ref, assess(ref, answers))).startswith(b"%PDF")
    print("children", statuses)
    sys.exit(0 if statuses == [0, 0] else 1)
    """
)


def test_warm_up_starts_no_thread_and_forked_workers_compile() -> None:
    done = subprocess.run(
        [sys.executable, "-c", FORK_AFTER_WARM_UP],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "children [0, 0]" in done.stdout
