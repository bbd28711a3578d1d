"""The deployment figures page, its table and its chart."""

import datetime
import re

from archive.models import Article, Figure, Review
from tests.web.page_parts import dated, html_of
from web.figures_chart import _log_bounds, _log_ticks, _month_ticks


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
