"""The home page: the archive's size and span, its newest articles, its most cited entities and themes."""

import re

from tests.web.page_parts import counted, html_of, queries_for, section

# Home page


def test_the_home_page_says_how_big_the_archive_is_and_when_its_articles_were_published(client, seeds):
    html = html_of(client, "/")
    text = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    assert "5 articles , 1 source , publiés entre octobre 2018 et juin 2021 (3 sans date connue)." in text


def test_the_home_page_has_a_labelled_search_box_that_leads_to_the_search(client, seeds):
    html = html_of(client, "/")
    assert '<form class="search-form home-search" role="search" method="get" action="/recherche/">' in html
    assert """<label for="q">Rechercher dans l'archive</label>""" in html
    assert '<input id="q" type="search" name="q"' in html


def test_the_home_page_lists_the_newest_articles_dated_ones_first(client, seeds):
    recent = section(html_of(client, "/"), "home-recent")
    links = re.findall(r'<a href="/articles/([^/]+)/">', recent)
    assert links[:2] == [seeds[3].slug, seeds[1].slug]  # juin 2021, then octobre 2018
    assert sorted(links[2:]) == sorted([seeds[0].slug, seeds[2].slug, seeds[4].slug])  # no date
    assert "juin 2021" in recent and "octobre 2018</span><span>Belga" in recent


def test_the_home_page_shows_only_the_eight_newest_articles(client, seeds, make_article):
    for day in range(1, 6):
        make_article(f"Article numéro {day} sur la frontière mexicaine et les migrants.", date=f"2022-03-0{day}")
    recent = section(html_of(client, "/"), "home-recent")
    assert recent.count('class="article-item"') == 8
    assert "5 mars 2022" in recent and seeds[3].title in recent


def test_the_home_page_links_the_most_cited_entities_to_their_pages_with_article_counts(client, seeds):
    html = html_of(client, "/")
    assert counted("donald-trump", "Donald Trump", 4) in html
    assert counted("etats-unis", "États-Unis", 5) in html
    assert counted("pentagone", "Pentagone", 2) in html


def test_the_home_page_links_themes_to_the_search_filtered_on_them(client, seeds):
    html = html_of(client, "/")
    theme = seeds[1].themes.first()
    count = theme.articles.count()
    # The search finds the articles the home page counted: those about the subject (all the seeds).
    search = f"/recherche/?theme={theme.slug}&amp;relevance=core&amp;relevance=related"
    link = f'<a href="{search}"><span class="entity-name">{theme.name}</span>'
    assert f'{link} <span class="count">{count}<' in html


def test_the_home_page_shows_at_most_eight_entities_of_each_kind(client, seeds):
    html = html_of(client, "/")
    places = html[html.index('id="places-heading"') : html.index('id="organisations-heading"')]
    assert places.count('href="/entites/') == 8


def test_the_home_page_costs_the_same_few_queries_whatever_the_archive_holds(client, seeds, make_article):
    before = queries_for(client, "/")
    assert before <= 7  # totals, sources, first and last date; labels of sources, entities, themes
    make_article("Le Pentagone envoie 800 soldats au Texas, a dit Joe Biden à Washington.", date="2023-01-10")
    assert queries_for(client, "/") == before


def test_the_site_name_in_every_header_leads_home(client, seeds):
    assert '<a class="brand" href="/">Vigie' in html_of(client, "/chiffres/")


def test_an_empty_archive_has_a_home_page_too(client, empty_index):
    html = html_of(client, "/")
    assert "L'archive ne contient encore aucun article." in html
    assert 'class="article-item"' not in html


# Entity pages
