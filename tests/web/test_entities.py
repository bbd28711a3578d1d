"""The entity pages and the list of entities."""

import re

import pytest

from archive.models import Alias, Entity, EntityKind, Mention, Review
from search.upkeep import indexing
from tests.web.page_parts import counted, html_of, queries_for, section

# Home page


def test_an_entity_page_names_the_entity_and_its_kind_and_counts_its_articles(client, seeds):
    html = html_of(client, "/entites/donald-trump/")
    assert '<p class="kind">Personne</p>' in html
    assert "<h1>Donald Trump</h1>" in html
    assert "Cité dans <strong>4 articles</strong> au sujet de l'archive" in html
    # The search finds the articles the page counted: those about the subject.
    search = "/recherche/?person=donald-trump&amp;relevance=core&amp;relevance=related"
    assert f'<a href="{search}">Rechercher dans ces articles</a>' in html


def test_an_entity_page_lists_every_article_naming_it_newest_first(client, seeds):
    articles = section(html_of(client, "/entites/donald-trump/"), "entity-articles")
    links = re.findall(r'<a href="/articles/([^/]+)/">', articles)
    assert links[0] == seeds[1].slug  # the only dated one
    assert sorted(links) == sorted(seeds[n].slug for n in (0, 1, 2, 4))


def test_the_kind_of_a_place_and_of_an_organisation_is_in_french(client, seeds):
    assert '<p class="kind">Lieu</p>' in html_of(client, "/entites/mexique/")
    assert '<p class="kind">Organisation</p>' in html_of(client, "/entites/pentagone/")


def test_an_entity_page_shows_its_other_spellings_but_not_its_name_again(client, seeds):
    trump = Entity.objects.get(slug="donald-trump")
    Alias.objects.create(entity=trump, name="Trump")
    html = html_of(client, "/entites/donald-trump/")
    assert 'Aussi écrit : <span class="spelling">Trump</span></p>' in html
    otan = html_of(client, "/entites/organisation-du-traite-de-latlantique-nord/")
    assert 'Aussi écrit : <span class="spelling">OTAN</span>' in otan


def test_an_entity_without_other_spellings_shows_none(client, seeds):
    assert "Aussi écrit" not in html_of(client, "/entites/halifax/")


def test_an_entity_page_lists_the_entities_named_in_its_articles_with_counts_within_them(client, seeds):
    aside = section(html_of(client, "/entites/donald-trump/"), "co-mentions", "aside")
    # Mexique is named in 3 articles, 2 of them about Trump; États-Unis in all 4 of his.
    assert counted("mexique", "Mexique", 2) in aside
    assert counted("etats-unis", "États-Unis", 4) in aside
    assert 'href="/entites/claudia-sheinbaum/"' in aside
    assert 'href="/entites/pentagone/"' in aside
    # Not himself, and nobody only named in articles without him.
    assert "/entites/donald-trump/" not in aside
    assert "/entites/kamala-harris/" not in aside


def test_an_entity_pages_coverage_chart_leads_to_the_search_narrowed_to_it_and_a_month(client, seeds):
    chart = section(html_of(client, "/entites/donald-trump/"), "entity-timeline")
    months = re.findall(r'href="([^"]*date_from=2018-10[^"]*)"', chart)
    assert months and all(m.startswith("/recherche/?") and "person=donald-trump" in m for m in months)
    assert 'href="?' not in chart
    assert re.search(r'href="/recherche/\?[^"]*undated=1[^"]*">3 sans date</a>', chart)


def test_an_unknown_entity_is_a_404(client, db):
    assert client.get("/entites/personne-inconnue/").status_code == 404


@pytest.mark.parametrize("page", ["abc", "0", "-3", "99999999", "1.5", ""])
def test_a_bad_page_number_shows_the_first_page_with_a_message(client, seeds, page):
    html = html_of(client, "/entites/donald-trump/", page=page)
    assert html.count('class="article-item"') == 4
    if page:
        assert "Paramètre « page » ignoré" in html


def test_a_page_past_the_end_shows_the_last_page(client, seeds):
    html = html_of(client, "/entites/donald-trump/", page="7")
    assert html.count('class="article-item"') == 4
    assert "Il n&#x27;y a que 1 page(s) de résultats : voici la dernière." in html


def test_an_entity_page_paginates_its_articles_twenty_at_a_time_newest_first(client, make_article):
    for n in range(22):
        make_article(
            f"Donald Trump annonce l'envoi de {n + 100} soldats à la frontière.",
            date=f"2019-{n % 12 + 1:02d}-{n // 12 + 1:02d}",
        )
    first = section(html_of(client, "/entites/donald-trump/"), "entity-articles")
    assert first.count('class="article-item"') == 20
    assert "1 à 20" in first and 'href="?page=2"' in first
    assert first.index("1 décembre 2019") < first.index("1 mars 2019")
    assert "janvier 2019" not in first
    second = section(html_of(client, "/entites/donald-trump/", page=2), "entity-articles")
    assert second.count('class="article-item"') == 2
    assert "21 à 22" in second
    assert second.index("2 janvier 2019") < second.index("1 janvier 2019")


def test_an_entity_page_costs_a_fixed_number_of_queries(client, seeds, make_article):
    before = queries_for(client, "/entites/donald-trump/")
    # The entity, its spellings; labels of sources, entities, themes; its quotes and their count.
    assert before <= 7
    make_article("Donald Trump et Joe Biden parlent du Mexique et du Pentagone.", date="2020-05-02")
    assert queries_for(client, "/entites/donald-trump/") == before


def test_an_entity_named_in_no_article_any_more_still_has_a_page(client, seeds):
    Mention.objects.filter(entity__slug="biden").update(review=Review.REJECTED)
    indexing.update_articles([seeds[3].pk])
    html = html_of(client, "/entites/biden/")
    assert "Aucun article au sujet de l'archive ne cite cette entité" in html
    assert 'class="article-item"' not in html
    everything = html_of(client, "/entites/biden/", sujet="tout")
    assert "Aucun article ne cite cette entité pour l'instant" in everything


def test_hostile_entity_names_and_spellings_are_escaped(client, seeds):
    entity = Entity.objects.create(kind=EntityKind.PERSON, name='<script>alert("x")</script>', slug="hostile")
    Alias.objects.create(entity=entity, name="<img src=x onerror=alert(1)>")
    Mention.objects.create(article=seeds[1], entity=entity)
    indexing.update_articles([seeds[1].pk])
    html = html_of(client, "/entites/hostile/")
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "&lt;script&gt;" in html_of(client, "/entites/donald-trump/")  # as a co-mention


def test_an_article_page_links_its_entities_to_their_pages(client, seeds):
    html = html_of(client, seeds[1].get_absolute_url())
    assert '<a href="/entites/donald-trump/">Donald Trump</a>' in html
    assert '<a href="/entites/garde-nationale/">Garde nationale</a>' in html


def test_the_list_of_entities_counts_the_articles_naming_each(client, seeds):
    html = html_of(client, "/entites/")
    people = html[html.index('id="people-heading"') : html.index('id="places-heading"')]
    assert counted("donald-trump", "Donald Trump", 4) in people
    assert people.index("Donald Trump") < people.index("Biden")  # most cited first
    Mention.objects.filter(entity__slug="biden").update(review=Review.REJECTED)
    assert "/entites/biden/" not in html_of(client, "/entites/")


def test_the_list_of_entities_costs_one_query_per_kind(client, seeds, django_assert_num_queries):
    with django_assert_num_queries(3):
        client.get("/entites/")


# Figures page
