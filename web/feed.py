"""An Atom feed for any search: its 50 newest articles, to subscribe to a query."""

import datetime
import logging
import re
from dataclasses import dataclass, field

from django.contrib.syndication.views import Feed
from django.http import HttpResponse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.text import Truncator
from django.views.decorators.http import require_safe

from archive.dates import display_at_precision
from archive.models import Article
from search.query.run import search_queryset
from search.query.state import SORTS, SearchState
from web.exports import SEARCH_UNAVAILABLE
from web.templatetags.links import url_of
from web.throttle import rate_limited

log = logging.getLogger(__name__)

FEED_SIZE = 50
SUMMARY_WORDS = 60
# Characters XML 1.0 cannot hold: Django's feed writer refuses them, which would
# make the whole feed fail for one control character in a title.
_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(text: str) -> str:
    return _NOT_IN_XML.sub("", text)


@dataclass
class FeedSearch:
    state: SearchState
    self_url: str
    articles: list = field(default_factory=list)
    filter_names: list = field(default_factory=list)


@require_safe
@rate_limited("export")
def search_feed(request):
    state = SearchState.from_query(request.GET)
    if state.problems:
        return HttpResponse("\n".join(state.problems) + "\n", status=400, content_type="text/plain; charset=utf-8")
    if request.GET.get("sort") not in SORTS:
        state = state.replace(sort="newest")  # a subscription follows what is new, whatever the query
    try:
        articles = feed_articles(state)
    except Exception:
        log.warning("Feed failed for %r", state, exc_info=True)
        return HttpResponse(SEARCH_UNAVAILABLE + "\n", status=503, content_type="text/plain; charset=utf-8")
    search = FeedSearch(state, request.get_full_path(), articles, filter_names(state))
    return SearchFeed()(request, search=search)


def feed_articles(state, size=FEED_SIZE) -> list[Article]:
    """The first `size` articles of the search, in its order: slugs from the
    index, articles (with what the feed shows beyond stored fields: lead,
    import and update times, themes) in two queries."""
    slugs = [result.slug for result in search_queryset(state)[:size]]
    articles = (
        Article.objects.public()
        .for_display()
        .filter(slug__in=slugs)
        .prefetch_related("themes")
        .in_bulk(field_name="slug")
    )
    return [articles[slug] for slug in slugs if slug in articles]


def filter_names(state) -> list[str]:
    """The active filters as a reader names them: "Belga", "Donald Trump", "2018",
    "depuis octobre 2018", "sans date"."""
    return [chip.phrase for chip in state.chips()]


class SearchFeed(Feed):
    feed_type = Atom1Feed
    language = "fr"
    author_name = "Vigie"

    def get_object(self, request, search):
        return search

    def title(self, search):
        words = f"« {Truncator(search.state.q).chars(80)} »" if search.state.q else "derniers articles"
        filters = f" ({', '.join(search.filter_names)})" if search.filter_names else ""
        return xml_text(f"Vigie — {words}{filters}")

    def subtitle(self, search):
        return (
            "Les articles les plus récents de l'archive Vigie qui répondent à cette recherche "
            "(presse francophone sur la militarisation de la frontière États-Unis–Mexique)."
        )

    def link(self, search):
        return url_of(search.state.replace(sort=search.state.default_sort), page=False)

    def feed_url(self, search):
        return search.self_url

    def items(self, search):
        return search.articles

    def item_title(self, article):
        # Atom titles are plain text (the XML writer escapes them): Django's
        # default HTML-escaping, made for RSS, would show "l&#x27;armée".
        return xml_text(article.title)

    def item_description(self, article):
        # The summary is type="html": the article's text is escaped, so markup in it reads as text.
        text = article.lead or article.body
        date = display_at_precision(article.published_on, article.date_precision)
        source = article.source.name if article.source else "source inconnue"
        return xml_text(escape(f"{source}, {date}. {Truncator(text).words(SUMMARY_WORDS)}"))

    def item_pubdate(self, article):
        # Atom needs a date for every entry. An article's own date is used when
        # known (at its precision: the first day of its month or year); an undated
        # one is dated by its arrival in the archive, which is when it became new
        # to a subscriber. Never a publication date that was not given: the summary
        # says "date inconnue".
        if article.published_on:
            return timezone.make_aware(datetime.datetime.combine(article.published_on, datetime.time.min))
        return article.imported_at

    def item_updateddate(self, article):
        return article.updated_at

    def item_categories(self, article):
        return [xml_text(theme.name) for theme in article.themes.all()]
