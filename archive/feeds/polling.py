"""Poll the watched feeds: each item not seen before and not already in the
archive is captured (archive.capture.capturing.capture_url) and imported the way
`import_articles` imports; on-topic articles are published, off-topic ones held
for an editor (Article.held). A feed that fails is read less and less often
(exponential back-off, capped); one that fails or falls quiet is reported
(archive/feeds/health.py) on /sante/ and in the admin."""

import datetime as dt
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from archive.capture.capturing import capture_url, default_store, fetch_limits
from archive.extraction.pipeline import RawArticle, Refusal
from archive.feeds.reading import FeedRead, Item, read_feed
from archive.models import Article, Feed, FeedItem, Relevance
from archive.readers import one_line
from archive.signals import articles_changed, batch_of_changes

PUBLISHED = (Relevance.CORE, Relevance.RELATED)
log = logging.getLogger(__name__)


class FeedError(Exception):
    """A feed that cannot be added; the message says why, in French."""


@dataclass
class PollResult:
    feed: Feed
    error: str = ""
    not_modified: bool = False
    published: int = 0
    held: int = 0
    skipped: int = 0  # already seen or already in the archive
    refused: list[str] = field(default_factory=list)  # one French line each

    def summary(self) -> str:
        if self.error:
            return f"échec : {self.error}"
        if self.not_modified:
            return "inchangé depuis la dernière lecture (HTTP 304)"
        return (
            f"{self.published} publié(s), {self.held} à examiner, {self.skipped} déjà vu(s), "
            f"{len(self.refused)} refusé(s)"
        )


def add_feed(url: str, name: str = "") -> Feed:
    """Add the feed at `url` once it has been read as RSS or Atom; raises
    FeedError (and writes nothing) otherwise."""
    url = url.strip()
    if not url.startswith(("http://", "https://")):
        raise FeedError(f"adresse de flux non prise en charge : « {url} » (http:// ou https:// attendu)")
    if known := Feed.objects.filter(url=url).first():
        raise FeedError(f"flux déjà suivi : {url} (« {known} »)")
    read = read_feed(url, fetch_limits())
    if read.error:
        raise FeedError(f"flux non ajouté, {url} : {read.error}")
    return Feed.objects.create(url=url, name=(name or read.title).strip()[:200])


def due_feeds(now: dt.datetime | None = None):
    now = now or timezone.now()
    return Feed.objects.filter(active=True).filter(Q(next_poll_after__isnull=True) | Q(next_poll_after__lte=now))


def poll_feed(feed: Feed, now: dt.datetime | None = None) -> PollResult:
    """Read `feed` once and import its new items; the feed's state is saved."""
    now = now or timezone.now()
    read = read_feed(feed.url, fetch_limits(), feed.etag, feed.modified)
    result = PollResult(feed, error=read.error, not_modified=read.not_modified)
    if not read.error and not read.not_modified:
        try:
            _take_items(feed, read, result, now)
        except Exception as error:
            # One feed's surprise must not stop the others: it is reported and
            # retried later like a failure; the items recorded so far stay.
            log.exception("Feed %s: items could not be taken", feed.url)
            read.error = result.error = f"erreur inattendue ({type(error).__name__}), voir le journal"
    _record(feed, read, result, now)
    return result


def _take_items(feed: Feed, read: FeedRead, result: PollResult, now: dt.datetime) -> None:
    new, keys = [], set()
    listed = [item.key for item in read.items]
    seen = set(FeedItem.objects.filter(feed=feed, key__in=listed).values_list("key", flat=True))
    for item in read.items:
        if item.key in seen or item.key in keys:
            result.skipped += 1
            continue
        keys.add(item.key)
        new.append(item)
    if not new:
        return
    feed.last_new_item_at = now
    to_capture = []
    for item in new:
        if not item.url:
            _refuse(feed, item, "article du flux sans lien : rien à capturer", result)
        elif archived := Article.objects.filter(Q(url=item.url) | Q(ref=item.url)).first():
            FeedItem.objects.create(feed=feed, **_fields(item), article=archived, outcome="déjà dans l'archive")
            result.skipped += 1
        else:
            to_capture.append(item)
    if to_capture:
        _capture_and_import(feed, to_capture, result)


def _capture_and_import(feed: Feed, items: list[Item], result: PollResult) -> None:
    # Imported the way import_articles imports (archive/importing.py), the
    # index written once at the end: held articles never reach it.
    from archive.curation import lexicons  # the extraction stack: loaded by the poller only
    from archive.importing import ArticleRefused, Outcome, import_batch
    from archive.resolution import resolve_entities

    store = default_store()
    captured: list[tuple[Item, RawArticle]] = []
    try:
        for item in items:
            raw = capture_url(item.url, store)
            if isinstance(raw, Refusal):
                _refuse(feed, item, raw.reason, result)
            else:
                captured.append((item, raw))
    finally:
        store.close()
    if not captured:
        return
    with batch_of_changes():
        results = import_batch([raw for _item, raw in captured], lexicons())
        held = []
        for (item, _raw), (outcome, article, _notes) in zip(captured, results, strict=True):
            if isinstance(outcome, ArticleRefused):
                _refuse(feed, item, str(outcome), result)
                continue
            if outcome == Outcome.UNCHANGED:
                note = "déjà dans l'archive (même texte)"
                result.skipped += 1
            elif article.relevance in PUBLISHED:
                note = "publié"
                result.published += 1
            else:
                note = "à examiner (hors sujet)"
                held.append(article.pk)
                result.held += 1
            FeedItem.objects.create(feed=feed, **_fields(item), article=article, outcome=note)
        if held:
            Article.objects.filter(pk__in=held).update(held=True)
            articles_changed.send(sender=None, article_ids=held)
        if result.published + result.held:
            resolve_entities()


def _refuse(feed: Feed, item: Item, reason: str, result: PollResult) -> None:
    FeedItem.objects.create(feed=feed, **_fields(item), outcome=f"refusé : {reason}"[:500])
    result.refused.append(one_line(f"REFUSÉ  {item.url or item.title or item.key} : {reason}"))


def _fields(item: Item) -> dict:
    return {"key": item.key, "url": item.url, "title": item.title, "published_at": item.published_at}


def _record(feed: Feed, read: FeedRead, result: PollResult, now: dt.datetime) -> None:
    feed.last_polled_at = now
    feed.last_status = result.summary()[:300]
    if read.error:
        feed.last_ok = False
        feed.failures += 1
        feed.next_poll_after = now + backoff(feed.failures)
    else:
        feed.last_ok, feed.failures, feed.next_poll_after = True, 0, None
        if not read.not_modified:
            feed.etag, feed.modified = read.etag[:300], read.modified[:100]
    feed.save()


def backoff(failures: int) -> dt.timedelta:
    """How long a feed that failed `failures` times in a row waits: the polling
    interval, doubled at each further failure, up to VIGIE_FEED_MAX_BACKOFF."""
    interval = settings.VIGIE_FEED_INTERVAL
    return dt.timedelta(seconds=min(interval * 2 ** max(failures - 1, 0), settings.VIGIE_FEED_MAX_BACKOFF))
