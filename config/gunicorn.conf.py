"""gunicorn settings for `make run`; every value can be overridden from the environment."""

import os

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
# Sync workers: each keeps one open Whoosh searcher, refreshed when the index changes.
worker_class = "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
# A pasted passage of 2,000 characters of French is up to about 7 KB once
# percent-encoded (an accent takes 6 bytes, a curly apostrophe 9): gunicorn's
# default request line (4,094 bytes) answered a bare English 414. 8,190 is its
# maximum short of no limit; the search form caps what it sends to 2,000 characters.
limit_request_line = int(os.environ.get("GUNICORN_LIMIT_REQUEST_LINE", "8190"))
accesslog = "-"
errorlog = "-"
wsgi_app = "config.wsgi:application"
