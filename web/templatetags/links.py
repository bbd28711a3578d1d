"""Links built where pages are rendered: a search state (search/query/state.py)
turned into the address of the search page, an export or the feed."""

from functools import lru_cache
from urllib.parse import urlencode

from django import template
from django.urls import get_script_prefix, reverse

from search.query.facets import FACETS
from search.query.neighbours import RANK_PARAMETER

register = template.Library()


@lru_cache(maxsize=8)
def _path(url_name: str, script_prefix: str) -> str:
    # A results page links to the search some 150 times (facet values, chips,
    # chart bars): each path is worked out once per script prefix.
    return reverse(url_name)


def url_of(state, url_name=None, page=True) -> str:
    """The address of `url_name` (the search page, an export, the feed) for
    `state`; by default the page the state belongs to (its `url_name`: the
    figures' filters lead to /chiffres/), else the search."""
    url_name = url_name or getattr(state, "url_name", "search")
    query = state.querystring(page=page)
    return _path(url_name, get_script_prefix()) + (f"?{query}" if query else "")


@register.simple_tag
def search_href(state):
    return url_of(state)


@register.simple_tag
def toggle_href(state, facet, value):
    """The search with `value` of `facet` chosen too, or no longer."""
    return url_of(state.toggled(facet, value))


@register.simple_tag
def period_href(state, period):
    """The search within one month or year of its coverage chart."""
    return url_of(state.in_period(period))


@register.simple_tag
def undated_href(state):
    return url_of(state.undated_only())


@register.simple_tag
def copies_href(state, story):
    """Every article of one wire story (what « N reprises » opens)."""
    return url_of(state.story_copies(story))


@register.simple_tag
def export_href(url_name, state):
    """The export `url_name` of the whole search: every page, in its order."""
    return url_of(state, url_name, page=False)


@register.simple_tag
def feed_href(state):
    """The search's Atom feed: newest first whatever the page's order."""
    return url_of(state.replace(sort=state.default_sort), "feed", page=False)


@register.simple_tag
def rank_query(state, rank):
    """The query string of an article opened from the search `state` at `rank`:
    the article page finds its neighbours and the way back from it."""
    return urlencode([*state.pairs(), (RANK_PARAMETER, str(rank))])


@register.simple_tag(takes_context=True)
def page_href(context, state, number):
    """Page `number` of the results: from the search `state` when there is one (a
    value the search ignored, « ?year=zzz », is not carried from page to page),
    else the current URL with its page changed (an entity's articles)."""
    if state:
        return url_of(state.on_page(int(number)))
    return set_qsarg(context, "page", number)


@register.simple_tag(takes_context=True)
def set_qsarg(context, name, value):
    """The current URL with `name` set to `value` (pagination)."""
    query = context["request"].GET.copy()
    query[name] = str(value)
    return "?" + query.urlencode()


@register.filter
def facet_title(name):
    """ "person" → "Personne": the facet's heading."""
    facet = FACETS.get(name)
    return facet.label if facet else name


@register.filter
def may_require_all(state, facet):
    """{% if search.state|may_require_all:name %}: two values or more of a facet
    that may be asked for all together."""
    return state.may_require_all(facet)


@register.simple_tag
def combine_href(state, facet):
    """The search with the values of `facet` combined the other way (AND ↔ OR)."""
    return url_of(state.requiring_all(facet, facet not in state.all_of))
