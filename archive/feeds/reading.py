"""Read one feed: fetched by the captures' fetcher (timeout, size and redirect
limits, honest user agent) with the site's ETag and Last-Modified sent back,
then parsed by feedparser. No Django here."""

import calendar
import datetime as dt
from dataclasses import dataclass, field
from urllib.parse import urljoin

import feedparser

from archive.capture.fetch import FetchFailed, FetchLimits, fetch, status_problem

FEED_TYPES = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1"


@dataclass(frozen=True)
class Item:
    key: str  # the guid, else the address: what makes an item the same one next time
    url: str  # "" when the item has no link
    title: str = ""
    published_at: dt.datetime | None = None


@dataclass
class FeedRead:
    """What a feed said: its items, or nothing new (304), or why it failed."""

    items: list[Item] = field(default_factory=list)
    not_modified: bool = False
    error: str = ""  # in French; empty when the feed was read
    etag: str = ""
    modified: str = ""
    title: str = ""


def read_feed(url: str, limits: FetchLimits, etag: str = "", modified: str = "") -> FeedRead:
    headers = {"Accept": FEED_TYPES}
    if etag:
        headers["If-None-Match"] = etag
    if modified:
        headers["If-Modified-Since"] = modified
    try:
        fetched = fetch(url, limits, headers)
    except FetchFailed as failure:
        return FeedRead(error=str(failure))
    if fetched.status == 304:
        return FeedRead(not_modified=True, etag=etag, modified=modified)
    if fetched.status != 200:
        return FeedRead(error=status_problem(fetched.status, "flux"))
    response_headers = {k.lower(): v for k, v in fetched.headers}
    parsed = feedparser.parse(
        fetched.body, response_headers={**response_headers, "content-location": fetched.url}, sanitize_html=False
    )
    if not parsed.get("version"):
        why = f" ({fetched.content_type})" if fetched.content_type else ""
        return FeedRead(error=f"pas un flux RSS ou Atom : le document reçu n'est pas du XML de flux{why}")
    items = [_item(entry, fetched.url) for entry in parsed.entries]
    return FeedRead(
        items=items,
        etag=response_headers.get("etag", ""),
        modified=response_headers.get("last-modified", ""),
        title=parsed.feed.get("title", ""),
    )


def _item(entry, base: str) -> Item:
    link = (entry.get("link") or "").strip()
    url = urljoin(base, link) if link else ""
    if url and not url.startswith(("http://", "https://")):
        url = ""
    key = (entry.get("id") or "").strip() or url
    if not key:  # neither guid nor link: known by its title, to be reported once
        key = "sans-lien:" + (entry.get("title") or "").strip()[:900]
    when = entry.get("published_parsed") or entry.get("updated_parsed")
    published = dt.datetime.fromtimestamp(calendar.timegm(when), dt.UTC) if when else None
    return Item(key=key[:1000], url=url[:1000], title=(entry.get("title") or "").strip()[:500], published_at=published)
