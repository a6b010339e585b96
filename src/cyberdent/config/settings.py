"""Django settings, read from the environment (see the README's table of variables)."""

from __future__ import annotations

from pathlib import Path

import dj_database_url

from cyberdent.config.env import (
    ConfigError,
    check_secret_key,
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
if _secret is not None and PRODUCTION:
    check_secret_key("CYBERDENT_SECRET_KEY", _secret)
SECRET_KEY = _secret or local_secret_key(DATA_DIR)

ALLOWED_HOSTS = envlist("CYBERDENT_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = envlist("CYBERDENT_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    # Before allauth: the app-directories loader takes the first app's template, and
    # cyberdent.accounts overrides allauth's layout, elements and pages.
    "cyberdent.accounts",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "cyberdent.web",
    "cyberdent.diagnostic",
    "cyberdent.audit",
    "cyberdent.practices",
    "cyberdent.assessments",
    "cyberdent.actionplan",
    "cyberdent.crisis",
    "cyberdent.incidents",
    "cyberdent.workspace",
    "cyberdent.observatory",
    "cyberdent.phishing",
    # The task queue that carries e-mail out of the request (cyberdent/web/mail.py).
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "cyberdent.web.middleware.security_headers",
    "cyberdent.web.middleware.friendly_method_not_allowed",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # A PDF that typst cannot produce becomes a clear French page (logged with its traceback).
    "cyberdent.web.document_errors.DocumentErrorMiddleware",
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
            # {% url %} without arguments reversed once per process (issue 14).
            "builtins": ["cyberdent.web.templatetags.urls_once"],
        },
    }
]

SQLITE_BUSY_TIMEOUT_SECONDS = 20
DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{DATA_DIR / 'cyberdent.sqlite3'}",
        conn_max_age=envint("CYBERDENT_DB_CONN_MAX_AGE", 60),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # `make run` serves with two gunicorn workers on one SQLite file. With SQLite's defaults a
    # transaction that reads then writes (most of ours) takes the write lock late, and when two
    # workers do so at once one gets "database is locked" at once, whatever the timeout.
    # IMMEDIATE takes the write lock at BEGIN, so the other waits (up to the busy timeout)
    # instead of failing; WAL lets readers go on while one writes; synchronous=FULL keeps every
    # acknowledged write through a crash or a power cut. See tests/config/test_sqlite_settings.py.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": SQLITE_BUSY_TIMEOUT_SECONDS,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; "
            f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_SECONDS * 1000};"
        ),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Accounts: django-allauth (email login, verification, reset, rate limits) and its MFA.
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
        "OPTIONS": {"user_attributes": ("email", "username")},
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
# Login is by email only; allauth fills Django's unique username with a generated id (with no
# username field, every sign-up after the first would collide on an empty username).
ACCOUNT_USER_MODEL_USERNAME_FIELD = "username"
ACCOUNT_USER_DISPLAY = "cyberdent.accounts.adapter.user_display"
ACCOUNT_EMAIL_VERIFICATION = envstr("CYBERDENT_EMAIL_VERIFICATION", "mandatory")
if PRODUCTION and ACCOUNT_EMAIL_VERIFICATION != "mandatory":
    # Invitations and the audit log trust the account's email: it must be verified.
    raise ConfigError("CYBERDENT_EMAIL_VERIFICATION must be 'mandatory' in production")
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = False
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_RATE_LIMITS = {
    # Per account: 5 failures in 5 minutes. Per IP, allauth's default (10 a minute): a whole
    # practice shares one public IP, and 5 slips must not lock everyone out for 5 minutes.
    # Accounts with two-factor login are never locked out by others (accounts/adapter.py).
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/h/ip",
    "reset_password": "10/h/ip,5/h/key",
    "confirm_email": "3/3m/key",
    # CyberDent's own: invitations send email (see practices/views/team.py).
    "cyberdent_invite": "20/h/user",
}
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[CyberDent] "
# Tell people by email when their password, address or two-factor login changes.
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_ADAPTER = "cyberdent.accounts.adapter.AccountAdapter"
ACCOUNT_FORMS = {
    "signup": "cyberdent.accounts.forms.SignupForm",
    "login": "cyberdent.accounts.forms.LoginForm",
    "change_password": "cyberdent.accounts.forms.ChangePasswordForm",
    "reset_password_from_key": "cyberdent.accounts.forms.ResetPasswordKeyForm",
}
MFA_ADAPTER = "cyberdent.accounts.adapter.MFAAdapter"
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "practices:home"
ACCOUNT_LOGOUT_REDIRECT_URL = "web:home"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "CyberDent"
# One 30-second step either side (RFC 6238 §5.2): a code typed as it changes, or a phone whose
# clock is a few seconds off, still works. Used codes stay refused for the whole window.
MFA_TOTP_TOLERANCE = 1
MFA_PASSKEY_LOGIN_ENABLED = False
# Rate limits (logins, invitations) and used TOTP codes are kept in the cache, so it must be
# shared by every process: `make run` starts two gunicorn workers. Without CYBERDENT_CACHE_URL it
# is a table of the database (created by the web app's migration); with it, Redis, for a hosted
# deployment with several app servers.
CACHE_TABLE = "cyberdent_cache"
_cache_url = envstr("CYBERDENT_CACHE_URL")
if _cache_url and not _cache_url.startswith(("redis://", "rediss://", "unix://")):
    raise ConfigError("CYBERDENT_CACHE_URL must be a redis:// URL")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _cache_url}
        if _cache_url
        else {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": CACHE_TABLE}
    )
}

# Email: printed on the console (by the worker) by default; SMTP when CYBERDENT_EMAIL_HOST is set.
DEFAULT_FROM_EMAIL = envstr("CYBERDENT_EMAIL_FROM", "CyberDent <no-reply@localhost>")
# Every message goes through the task queue (cyberdent/web/mail.py); the worker delivers it
# with this backend.
EMAIL_BACKEND = "cyberdent.web.mail.QueuedEmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
if envstr("CYBERDENT_EMAIL_HOST"):
    CYBERDENT_EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = envstr("CYBERDENT_EMAIL_HOST")
    EMAIL_PORT = envint("CYBERDENT_EMAIL_PORT", 587)
    EMAIL_HOST_USER = envstr("CYBERDENT_EMAIL_USER")
    EMAIL_HOST_PASSWORD = envsecret("CYBERDENT_EMAIL_PASSWORD") or ""
    EMAIL_USE_TLS = envbool("CYBERDENT_EMAIL_TLS", True)
else:
    CYBERDENT_EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.console.EmailBackend"

LANGUAGE_CODE = "fr"
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
# Static files are compressed once, at collectstatic (gzip and brotli beside each file), and
# whitenoise sends the smallest one the browser accepts, in every mode; production adds hashed
# names, cached for a year. Pages themselves are not compressed: they carry the CSRF token and
# what the visitor typed, the condition of BREACH (a compressed size that leaks a secret).
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "whitenoise.storage.CompressedStaticFilesStorage"
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
    # Rate limits and the audit log must see the client's address, not the proxy's.
    ALLAUTH_TRUSTED_PROXY_COUNT = envint("CYBERDENT_TRUSTED_PROXY_COUNT", 1)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"one_line_client_errors": {"()": "cyberdent.web.log_filters.OneLineClientErrors"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": envstr("CYBERDENT_LOG_LEVEL", "INFO")},
    # 403/404 as one line each; a 500 keeps its traceback.
    "loggers": {"django.request": {"filters": ["one_line_client_errors"]}},
}
