"""Reading the pages the tests fetch: a page's HTML, one of its sections, an
entity link with its count, the queries a page costs; and dating an article."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from archive.models import Article
from search.upkeep import indexing


def html_of(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def section(html, css_class, tag="section"):
    """The element of class `css_class`, up to its closing tag (not nested in itself)."""
    start = html.index(f'class="{css_class}"')
    return html[start : html.index(f"</{tag}>", start)]


def counted(slug, name, count):
    """An entity link with its article count, as the lists show it."""
    return f'href="/entites/{slug}/"><span class="entity-name">{name}</span> <span class="count">{count}<'


def queries_for(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def dated(article, day, precision="day"):
    Article.objects.filter(pk=article.pk).update(published_on=day, date_precision=precision)
    indexing.update_articles([article.pk])


# Home page
