from django import template

from archive.dates import display_at_precision

register = template.Library()


@register.filter
def at_precision(day, precision):
    """{{ article.published_on|at_precision:article.date_precision }}"""
    return display_at_precision(day, precision)


@register.filter
def thousands(number):
    """5200 → "5 200", with the narrow no-break space French typography uses."""
    try:
        return f"{int(number):,}".replace(",", "\u202f")
    except (TypeError, ValueError):
        return number


@register.filter
def is_web_address(url):
    """Only an http(s) address becomes a link: an article's address comes from
    the importer's metadata, and `javascript:` there would run on a click."""
    return str(url or "").strip().lower().startswith(("http://", "https://"))


@register.filter
def percent(share):
    """0.873 → "87 %" (French spacing, a no-break space before the sign)."""
    if share is None:
        return ""
    return f"{round(share * 100)}\u00a0%"
