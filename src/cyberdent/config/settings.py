"""Django settings, read from the environment (see the README's table of variables)."""

from __future__ import annotations

from pathlib import Path

import dj_database_url

from cyberdent.config.env import (
    ConfigError,
    envbool,
    envint,
    envlist,
    envsecret,
    envstr,
    local_secret_key,
)

DATA_DIR = Path(envstr("CYBERDENT_DATA_DIR", str(Path.cwd() / "var"))).resolve()
PRODUCTION = envbool("CYBERDENT_PRODUCTION", False)
DEBUG = envbool("CYBERDENT_DEBUG", False)
if PRODUCTION and DEBUG:
    raise ConfigError("CYBERDENT_DEBUG must be false when CYBERDENT_PRODUCTION is true")

_secret = envsecret("CYBERDENT_SECRET_KEY")
if _secret is None and PRODUCTION:
    raise ConfigError(
        "CYBERDENT_SECRET_KEY (or CYBERDENT_SECRET_KEY_FILE) is required in production"
    )
SECRET_KEY = _secret or local_secret_key(DATA_DIR)

ALLOWED_HOSTS = envlist("CYBERDENT_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = envlist("CYBERDENT_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "cyberdent.web",
    "cyberdent.diagnostic",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "cyberdent.web.middleware.security_headers",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "cyberdent.config.urls"
WSGI_APPLICATION = "cyberdent.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "cyberdent.web.context.site",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{DATA_DIR / 'cyberdent.sqlite3'}",
        conn_max_age=envint("CYBERDENT_DB_CONN_MAX_AGE", 60),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "fr"
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# Security baseline (DESIGN.md §6). Cookies and HSTS are strict behind HTTPS in production.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
SECURE_SSL_REDIRECT = PRODUCTION and envbool("CYBERDENT_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = envint("CYBERDENT_HSTS_SECONDS", 31536000) if PRODUCTION else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = PRODUCTION
SECURE_HSTS_PRELOAD = PRODUCTION
if envbool("CYBERDENT_BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": envstr("CYBERDENT_LOG_LEVEL", "INFO")},
}
