"""Which watched feeds a lookout should look at: those that fail, and those
quiet for longer than usual. Read by /sante/ and the admin, so nothing heavy
is imported here."""

import datetime as dt
import statistics

from django.conf import settings
from django.utils import timezone

from archive.models import Feed, FeedItem


def usual_quiet(feed: Feed) -> dt.timedelta:
    """How long without a new item is unusual for `feed`: four times the median
    gap between its last items' publication dates, a day at least; when the feed
    has not said enough, VIGIE_FEED_QUIET_DAYS."""
    dates = list(
        FeedItem.objects.filter(feed=feed, published_at__isnull=False)
        .order_by("-published_at")
        .values_list("published_at", flat=True)[:20]
    )
    gaps = [(a - b).total_seconds() for a, b in zip(dates, dates[1:], strict=False) if a > b]
    if len(gaps) < 3:
        return dt.timedelta(days=settings.VIGIE_FEED_QUIET_DAYS)
    return max(dt.timedelta(seconds=4 * statistics.median(gaps)), dt.timedelta(days=1))


def feed_problem(feed: Feed, now: dt.datetime | None = None) -> str:
    """Why a lookout should look at `feed`, in French, or ""."""
    now = now or timezone.now()
    if not feed.active:
        return ""
    if not feed.last_ok:
        return f"en échec ({feed.failures} fois de suite) : {feed.last_status}"
    since = feed.last_new_item_at or feed.added_at
    quiet = usual_quiet(feed)
    if since and now - since > quiet:
        days = (now - since).days
        return f"silencieux : aucun nouvel article depuis {days} jour(s), plus longtemps que d'habitude"
    return ""
