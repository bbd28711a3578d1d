"""The pages to browse the archive without a query: home, entities, figures."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from archive.figures_page import _log_bounds, _log_ticks, _month_ticks
from archive.models import Alias, Article, Entity, EntityKind, Figure, Mention, Review
from search import indexing


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
        make_article(f"Article numéro {day} sur la frontière et les soldats.", date=f"2022-03-0{day}")
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
    link = f'<a href="/recherche/?theme={theme.slug}"><span class="entity-name">{theme.name}</span>'
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


def test_an_entity_page_names_the_entity_and_its_kind_and_counts_its_articles(client, seeds):
    html = html_of(client, "/entites/donald-trump/")
    assert '<p class="kind">Personne</p>' in html
    assert "<h1>Donald Trump</h1>" in html
    assert "Cité dans <strong>4 articles</strong>" in html
    assert '<a href="/recherche/?person=donald-trump">Rechercher dans ces articles</a>' in html


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
    assert "Aussi écrit" not in html_of(client, "/entites/pentagone/")


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
    assert before <= 5  # the entity, its spellings; labels of sources, entities, themes
    make_article("Donald Trump et Joe Biden parlent du Mexique et du Pentagone.", date="2020-05-02")
    assert queries_for(client, "/entites/donald-trump/") == before


def test_an_entity_named_in_no_article_any_more_still_has_a_page(client, seeds):
    Mention.objects.filter(entity__slug="biden").update(review=Review.REJECTED)
    indexing.update_articles([seeds[3].pk])
    html = html_of(client, "/entites/biden/")
    assert "Aucun article ne cite cette entité pour l'instant" in html
    assert 'class="article-item"' not in html


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


def figure_rows(html):
    return re.findall(r"<tr>\s*<td data-label=\"Date\".*?</tr>", html, re.S)


def test_the_figures_page_lists_every_figure_not_rejected_in_a_table(client, seeds):
    html = html_of(client, "/chiffres/")
    shown = Figure.objects.exclude(review=Review.REJECTED).count()
    assert len(figure_rows(html)) == shown == 11
    assert "<caption" in html and '<th scope="col" class="num">Effectif</th>' in html
    row = next(r for r in figure_rows(html) if "12\u202f000" in r)
    assert "juin 2021" in row
    assert "plus de 12\u202f000 agents de sécurité" in row
    assert f'<a href="{seeds[3].get_absolute_url()}">{seeds[3].title}</a>' in row


def test_a_rejected_figure_is_left_out(client, seeds):
    Figure.objects.filter(count=12000).update(review=Review.REJECTED)
    html = html_of(client, "/chiffres/")
    assert len(figure_rows(html)) == 10
    assert "12\u202f000" not in html


def test_figures_come_in_article_date_order_undated_last(client, seeds):
    dates = [
        re.search(r'data-label="Date" class="date">([^<]+)<', row)[1]
        for row in figure_rows(html_of(client, "/chiffres/"))
    ]
    assert dates[:6] == ["octobre 2018"] * 5 + ["juin 2021"]
    assert set(dates[6:]) == {"date inconnue"}


def test_the_force_filter_lists_each_force_with_its_count(client, seeds):
    html = html_of(client, "/chiffres/")
    assert '<select id="force" name="force">' in html
    assert '<option value="" selected>toutes</option>' in html
    assert '<option value="Garde nationale">Garde nationale (5)</option>' in html
    assert '<option value="armée américaine">armée américaine (3)</option>' in html


def test_filtering_by_force_keeps_only_its_figures(client, seeds):
    html = html_of(client, "/chiffres/", force="Garde nationale")
    rows = figure_rows(html)
    assert len(rows) == 5
    assert all('data-label="Force">Garde nationale</td>' in row for row in rows)
    assert '<option value="Garde nationale" selected>' in html
    assert "<h1>Chiffres de déploiement : Garde nationale</h1>" in html


def test_an_unknown_force_shows_a_message_and_every_figure(client, seeds):
    html = html_of(client, "/chiffres/", force="<b>légion</b>")
    assert "Force inconnue : « &lt;b&gt;légion&lt;/b&gt; ». Tous les chiffres sont affichés." in html
    assert len(figure_rows(html)) == 11


def test_the_chart_draws_each_dated_figure_with_a_tooltip_and_a_link(client, seeds):
    html = html_of(client, "/chiffres/")
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert 'role="group" aria-labelledby="figures-chart-title figures-chart-desc"' in svg
    assert '<title id="figures-chart-title">Chiffres de déploiement au fil du temps</title>' in svg
    assert 'viewBox="0 0 720 320"' in svg
    assert svg.count("<circle") == 6  # the dated figures; undated ones are only in the table
    assert f'<a href="{seeds[3].get_absolute_url()}" tabindex="-1" aria-label="juin 2021 : plus de 12' in svg
    assert "<title>juin 2021 : plus de 12\u202f000 agents de sécurité — " in svg
    assert ">2019</text>" in svg and ">10\u202f000</text>" in svg
    assert "Effectif (échelle logarithmique)" in svg
    # Coordinates with a decimal point: the French comma would break the drawing.
    assert not re.search(r'(?:x|y|cx|cy|r|x1|x2|y1|y2)="-?\d+,\d', svg)


def test_the_chart_is_narrowed_by_the_force_filter_too(client, seeds):
    html = html_of(client, "/chiffres/", force="Garde nationale")
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert svg.count("<circle") == 3  # the dated ones, all in seed 1
    assert "agents de sécurité" not in svg


def test_the_same_figure_in_two_copies_of_a_story_is_one_point_naming_both(client, seeds):
    dated(seeds[2], datetime.date(2018, 10, 1), "month")  # the wire copy of seed 1
    html = html_of(client, "/chiffres/")
    svg = html[html.index("<svg") : html.index("</svg>")]
    point = next(t for t in re.findall(r"<title>([^<]*)</title>", svg) if "4\u202f000" in t)
    assert seeds[1].title[:40] in point and " ; " in point and seeds[2].title[:40] in point


def test_without_a_dated_figure_there_is_no_chart_but_still_the_table(client, seeds):
    Article.objects.update(published_on=None, date_precision="unknown")
    html = html_of(client, "/chiffres/")
    assert "<svg" not in html
    assert len(figure_rows(html)) == 11


def test_an_archive_without_figures_says_so(client, empty_index):
    assert "Aucun chiffre de déploiement pour l'instant." in html_of(client, "/chiffres/")


def many_figures(article, count):
    Figure.objects.bulk_create(
        Figure(
            article=article,
            count=100 + n,
            unit="soldats",
            force="Marines",
            sentence=f"Phrase {n}.",
            key=f"k{n}",
            position=n,
        )
        for n in range(count)
    )


def test_the_table_shows_a_hundred_figures_a_page(client, seeds):
    many_figures(seeds[3], 120)
    first = html_of(client, "/chiffres/")
    assert len(figure_rows(first)) == 100
    assert "Page 1 sur 2" in first and 'href="?page=2"' in first
    second = html_of(client, "/chiffres/", force="Marines", page=2)
    assert len(figure_rows(second)) == 20
    assert 'href="?force=Marines&amp;page=1"' in second
    # The chart shows every figure of the filter, not only the page's.
    tooltips = " ".join(re.findall(r"<title>[^<]*</title>", second))
    assert tooltips.count("soldats (Marines)") == 120
    assert html_of(client, "/chiffres/", page="abc").count("Page 1 sur 2") == 1
    assert "Page 2 sur 2" in html_of(client, "/chiffres/", page="999")


def test_the_figures_page_costs_two_queries_however_many_figures(client, seeds, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        client.get("/chiffres/")
    many_figures(seeds[3], 50)
    with django_assert_max_num_queries(2):
        client.get("/chiffres/?force=Marines")


def test_hostile_figure_text_is_escaped_in_the_table_and_the_chart(client, seeds):
    Figure.objects.create(
        article=seeds[3], count=300, unit="<script>alert(1)</script>", force='"><img src=x>', sentence="x"
    )
    html = html_of(client, "/chiffres/")
    assert "<script>alert(1)" not in html and "<img src=x>" not in html
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert "<title>juin 2021 : 300 &lt;script&gt;alert(1)&lt;/script&gt; (&quot;&gt;&lt;img src=x&gt;) — " in svg
    assert '<td data-label="Force">&quot;&gt;&lt;img src=x&gt;</td>' in html


# The chart's scales


def test_the_count_scale_runs_between_nice_values_around_the_figures():
    assert _log_bounds(80, 15000) == (50, 20000)
    assert _log_ticks(50, 20000) == [50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000]
    assert _log_bounds(5000, 5000) == (2000, 10000)
    assert _log_bounds(0, 1) == (1, 2)


def test_the_time_axis_labels_months_within_a_year_and_januaries_beyond():
    short = _month_ticks(datetime.date(2018, 10, 1), datetime.date(2019, 3, 31))
    assert [label for _, label in short] == ["oct. 2018", "nov.", "déc.", "jan. 2019", "fév.", "mars"]
    long = _month_ticks(datetime.date(2018, 10, 1), datetime.date(2021, 6, 30))
    assert [label for _, label in long] == ["2019", "2020", "2021"]
    decades = _month_ticks(datetime.date(1990, 1, 1), datetime.date(2024, 12, 31))
    assert len(decades) <= 10 and decades[0][1] == "1990"
