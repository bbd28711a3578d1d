"""Links that keep the current URL's parameters (pagination, result ranks);
search links built from validated parameters are search.forms.search_url."""

from django import template

register = template.Library()


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
