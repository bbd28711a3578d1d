"""The deployment figures page: its filters, table, pagination and chart."""

import datetime
import math
import re

from archive.models import Article, Figure, Review
from tests.web.page_parts import dated, html_of
from web.figures_chart import NARROW, Tick, _log_bounds, _log_ticks, _month_ticks, _without_overlap


def figure_rows(html):
    return re.findall(r"<tr id=\"chiffre-\d+\">\s*<td data-label=\"Date\".*?</tr>", html, re.S)


def svg_of(html, name="wide"):
    start = html.index(f'<svg class="chart-{name}"')
    return html[start : html.index("</svg>", start)]


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
    assert '<select name="force" id="id_force">' in html
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
    assert "Filtre « Force » ignoré : force inconnue : « &lt;b&gt;légion&lt;/b&gt; »." in html
    assert len(figure_rows(html)) == 11


def test_filtering_by_source_keeps_its_articles_figures(client, seeds):
    html = html_of(client, "/chiffres/", source="belga")
    assert '<option value="belga" selected>Belga (5)</option>' in html
    rows = figure_rows(html)
    assert len(rows) == 5 and all('data-label="Source" class="meta">Belga</td>' in row for row in rows)


def test_filtering_by_theme_keeps_the_figures_of_articles_on_it(client, seeds):
    html = html_of(client, "/chiffres/", theme="cooperation-etats-unis-mexique")
    assert len(figure_rows(html)) == 2  # seeds 3 and 4: one figure each
    assert "12\u202f000" in html and "10\u202f000" in html
    assert '<option value="garde-nationale">Garde nationale (5)</option>' in html


def test_filtering_by_announcer_lists_who_announced_and_keeps_their_figures(client, seeds):
    Figure.objects.filter(count__in=[5000, 800]).update(announcer="le Pentagone")
    Figure.objects.filter(count=12000).update(announcer="Alejandro Mayorkas")
    html = html_of(client, "/chiffres/")
    assert '<option value="le Pentagone">le Pentagone (3)</option>' in html
    html = html_of(client, "/chiffres/", announcer="le Pentagone")
    rows = figure_rows(html)
    assert len(rows) == 3 and all('data-label="Annoncé par">le Pentagone</td>' in row for row in rows)
    assert "Aucun" not in html


def test_filters_combine(client, seeds):
    html = html_of(client, "/chiffres/", force="Garde nationale", source="belga", theme="garde-nationale")
    assert len(figure_rows(html)) == 3  # seed 2's Garde nationale figures have no source
    html = html_of(client, "/chiffres/", force="Marines", source="belga")
    assert "Filtre « Force » ignoré" in html
    html = html_of(client, "/chiffres/", force="armée américaine", theme="cooperation-etats-unis-mexique")
    assert not figure_rows(html)
    assert "Aucun chiffre ne correspond à ces filtres." in html and 'href="/chiffres/">Voir tous les chiffres' in html


def test_a_period_keeps_the_figures_of_articles_dated_within_it(client, seeds):
    assert len(figure_rows(html_of(client, "/chiffres/", date_from="2019"))) == 1  # June 2021
    assert len(figure_rows(html_of(client, "/chiffres/", date_to="2018-12-31"))) == 5
    # Seed 1 is dated « octobre 2018 »: the month overlaps a period starting mid-October.
    assert len(figure_rows(html_of(client, "/chiffres/", date_from="15/10/2018", date_to="2018-10-20"))) == 5
    assert len(figure_rows(html_of(client, "/chiffres/", date_from="2018-11", date_to="2021-05"))) == 0
    # Undated articles have no place in a period.
    assert "date inconnue" not in html_of(client, "/chiffres/", date_from="2000")


def test_a_period_the_wrong_way_round_is_put_right(client, seeds):
    html = html_of(client, "/chiffres/", date_from="2022", date_to="2018")
    assert "Les deux dates étaient inversées" in html
    assert len(figure_rows(html)) == 6


def test_bad_values_give_french_messages_never_an_error(client, seeds):
    html = html_of(
        client, "/chiffres/", date_from="hier", date_to="2018-13", source="<x>", theme="nope", page="abc", foo="1"
    )
    assert "Filtre « Depuis » ignoré : « hier » n&#x27;est pas une date" in html
    assert "Filtre « Jusqu&#x27;à » ignoré : « 2018-13 » n&#x27;est pas une date" in html
    assert "Filtre « Source » ignoré : valeur inconnue : « &lt;x&gt; »." in html
    assert "Filtre « Thème » ignoré : valeur inconnue : « nope »." in html
    assert "Filtre « Page » ignoré" in html
    assert "Paramètre inconnu ignoré : « foo »" in html
    assert len(figure_rows(html)) == 11
    assert 'value="hier"' in html  # kept in its box, to be corrected
    huge = html_of(client, "/chiffres/", force="x" * 5000, date_from="9" * 5000)
    messages = huge[huge.index('<div class="messages"') : huge.index("</div>", huge.index('<div class="messages"'))]
    assert "Filtre « Force » ignoré" in messages and "x" * 200 not in messages
    assert len(figure_rows(huge)) == 11


def test_active_filters_are_chips_that_remove_themselves(client, seeds):
    html = html_of(client, "/chiffres/", force="Garde nationale", source="belga", date_from="2018", sujet="tout")
    chips = html[html.index('<ul class="chips"') : html.index("</ul>", html.index('<ul class="chips"'))]
    assert '<span class="chip-name">Force :</span> Garde nationale' in chips
    assert '<span class="chip-name">Source :</span> Belga' in chips
    assert '<span class="chip-name">Depuis :</span> 2018' in chips
    assert (
        'href="/chiffres/?sujet=tout&amp;source=belga&amp;date_from=2018" aria-label="Retirer le filtre Force' in chips
    )
    assert (
        'href="/chiffres/?sujet=tout&amp;force=Garde+nationale&amp;date_from=2018" aria-label="Retirer le filtre Source'
        in chips
    )
    assert 'href="/chiffres/?sujet=tout">Tout effacer' in chips
    assert '<ul class="chips"' not in html_of(client, "/chiffres/")


def test_the_chart_draws_each_dated_figure_linking_to_its_row(client, seeds):
    html = html_of(client, "/chiffres/")
    svg = svg_of(html)
    assert 'role="group" aria-labelledby="figures-chart-title-wide figures-chart-desc-wide"' in svg
    assert '<title id="figures-chart-title-wide">Chiffres de déploiement au fil du temps</title>' in svg
    assert 'viewBox="0 0 720 320"' in svg
    assert svg.count("<circle") == 6  # the dated figures; undated ones are only in the table
    row = Figure.objects.get(count=12000).pk
    assert f'<a href="/chiffres/#chiffre-{row}" tabindex="-1" aria-label="juin 2021 : plus de 12' in svg
    assert f'<tr id="chiffre-{row}">' in html
    assert "<title>juin 2021 : plus de 12\u202f000 agents de sécurité — " in svg
    assert ">2019</text>" in svg and ">10\u202f000</text>" in svg
    assert "Effectif (échelle logarithmique)" in svg
    # Coordinates with a decimal point: the French comma would break the drawing.
    assert not re.search(r'(?:x|y|cx|cy|r|x1|x2|y1|y2)="-?\d+,\d', svg)


def test_the_chart_says_nothing_only_on_hover(client, seeds):
    html = html_of(client, "/chiffres/")
    assert "Survolez" not in html
    assert "Le tableau ci-dessous donne chaque chiffre en toutes lettres ; un point mène à sa ligne." in html


def test_a_phone_gets_a_drawing_of_its_own_with_labels_apart(client, seeds):
    many_figures(seeds[3], 30, counts=[3, 40, 700, 9000, 150000])
    svg = svg_of(html_of(client, "/chiffres/"), "narrow")
    assert f'viewBox="0 0 {NARROW.width} {NARROW.height}"' in svg
    assert "Effectif (échelle logarithmique)" not in svg  # the caption says it
    heights = [float(y) for y in re.findall(r'<text class="y-label" x="[\d.]+" y="([\d.]+)"', svg)]
    assert len(heights) >= 3
    assert all(b - a >= NARROW.font * 1.4 for a, b in zip(sorted(heights), sorted(heights)[1:], strict=False))
    # The widest count label fits left of the axis: none is cut at the screen's edge.
    labels = re.findall(r'<text class="y-label" x="([\d.]+)" y="[\d.]+">([^<]+)</text>', svg)
    assert ("100\u202f000" in [label for _, label in labels]) and float(labels[0][0]) > 7 * NARROW.font * 0.6


def test_a_point_on_a_later_page_leads_to_that_page_with_the_filters(client, seeds):
    many_figures(seeds[3], 40)
    last = Figure.objects.filter(force="Marines").order_by("position").last()
    svg = svg_of(html_of(client, "/chiffres/", force="Marines", date_from="2021"))
    assert f'href="/chiffres/?force=Marines&amp;date_from=2021&amp;page=2#chiffre-{last.pk}"' in svg


def test_the_chart_is_narrowed_by_the_force_filter_too(client, seeds):
    svg = svg_of(html_of(client, "/chiffres/", force="Garde nationale"))
    assert svg.count("<circle") == 3  # the dated ones, all in seed 1
    assert "agents de sécurité" not in svg


def test_the_same_figure_in_two_copies_of_a_story_is_one_point_naming_both(client, seeds):
    dated(seeds[2], datetime.date(2018, 10, 1), "month")  # the wire copy of seed 1
    html = html_of(client, "/chiffres/")
    svg = svg_of(html)
    point = next(t for t in re.findall(r"<title>([^<]*)</title>", svg) if "4\u202f000" in t)
    assert seeds[1].title[:40] in point and " ; " in point and seeds[2].title[:40] in point


def test_without_a_dated_figure_there_is_no_chart_but_still_the_table(client, seeds):
    Article.objects.update(published_on=None, date_precision="unknown")
    html = html_of(client, "/chiffres/")
    assert "<svg" not in html
    assert len(figure_rows(html)) == 11


def test_an_archive_without_figures_says_so(client, empty_index):
    assert "Aucun chiffre de déploiement pour l'instant." in html_of(client, "/chiffres/")


def many_figures(article, count, counts=None):
    Figure.objects.bulk_create(
        Figure(
            article=article,
            count=counts[n % len(counts)] if counts else 100 + n,
            unit="soldats",
            force="Marines",
            sentence=f"Phrase {n}.",
            key=f"k{n}",
            position=n,
        )
        for n in range(count)
    )


def test_the_table_shows_twenty_five_figures_a_page(client, seeds):
    many_figures(seeds[3], 30)
    first = html_of(client, "/chiffres/")
    assert len(figure_rows(first)) == 25
    assert "Page 1 sur 2" in first and 'href="/chiffres/?page=2"' in first
    second = html_of(client, "/chiffres/", force="Marines", page=2, bogus="x")
    assert len(figure_rows(second)) == 5
    # The way back keeps the filters, not a parameter the page ignored.
    assert 'rel="prev" href="/chiffres/?force=Marines"' in second
    # The chart shows every figure of the filter, not only the page's.
    tooltips = " ".join(re.findall(r"<title>[^<]*</title>", svg_of(second)))
    assert tooltips.count("soldats (Marines)") == 30
    assert "Page 2 sur 2" in html_of(client, "/chiffres/", page="999")


def test_the_figures_page_costs_three_queries_however_many_figures(client, seeds, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        client.get("/chiffres/")
    many_figures(seeds[3], 50)
    Figure.objects.update(announcer="le Pentagone")
    with django_assert_max_num_queries(3):
        response = client.get("/chiffres/?force=Marines&theme=caravanes-de-migrants&date_from=2020&page=2")
    assert len(figure_rows(response.content.decode())) == 25


def test_hostile_figure_text_is_escaped_in_the_table_and_the_chart(client, seeds):
    Figure.objects.create(
        article=seeds[3], count=300, unit="<script>alert(1)</script>", force='"><img src=x>', sentence="x"
    )
    html = html_of(client, "/chiffres/")
    assert "<script>alert(1)" not in html and "<img src=x>" not in html
    svg = svg_of(html)
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


def test_axis_labels_that_would_touch_are_left_out_their_marks_kept():
    ticks = _without_overlap([Tick(0, "2019"), Tick(20, "2020"), Tick(40, "2021"), Tick(60, "2022")], 12)
    assert [tick.label for tick in ticks] == ["2019", "", "2021", ""]
    assert [tick.position for tick in ticks] == [0, 20, 40, 60]


def test_count_labels_thin_out_to_powers_of_ten_when_crowded():
    def y(count):
        return -30 * math.log10(count)  # 30 units a power of ten

    assert _log_ticks(1, 100000, y, 17) == [1, 10, 100, 1000, 10000, 100000]
    assert _log_ticks(1, 100000, y, 40) == [1, 100, 10000]
    assert _log_ticks(50, 200, y, 5) == [50, 100, 200]


def test_the_forms_empty_boxes_leave_the_address(client, seeds):
    response = client.get("/chiffres/?date_from=&date_to=2019&force=Garde+nationale&announcer=&source=&theme=")
    assert response.status_code == 302
    assert response["Location"] == "/chiffres/?force=Garde+nationale&date_to=2019"
    # With a value to correct, the page answers at once, the value kept in its box.
    assert client.get("/chiffres/?date_from=hier&force=").status_code == 200


def test_a_hostile_announcer_is_escaped_in_the_list_and_the_chip(client, seeds):
    Figure.objects.filter(count=12000).update(announcer='<img src=x onerror="alert(1)">')
    html = html_of(client, "/chiffres/", announcer='<img src=x onerror="alert(1)">')
    assert "<img src=x" not in html
    assert '<option value="&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" selected>' in html
    assert '<span class="chip-name">Annoncé par :</span> &lt;img src=x onerror=&quot;alert(1)&quot;&gt;' in html
    assert len(figure_rows(html)) == 1
