"""gunicorn settings for `make run`; every value can be overridden from the environment."""

import os

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
# Sync workers: each keeps one open Whoosh searcher, refreshed when the index changes.
worker_class = "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
accesslog = "-"
errorlog = "-"
wsgi_app = "config.wsgi:application"
