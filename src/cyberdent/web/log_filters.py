"""Logging filters of the `django.request` logger (installed in settings.LOGGING)."""

from __future__ import annotations

import logging


class OneLineClientErrors(logging.Filter):
    """A refusal (403, 404, 400...) is the app working as designed: one line, no traceback.

    Django logs a PermissionDenied with the exception attached, so every refused role printed a
    whole traceback and real errors drowned in them. A 500 keeps its traceback.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if isinstance(status, int) and status < 500:
            record.exc_info = None
            record.exc_text = None
        return True
