"""An article held for an editor (an off-topic feed item) is on no public page,
in no search, API, export, feed or sitemap, until an editor accepts it."""

import pytest

from archive.models import Article, Review
from search.upkeep import indexing
from web.entities import entity_index
from web.figures import shown_figures
from web.home import archive_overview
from web.scope import Scope

EVERYTHING = Scope(everything=True)


@pytest.fixture
def held(seeds):
    article = max(seeds.values(), key=lambda a: (a.figures.count(), a.mentions.count()))
    Article.objects.filter(pk=article.pk).update(held=True)
    # Without signals, as a restore would: its copies' documents (their story's name) change too.
    indexing.update_articles([a.pk for a in seeds.values()])
    article.refresh_from_db()
    return article


def test_a_held_article_has_no_page_and_is_in_no_list(client, seeds, held):
    for url in (held.get_absolute_url(), f"/api/articles/{held.slug}/", f"/articles/{held.slug}/citation.bib"):
        assert client.get(url).status_code == 404, url
    word = held.title.split()[-1]
    for url in (
        "/api/search/",
        f"/api/search/?q={word}",
        "/recherche/export.json",
        "/recherche/export.csv",
        "/recherche/atom/",
        "/sitemap-articles.xml",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        body = b"".join(response.streaming_content if response.streaming else [response.content]).decode()
        assert held.slug not in body, url
        if "?q=" not in url:  # the other articles are there
            assert any(article.slug in body for article in seeds.values() if article.pk != held.pk), url
    assert archive_overview(EVERYTHING).articles == 4
    assert client.get("/sante/").json()["articles"] == 4


def test_its_figures_and_entities_are_not_counted(seeds, held):
    assert held.figures.exists() and held.mentions.exists()
    assert all(figure.article_id != held.pk for figure in shown_figures(EVERYTHING))
    counts = {row["value"]: row["count"] for rows in entity_index(1000, EVERYTHING).values() for row in rows}
    for mention in held.mentions.select_related("entity"):
        elsewhere = mention.entity.mentions.exclude(article=held).exclude(review=Review.REJECTED).count()
        assert counts.get(mention.entity.slug, 0) == elsewhere, mention.entity.name


def test_accepted_it_is_back_everywhere(client, seeds, held):
    Article.objects.filter(pk=held.pk).update(held=False)
    indexing.update_articles([held.pk])
    assert client.get(held.get_absolute_url()).status_code == 200
    assert held.slug in client.get("/api/search/").content.decode()


def test_an_entity_named_only_in_held_articles_has_no_page(client, seeds, held):
    others = Article.objects.exclude(pk=held.pk)
    only_here = [
        m.entity
        for m in held.mentions.select_related("entity")
        if not m.entity.mentions.filter(article__in=others).exists()
    ]
    shared = [m.entity for m in held.mentions.select_related("entity") if m.entity not in only_here]
    assert only_here and shared
    assert client.get(only_here[0].get_absolute_url()).status_code == 404
    assert client.get(shared[0].get_absolute_url()).status_code == 200
