"""Build search links that keep the whole search state in the URL."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def add_qsarg(context, name, value):
    """The current URL with `name=value` added (facet values combine) and no page."""
    query = context["request"].GET.copy()
    values = query.getlist(name)
    if str(value) not in values:
        query.setlist(name, values + [str(value)])
    query.pop("page", None)
    return "?" + query.urlencode()


@register.simple_tag(takes_context=True)
def remove_qsarg(context, name, value=None):
    """The current URL without `name=value` (or without `name`) and no page."""
    query = context["request"].GET.copy()
    if value is None:
        query.pop(name, None)
    else:
        query.setlist(name, [v for v in query.getlist(name) if v != str(value)])
    query.pop("page", None)
    return "?" + query.urlencode()


@register.simple_tag(takes_context=True)
def set_qsarg(context, name, value):
    """The current URL with `name` set to `value` (pagination, sort)."""
    query = context["request"].GET.copy()
    query[name] = str(value)
    return "?" + query.urlencode()


@register.filter
def facet_title(name):
    """ "person" → "Personne": the facet's heading."""
    from search.forms import FACETS

    return FACETS.get(name, name)
