"""One web address to an importable article: fetch (fetch.py), extract
(page.py), keep the response as a WARC record (store.py)."""

import dataclasses
import datetime as dt

from django.conf import settings
from django.utils import timezone

from archive.capture.fetch import FetchFailed, FetchLimits, fetch, refusal_for_status
from archive.capture.page import html_article
from archive.capture.store import WarcStore, captures_folder
from archive.extraction.pipeline import Capture, RawArticle, Refusal


def default_store() -> WarcStore:
    return WarcStore(captures_folder())


def fetch_limits() -> FetchLimits:
    return FetchLimits(
        timeout=settings.VIGIE_CAPTURE_TIMEOUT,
        max_bytes=settings.VIGIE_CAPTURE_MAX_BYTES,
        max_redirects=settings.VIGIE_CAPTURE_MAX_REDIRECTS,
        user_agent=settings.VIGIE_CAPTURE_USER_AGENT,
    )


def capture_url(url: str, store: WarcStore | None = None, limits: FetchLimits | None = None) -> RawArticle | Refusal:
    """Fetch `url` and return the article it holds, its page kept in `store`
    (a new WARC file of the data folder when None), or a Refusal in French.
    Nothing is written for a refused page."""
    captured_at = dt.datetime.now(dt.UTC).replace(microsecond=0)
    try:
        fetched = fetch(url, limits or fetch_limits())
    except FetchFailed as failure:
        return Refusal(url, str(failure))
    if reason := refusal_for_status(fetched):
        return Refusal(url, reason)
    max_day = timezone.localtime(captured_at).date()
    article = html_article(fetched.body, url, url=fetched.url, max_day=max_day)
    if isinstance(article, Refusal):
        return article
    own_store = store is None
    store = store or default_store()
    try:
        stored = store.add_response(
            fetched.url, captured_at, f"{fetched.status} {fetched.reason}".strip(), fetched.headers, fetched.body
        )
    except OSError as error:
        return Refusal(url, f"capture non enregistrée ({error.strerror or error})")
    finally:
        if own_store:
            store.close()
    capture = Capture(fetched.url, captured_at, stored.record_id, stored.file, stored.offset)
    return dataclasses.replace(article, capture=capture)
