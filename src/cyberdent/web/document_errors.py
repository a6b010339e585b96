"""A PDF that cannot be produced shows a clear French page, never a traceback.

`DocumentError` (cyberdent.documents.render) means typst refused to compile a document: the
report, the crisis poster or the incident dossier. Whatever view asked for it, the person gets
a page saying what happened and what to do (retry, or write to us), with status 500; the error is
logged with its traceback for the team. Installed as
"cyberdent.web.document_errors.DocumentErrorMiddleware" in settings.MIDDLEWARE.
"""

from __future__ import annotations

import logging

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.deprecation import MiddlewareMixin

from cyberdent.documents.render import DocumentError

logger = logging.getLogger("cyberdent.documents")


class DocumentErrorMiddleware(MiddlewareMixin):
    """Turns a DocumentError raised by a view into the page web/document_error.html."""

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, DocumentError):
            return None
        logger.error(
            "Document not produced for %s %s: %s",
            request.method,
            request.path,
            exception,
            exc_info=(type(exception), exception, exception.__traceback__),
        )
        retry_url = request.get_full_path() if request.method in ("GET", "HEAD") else ""
        return render(
            request,
            "web/document_error.html",
            {"title": "Le document n’a pas pu être produit", "retry_url": retry_url},
            status=500,
        )
