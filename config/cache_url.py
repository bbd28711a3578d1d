"""CACHE_URL: where the counters of rate limits and login throttling live.

They must be shared by every gunicorn worker (and, on several hosts, by every
host), so the default is not Django's per-process memory cache:
- unset or empty: files in VIGIE_DATA_DIR/cache, shared by the workers of one
  machine (each host of a multi-host setup then counts on its own);
- file:///absolute/path: files in that folder;
- db://table_name: a table of the database (DATABASE_URL), shared by every host;
  create it once with `manage.py createcachetable`;
- redis://host:6379/0 (rediss:// over TLS): Redis, needs the `redis` package;
- memcached://host:11211: Memcached, needs the `pymemcache` package;
- locmem://: memory of one process (tests, a single worker).

Read by config/settings.py before Django starts: only the standard library here.
"""

from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

ACCEPTED_FORMS = (
    "CACHE_URL accepte : (vide) ou file:///chemin/absolu, db://table, redis://hôte:6379/0, "
    "memcached://hôte:11211, locmem://"
)
# Files kept before FileBasedCache deletes a third of them at random: high enough
# that counters of live clients are not culled by ordinary traffic.
FILE_MAX_ENTRIES = 20_000


def cache_setting(cache_url: str, default_dir) -> dict:
    """The CACHES["default"] entry `cache_url` describes; `default_dir` holds the files by default."""
    cache_url = (cache_url or "").strip()
    parts = urlsplit(cache_url)
    scheme = parts.scheme.lower()
    if not cache_url or scheme == "file":
        path = parts.path if cache_url else str(default_dir)
        if not path.startswith("/"):
            raise ImproperlyConfigured(f"CACHE_URL : chemin absolu attendu (« {cache_url} »). {ACCEPTED_FORMS}.")
        return {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": path,
            "OPTIONS": {"MAX_ENTRIES": FILE_MAX_ENTRIES},
        }
    if scheme == "db" and parts.netloc:
        return {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": parts.netloc}
    if scheme in ("redis", "rediss") and parts.hostname:
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": cache_url}
    if scheme == "memcached" and parts.hostname:
        return {"BACKEND": "django.core.cache.backends.memcached.PyMemcacheCache", "LOCATION": parts.netloc}
    if scheme == "locmem":
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    shown = cache_url.replace(f":{parts.password}@", ":***@", 1) if parts.password else cache_url
    raise ImproperlyConfigured(f"CACHE_URL non reconnue : « {shown} ». {ACCEPTED_FORMS}.")
