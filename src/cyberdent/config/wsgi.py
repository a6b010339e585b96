"""WSGI entry point for gunicorn. The app is warmed when this module is imported: with
`preload_app` (cyberdent.config.gunicorn_run) that happens once in the master, before the
workers fork, so a fresh worker's first request costs what any request costs."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cyberdent.config.settings")
application = get_wsgi_application()

from cyberdent.config.warmup import warm_up  # noqa: E402 — needs the app registry set up above

warm_up()
