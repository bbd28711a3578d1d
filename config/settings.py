"""Vigie settings: every value comes from the environment, with safe defaults.

Out of the box Vigie runs on one laptop: SQLite and a Whoosh index, both kept in
VIGIE_DATA_DIR. DATABASE_URL switches the database (PostgreSQL in production),
SEARCH_URL the search engine (Elasticsearch or Solr beyond one machine).
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.core.management.utils import get_random_secret_key

from config.cache_url import cache_setting
from config.search_url import haystack_connection

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def envint(name, default):
    value = os.environ.get(name, "")
    return int(value) if value.strip() else default


def envlist(name, default):
    value = os.environ.get(name, "")
    return [item.strip() for item in value.split(",") if item.strip()] or default


def envrate(name, default):
    """A rate "requests/seconds" as (requests, seconds); "0" is no limit."""
    value = (os.environ.get(name) or default).strip()
    if value == "0":
        return (0, 0)
    requests, _, seconds = value.partition("/")
    if not (requests.isdigit() and seconds.isdigit() and int(seconds) > 0):
        raise ImproperlyConfigured(f"{name} : « {value} » ; attendu « requêtes/secondes » (ex. {default}) ou 0.")
    return (int(requests), int(seconds))


DATA_DIR = Path(os.environ.get("VIGIE_DATA_DIR") or BASE_DIR / "var").resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = envbool("DEBUG", False)


def _secret_key():
    """SECRET_KEY from the environment, else one generated once and kept in the
    data folder, so sessions survive restarts without a key in the repository."""
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(get_random_secret_key())
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "haystack",
    "archive",
    "search",
    "web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "config.security.content_security_policy_middleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    # An empty DATABASE_URL means the default, like an unset one.
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{DATA_DIR / 'vigie.sqlite3'}",
        conn_max_age=envint("CONN_MAX_AGE", 60),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers (the web workers) go on while an import writes.
    # IMMEDIATE: a transaction takes the write lock when it begins, waiting up
    # to `timeout` for it. A deferred one that read first and then wrote after
    # another process had committed failed at once with "database is locked"
    # (two imports at once did), whatever the timeout.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
        }
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Counters the gunicorn workers share: rate limits and login throttling
# (web/throttle.py). Files in the data folder unless CACHE_URL says otherwise
# (config/cache_url.py): db:// or redis:// to share them between hosts.
CACHES = {"default": cache_setting(os.environ.get("CACHE_URL", ""), DATA_DIR / "cache")}
# Per client, "requests/seconds"; 0 turns a limit off.
VIGIE_SEARCH_RATE = envrate("VIGIE_SEARCH_RATE", "120/60")  # /recherche/, /api/search/
VIGIE_EXPORT_RATE = envrate("VIGIE_EXPORT_RATE", "20/60")  # CSV and JSON exports, Atom feed
VIGIE_LOGIN_RATE = envrate("VIGIE_LOGIN_RATE", "5/900")  # failed logins, per username and per client
# The throttle refuses a blocked login before any password is checked (config/login_throttle.py).
AUTHENTICATION_BACKENDS = ["config.login_throttle.LoginThrottleBackend", "django.contrib.auth.backends.ModelBackend"]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français")]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)  # WhiteNoise looks for it when the app starts
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Search: haystack over Whoosh with French analysis everywhere (search/engine/backend.py);
# SEARCH_URL moves it to an Elasticsearch 7 or Solr server (config/search_url.py).
HAYSTACK_CONNECTIONS = {
    "default": haystack_connection(
        os.environ.get("SEARCH_URL", ""),
        whoosh_path=Path(os.environ.get("WHOOSH_INDEX_DIR") or DATA_DIR / "whoosh_index"),
    ),
}
# Indexing follows saves and deletes once the transaction commits (search/upkeep/signals.py).
HAYSTACK_SIGNAL_PROCESSOR = "search.upkeep.signals.OnCommitSignalProcessor"
HAYSTACK_LIMIT_TO_REGISTERED_MODELS = False

VIGIE_RESULTS_PER_PAGE = envint("VIGIE_RESULTS_PER_PAGE", 20)
# A pasted passage of about 2,000 characters finds the article it comes from.
VIGIE_MAX_QUERY_LENGTH = envint("VIGIE_MAX_QUERY_LENGTH", 2000)
# Import refuses a file above VIGIE_IMPORT_MAX_BYTES (and a .gz inflating past it),
# and one article (a .txt/.md file, a JSON line; a page 4 times that) above
# VIGIE_IMPORT_MAX_ARTICLE_BYTES: a long feature is ~100 kB, a year of wire copy ~200 MB.
VIGIE_IMPORT_MAX_BYTES = envint("VIGIE_IMPORT_MAX_BYTES", 200_000_000)
VIGIE_IMPORT_MAX_ARTICLE_BYTES = envint("VIGIE_IMPORT_MAX_ARTICLE_BYTES", 5_000_000)
# Capturing a page by its address (archive/capture/): the whole exchange's time in
# seconds, the most bytes read from one page (also one record of a WARC file), the
# redirects followed, and the user agent sites see (say who fetches, with a contact).
VIGIE_CAPTURE_TIMEOUT = envint("VIGIE_CAPTURE_TIMEOUT", 20)
VIGIE_CAPTURE_MAX_BYTES = envint("VIGIE_CAPTURE_MAX_BYTES", 20_000_000)
VIGIE_CAPTURE_MAX_REDIRECTS = envint("VIGIE_CAPTURE_MAX_REDIRECTS", 5)
VIGIE_CAPTURE_USER_AGENT = os.environ.get(
    "VIGIE_CAPTURE_USER_AGENT", "Vigie/1.0 (archive de presse ; capture d'articles à la demande)"
)
# Watched feeds (archive/feeds/): seconds between two polls of `watch_feeds` in a
# loop, the longest wait of a feed that keeps failing (its wait doubles at each
# failure), and how many days without a new item make a feed "quiet" until it
# has listed enough dated items to know its usual pace.
VIGIE_FEED_INTERVAL = envint("VIGIE_FEED_INTERVAL", 1800)
VIGIE_FEED_MAX_BACKOFF = envint("VIGIE_FEED_MAX_BACKOFF", 86400)
VIGIE_FEED_QUIET_DAYS = envint("VIGIE_FEED_QUIET_DAYS", 7)
# The admin starts a worker process for re-extractions it queues; off in tests,
# or where a scheduler runs `manage.py extract_metadata --jobs` instead.
VIGIE_START_EXTRACTION_WORKER = envbool("VIGIE_START_EXTRACTION_WORKER", True)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Headers every page carries; the Content-Security-Policy comes from config/security.py.
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# HTTPS-only settings are a switch rather than tied to DEBUG: `make run` serves
# plain HTTP on 127.0.0.1 with DEBUG off, and secure cookies or a redirect to
# https:// would lock it out. A site served over HTTPS sets VIGIE_HTTPS=1.
VIGIE_HTTPS = envbool("VIGIE_HTTPS", False)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = SECURE_SSL_REDIRECT = VIGIE_HTTPS
# A load balancer probes the health check over plain HTTP: answer it, not a redirect.
SECURE_REDIRECT_EXEMPT = [r"^sante/$"]
SECURE_HSTS_SECONDS = envint("VIGIE_HSTS_SECONDS", 31_536_000) if VIGIE_HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# Preloading puts the domain in browsers' built-in lists, which takes months to
# undo: the operator opts in, and without it Django's reminder is silenced.
SECURE_HSTS_PRELOAD = envbool("VIGIE_HSTS_PRELOAD", False)
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
VIGIE_BEHIND_PROXY = envbool("VIGIE_BEHIND_PROXY", False)
if VIGIE_BEHIND_PROXY:
    # Only behind a proxy that sets X-Forwarded-Proto itself (and strips the
    # client's): otherwise a client could claim HTTPS.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
