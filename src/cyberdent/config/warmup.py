"""What every worker would otherwise do on its first request, done once when the WSGI module is
imported: in the gunicorn master with `preload_app` (cyberdent.config.gunicorn_run), so that the
forked workers start with it in memory (shared, copy-on-write) and no visitor pays for it.

It touches no database: a connection opened here would be shared by every forked worker."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any
from urllib.parse import urlencode
from wsgiref.util import setup_testing_defaults

from django.apps import apps
from django.conf import settings
from django.template import engines
from django.template.loader import get_template
from django.urls import get_resolver
from django.utils import translation

from cyberdent.domain.loader import default_referential

logger = logging.getLogger(__name__)


def _template_names() -> list[str]:
    """Every template shipped in an app's templates/ folder (ours and the libraries')."""
    names = []
    for config in apps.get_app_configs():
        folder = Path(config.path) / "templates"
        if folder.is_dir():
            names += [p.relative_to(folder).as_posix() for p in folder.rglob("*.html")]
    return sorted(set(names))


def _compile_templates() -> int:
    """Parse every template into the engine's cached loader (Django's default without DEBUG)."""
    compiled = 0
    for name in _template_names():
        try:
            get_template(name)
        except Exception:  # a library's template may need a tag library of an app we do not run
            logger.debug("warm-up: template %s not compiled", name, exc_info=True)
        else:
            compiled += 1
    return compiled


def warm_up() -> None:
    start = time.perf_counter()
    resolver = get_resolver()
    resolver.reverse_dict  # noqa: B018 — imports every view module and builds the reverse index
    translation.activate("fr")  # reads the French catalogues of Django and the libraries
    translation.deactivate()
    default_referential()
    compiled = _compile_templates()
    for engine in engines.all():
        engine.engine.template_builtins  # noqa: B018
    # Imported here, after Django is set up: forms and the PDF fonts need the app registry.
    from cyberdent.diagnostic.forms import DiagnosticForm

    str(DiagnosticForm(referential=default_referential()))  # the form renderer's own templates
    from cyberdent.documents import render

    warm_documents = getattr(render, "warm_up", None)
    if warm_documents is not None:
        warm_documents()
    logger.info(
        "warm-up: %d templates compiled, URLconf and référentiel loaded in %.0f ms",
        compiled,
        (time.perf_counter() - start) * 1000,
    )


# Pages a worker renders for itself before its first visitor (see warm_worker).
WARM_PATHS = ("/", "/diagnostic/", "/mesures/")


def _warm_environ(path: str, query: str = "") -> dict[str, Any]:
    environ: dict[str, Any] = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "HTTP_HOST": _allowed_host(),
        "REMOTE_ADDR": "127.0.0.1",
    }
    setup_testing_defaults(environ)
    return environ


def _allowed_host() -> str:
    """A host name that passes ALLOWED_HOSTS ("*", ".example.org" or a plain name)."""
    for host in settings.ALLOWED_HOSTS:
        return "localhost" if host == "*" else host.removeprefix(".")
    return "localhost"


def warm_worker(application: Callable[..., Iterable[bytes]]) -> None:
    """A few GET requests through the WSGI application, inside the worker, before it serves:
    what is per process (the database connection, the first render of each template, the
    first signature check) is paid here instead of by a visitor. Anything that goes wrong is
    logged and ignored: a warm-up must never keep a worker from serving."""
    from cyberdent.diagnostic.tokens import encode_answers
    from cyberdent.domain.answers import parse_answers

    ref = default_referential()
    unknown = parse_answers(ref, {q.id: "unknown" for q in ref.questions})
    requests = [_warm_environ(p) for p in WARM_PATHS]
    requests.append(
        _warm_environ("/diagnostic/resultat/", urlencode({"r": encode_answers(ref, unknown)}))
    )
    for environ in requests:
        statuses: list[str] = []

        def start_response(status: str, headers: object, exc_info: object = None) -> None:
            statuses.append(status)  # noqa: B023 — called before the next iteration

        try:
            body = application(environ, start_response)
            for _ in body:
                pass
            getattr(body, "close", lambda: None)()
            if not statuses[0].startswith("200"):
                logger.warning("warm-up request %s: %s", environ["PATH_INFO"], statuses[0])
        except Exception:  # e.g. a database not migrated yet
            logger.warning("warm-up request %s failed", environ["PATH_INFO"], exc_info=True)
