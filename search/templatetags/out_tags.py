"""Links out of a search page: exports and the feed, built from the validated
search (a malformed parameter the page ignored is not carried into them)."""

from django import template
from django.urls import reverse

from search.forms import querystring

register = template.Library()


@register.simple_tag
def export_url(url_name, params):
    """The export `url_name` of the whole search: every page, in its order."""
    return _url(url_name, querystring(params, page=None))


@register.simple_tag
def feed_url(params):
    """The search's Atom feed: newest first whatever the page's order."""
    return _url("search:feed", querystring(params, page=None, sort=None))


def _url(url_name, query):
    return reverse(url_name) + (f"?{query}" if query else "")
