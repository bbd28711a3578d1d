from django import template

from archive.dates import display_at_precision

register = template.Library()


@register.filter
def at_precision(day, precision):
    """{{ article.published_on|at_precision:article.date_precision }}"""
    return display_at_precision(day, precision)
