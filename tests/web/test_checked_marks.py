"""Checked or not, visibly: every fact Vigie extracted (entities, figures, quotes,
a date found in the text, a title it made) says, in words, that it was
extracted automatically until an editor accepts it, then that it was checked;
the article page, the entity page and the API agree."""

import re

from archive.models import Article, Figure, Mention, Quote, Review
from tests.web.page_parts import html_of

AUTO_TAG = (
    '<span aria-hidden="true">auto</span><span class="visually-hidden">extrait automatiquement, non vérifié</span>'
)
CHECKED_TAG = '<span aria-hidden="true">✓</span><span class="visually-hidden">vérifié par un éditeur</span>'


def aside(html):
    return html[html.index('<aside class="facts"') : html.index("</aside>")]


def tag_of(html, name):
    """The list item of an entity's tag in the facts beside the article."""
    return re.search(rf"<li><a href=\"/entites/[^\"]+/\">{re.escape(name)}</a>.*?</li>", aside(html)).group()


def api(client, article):
    return client.get(f"/api/articles/{article.slug}/").json()


def test_every_extracted_entity_figure_and_quote_is_marked_unchecked(client, seeds):
    article = seeds[1]
    html = aside(html_of(client, article.get_absolute_url()))
    assert html.count(AUTO_TAG) == Mention.objects.filter(article=article).count() == 8
    figures, quotes = Figure.objects.filter(article=article).count(), Quote.objects.filter(article=article).count()
    assert html.count("extrait automatiquement, non vérifié</span></p>") == figures == 5
    assert html.count("extraite automatiquement, non vérifiée</span></p>") == quotes == 4
    assert "vérifié par un éditeur" not in html.replace("</span> vérifié par un éditeur.", "")  # the legend
    assert "Repérés automatiquement dans le texte" in html


def test_what_an_editor_accepted_is_marked_checked_and_the_rest_stays_unchecked(client, seeds):
    article = seeds[1]
    Mention.objects.filter(article=article, entity__name="Donald Trump").update(review=Review.ACCEPTED)
    figure = Figure.objects.filter(article=article).first()
    Figure.objects.filter(pk=figure.pk).update(review=Review.ACCEPTED)
    Quote.objects.filter(article=article).update(review=Review.ACCEPTED)
    html = html_of(client, article.get_absolute_url())
    assert CHECKED_TAG in tag_of(html, "Donald Trump")
    assert AUTO_TAG in tag_of(html, "Pentagone")
    facts = aside(html)
    assert facts.count("✓ </span>vérifié par un éditeur</span>") == 1
    assert facts.count("extrait automatiquement, non vérifié</span></p>") == 4
    assert facts.count("✓ </span>vérifiée par un éditeur</span>") == 4


def test_the_api_gives_each_facts_review(client, seeds):
    article = seeds[1]
    Mention.objects.filter(article=article, entity__name="Donald Trump").update(review=Review.ACCEPTED)
    data = api(client, article)
    by_name = {entity["name"]: entity for entity in data["entities"]}
    assert by_name["Donald Trump"] | {} == {
        "name": "Donald Trump", "kind": "person", "slug": "donald-trump", "review": "accepted", "checked": True
    }  # fmt: skip
    assert (by_name["Pentagone"]["review"], by_name["Pentagone"]["checked"]) == ("pending", False)
    assert sorted(by_name) == sorted(data["people"] + data["places"] + data["organisations"])
    assert all(f["review"] == "pending" and f["checked"] is False for f in data["figures"] + data["quotes"])


def test_a_date_found_in_the_text_is_unchecked_until_an_editor_verifies_the_article(client, seeds):
    article = seeds[3]
    assert article.date_found_by == "text"
    html = html_of(client, article.get_absolute_url())
    assert "déduite du texte" in html and "extraite automatiquement, non vérifiée" in html.split("<dt>Source")[0]
    assert api(client, article)["date_checked"] is False
    Article.objects.filter(pk=article.pk).update(verified=True)
    html = html_of(client, article.get_absolute_url())
    assert "vérifiée par un éditeur" in html.split("<dt>Source")[0]
    assert api(client, article)["date_checked"] is True


def test_a_date_given_with_the_file_carries_no_mark(client, make_article):
    article = make_article("Le soldat est parti.", date="2020-05-04", title="Un titre donné")
    html = html_of(client, article.get_absolute_url())
    assert "automatiquement" not in html.split("<dt>Source")[0]
    data = api(client, article)
    assert (data["date_checked"], data["title_checked"]) == (None, None)


def test_a_title_vigie_made_is_marked_attributed_and_unchecked(client, seeds):
    article = seeds[1]
    html = html_of(client, article.get_absolute_url())
    header = html[html.index("<h1>") : html.index('<dl class="article-meta">')]
    assert '<strong class="attributed">[titre attribué]</strong>' in header
    assert "extrait automatiquement, non vérifié" in header
    assert api(client, article)["title_checked"] is False
    Article.objects.filter(pk=article.pk).update(verified=True)
    header = html_of(client, article.get_absolute_url()).split('<dl class="article-meta">')[0]
    assert "[titre attribué]" in header and "vérifié par un éditeur" in header
    assert api(client, article)["title_checked"] is True


def test_the_entity_page_says_whether_an_editor_checked_the_entity(client, seeds):
    html = html_of(client, "/entites/pentagone/")
    assert '<p class="entity-check">Entité <span class="check check-auto">extraite automatiquement' in html
    Mention.objects.filter(entity__name="Pentagone").update(review=Review.ACCEPTED)
    html = html_of(client, "/entites/pentagone/")
    assert "vérifiée par un éditeur" in html.split('class="entity-check"')[1].split("</p>")[0]


def test_the_figures_page_marks_each_figure_checked_or_not(client, seeds):
    figure = Figure.objects.filter(article=seeds[1]).first()
    Figure.objects.filter(pk=figure.pk).update(review=Review.ACCEPTED)
    html = html_of(client, "/chiffres/", sujet="tout")
    table = html[html.index('<table class="figures-table"') : html.index("</table>")]
    shown = Figure.objects.exclude(review=Review.REJECTED).count()
    assert table.count(CHECKED_TAG) == 1
    assert table.count(AUTO_TAG) == shown - 1
