"""/sante/: can this process read the database and the search index?

Monitors and load balancers poll it; it answers 200 when both answer, 503
naming the part that failed. `queued` counts articles waiting for an index
write (search/upkeep/queue.py): a number that stays up means no process can
write the index. `feeds` lists the watched feeds that fail or have fallen
quiet (archive/feeds/polling.py): they do not make the archive unhealthy, a
lookout reads them. The error itself goes to the log, not to the
response: a probe needs to know what is broken, not a traceback."""

import logging

from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from archive.feeds.health import feed_problem
from archive.models import Article, Feed
from search.upkeep import indexing, queue

log = logging.getLogger(__name__)


@never_cache
@require_safe
def health(request):
    report = {
        "status": "ok",
        "database": "ok",
        "index": "ok",
        "articles": None,
        "documents": None,
        "queued": None,
        "feeds": None,
    }
    try:
        report["articles"] = Article.objects.public().count()
        report["queued"] = queue.pending()
        report["feeds"] = feeds_to_look_at()
    except Exception:
        log.exception("Health check: the database cannot be read")
        report["database"] = "erreur"
    try:
        report["documents"] = indexing.document_count()
    except Exception:
        log.exception("Health check: the search index cannot be read")
        report["index"] = "erreur"
    healthy = report["database"] == report["index"] == "ok"
    report["status"] = "ok" if healthy else "erreur"
    return JsonResponse(report, status=200 if healthy else 503)


def feeds_to_look_at() -> list[dict]:
    problems = ((feed, feed_problem(feed)) for feed in Feed.objects.filter(active=True))
    return [{"name": str(feed), "url": feed.url, "problem": problem} for feed, problem in problems if problem]
