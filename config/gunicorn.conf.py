"""gunicorn settings for `make run`; every value can be overridden from the environment."""

import os

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
# Sync workers: each keeps one open Whoosh searcher, refreshed when the index changes.
worker_class = "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
# Searches travel in the URL, and percent-encoding makes French longer (an
# accent takes 6 bytes, a curly apostrophe 9): gunicorn's default request line
# (4,094 bytes) answered a bare English 414 to about 3,000 characters of pasted
# text. 8,190, its maximum short of no limit, lets through about 6,600
# characters of real French; the search cuts a query at 2,000 with a message,
# and the search boxes send no more than that.
limit_request_line = int(os.environ.get("GUNICORN_LIMIT_REQUEST_LINE", "8190"))
accesslog = "-"
errorlog = "-"
wsgi_app = "config.wsgi:application"
