"""A person's quotes on their page, and search by who is quoted (the
`speaker` facet), on the seeds as imported."""

from archive.models import Quote, Review
from search.upkeep import indexing
from tests.web.page_parts import html_of, section


def test_an_entity_page_lists_the_quotes_of_its_speaker_with_their_article(client, seeds):
    quotes = section(html_of(client, "/entites/kamala-harris/"), "entity-quotes")
    assert '<h2 id="quotes-heading">Ses citations</h2>' in quotes
    assert "« Les États-Unis et le Mexique partagent une histoire et des liens familiaux »" in quotes
    assert f'<a href="/articles/{seeds[3].slug}/">' in quotes
    assert 'href="/recherche/?speaker=kamala-harris' in quotes


def test_a_rejected_quote_leaves_the_speakers_page(client, seeds):
    for quote in Quote.objects.filter(speaker_entity__slug="kamala-harris"):
        quote.review = Review.REJECTED
        quote.save()
    assert "entity-quotes" not in html_of(client, "/entites/kamala-harris/")


def test_an_entity_nobody_quotes_has_no_quotes_section(client, seeds):
    assert "entity-quotes" not in html_of(client, "/entites/mexique/")


def test_the_article_page_links_a_speaker_to_their_page(client, seeds):
    html = html_of(client, f"/articles/{seeds[3].slug}/")
    assert '— <a href="/entites/kamala-harris/">Kamala Harris</a>' in html


def test_search_finds_the_articles_that_quote_a_speaker(client, seeds):
    found = client.get("/api/search/?speaker=kamala-harris&relevance=core&relevance=related").json()
    assert [r["slug"] for r in found["results"]] == [seeds[3].slug]
    speakers = {f["value"]: f for f in found["facets"]["speaker"]}
    assert speakers["kamala-harris"]["label"] == "Kamala Harris"
    html = html_of(client, "/recherche/?speaker=kamala-harris")
    assert "Cité (locuteur)" in html
    assert f"/articles/{seeds[3].slug}/" in html


def test_a_speaker_without_quotes_left_finds_nothing_once_reindexed(client, seeds):
    Quote.objects.filter(speaker_entity__slug="kamala-harris").update(review=Review.REJECTED)
    indexing.update_articles([seeds[3].pk])
    found = client.get("/api/search/?speaker=kamala-harris&relevance=core&relevance=related").json()
    assert found["count"] == 0
