"""Faceting, date ranges, field queries, fuzzy, suggestions and the coverage
chart, through the real search page and API."""

import re
from urllib.parse import urljoin

import pytest

from archive.models import Article
from search.query.state import parse_period


def result_slugs(response):
    return re.findall(r'class="result-title"><a href="/articles/([^/?]+)/', response.content.decode())


def api(client, **params):
    response = client.get("/api/search/", params)
    assert response.status_code == 200, response.content
    return response.json()


def facet(payload, name):
    return {value["value"]: value["count"] for value in payload["facets"][name]}


@pytest.fixture
def dated(make_article):
    """Four articles: two days, a month-only and a year-only date, and one undated."""
    texts = {
        "day-2018": ("2018-10-12", "AFP", "Des soldats américains arrivent à la frontière du Texas."),
        "day-2019": ("2019-02-03", "Belga", "La Garde nationale patrouille à la frontière de l'Arizona."),
        "month-2018": ("2018-11", "AFP", "Une caravane de migrants approche de la frontière mexicaine."),
        "year-2020": ("2020", "Reuters", "Le mur avance le long de la frontière, dans le désert."),
        "undated": (None, "", "La frontière reste militarisée selon les habitants."),
    }
    return {
        key: make_article(text, title=key, date=date, source=source, ref=f"{key}.txt")
        for key, (date, source, text) in texts.items()
    }


# Facets ---------------------------------------------------------------------


def test_values_of_one_facet_combine_with_or(client, dated):
    payload = api(client, q="frontière", source=["afp", "belga"])
    assert {r["title"] for r in payload["results"]} == {"day-2018", "month-2018", "day-2019"}


def test_different_facets_combine_with_and(client, dated):
    payload = api(client, q="frontière", source=["afp", "belga"], year="2019")
    assert [r["title"] for r in payload["results"]] == ["day-2019"]


def test_a_facet_counts_leave_its_own_selection_out(client, dated):
    payload = api(client, source="afp")
    assert payload["count"] == 2
    # Choosing AFP still shows what the other sources would add…
    assert facet(payload, "source") == {"afp": 2, "belga": 1, "reuters": 1}
    # …while the other facets count within AFP's articles only.
    assert facet(payload, "year") == {"2018": 2}


def test_facet_values_are_sorted_by_count(client, dated):
    counts = [value["count"] for value in api(client)["facets"]["source"]]
    assert counts == sorted(counts, reverse=True)


def test_a_long_facet_shows_eight_values_and_the_rest_behind_show_more(client, make_article):
    for i in range(11):
        make_article(f"La frontière vue par le journal numéro {i}.", source=f"Journal {i:02d}", ref=f"j{i}.txt")
    html = client.get("/recherche/").content.decode()
    source_facet = html.split('id="facet-source"')[1].split("</section>")[0]
    visible, more = source_facet.split('<details class="facet-more">')
    assert visible.count("<li>") == 8
    assert "Afficher plus" in more and more.count("<li>") == 3


def test_chips_show_every_active_filter_and_remove_one_at_a_time(client, dated):
    html = client.get(
        "/recherche/", {"q": "frontière", "source": "afp", "date_from": "2018-10", "undated": "0"}
    ).content.decode()
    chips = re.findall(r'<a class="chip" href="([^"]+)" aria-label="Retirer le filtre ([^"]+)"', html)
    labels = [label for _, label in chips]
    assert labels == ["Source : AFP", "Depuis : octobre 2018"]
    without_source = chips[0][0].replace("&amp;", "&")
    assert "source=" not in without_source and "date_from=2018-10" in without_source and "q=fronti" in without_source


# Dates ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2018", "2018-01-01", "2018-12-31"),
        ("2018-02", "2018-02-01", "2018-02-28"),
        ("2020-02", "2020-02-01", "2020-02-29"),
        ("2018-10-12", "2018-10-12", "2018-10-12"),
        ("12/10/2018", "2018-10-12", "2018-10-12"),
        ("10/2018", "2018-10-01", "2018-10-31"),
    ],
)
def test_a_date_bound_is_a_year_a_month_or_a_day(text, start, end):
    period = parse_period(text)
    assert (period.start.isoformat(), period.end.isoformat()) == (start, end)


@pytest.mark.parametrize("text", ["2018-13", "2018-02-30", "18", "hier", "2018-1-1-1", "0999", "<script>"])
def test_a_bad_date_bound_is_no_period(text):
    assert parse_period(text) is None


def test_a_date_range_keeps_articles_whose_period_overlaps_it(client, dated):
    titles = {r["title"] for r in api(client, date_from="2018-11-15", date_to="2019-01")["results"]}
    # "novembre 2018" overlaps from the 15th; the day articles fall outside.
    assert titles == {"month-2018"}
    titles = {r["title"] for r in api(client, date_from="2019")["results"]}
    assert titles == {"day-2019", "year-2020"}
    titles = {r["title"] for r in api(client, date_to="2018-10-12")["results"]}
    assert titles == {"day-2018"}


def test_swapped_dates_are_put_back_in_order_with_a_note(client, dated):
    payload = api(client, date_from="2019", date_to="2018")
    assert {r["title"] for r in payload["results"]} == {"day-2018", "month-2018", "day-2019"}
    assert any("inversées" in message for message in payload["messages"])


def test_undated_keeps_only_articles_without_a_date(client, dated):
    assert [r["title"] for r in api(client, undated="1")["results"]] == ["undated"]
    assert api(client, undated="0")["count"] == 5


def test_sorting_by_date_puts_undated_articles_last_both_ways_and_holds_with_a_query(client, dated):
    newest = [r["title"] for r in api(client, q="frontière", sort="newest")["results"]]
    oldest = [r["title"] for r in api(client, q="frontière", sort="oldest")["results"]]
    assert newest == ["year-2020", "day-2019", "month-2018", "day-2018", "undated"]
    assert oldest == ["day-2018", "month-2018", "day-2019", "year-2020", "undated"]
    html = client.get("/recherche/", {"q": "frontière", "sort": "oldest"}).content.decode()
    assert '<option value="oldest" selected>' in html
    assert "sort=oldest" in html.split('class="pagination"')[0] or "triés par plus anciens" in html


def test_pagination_keeps_the_whole_state(client, make_article, settings):
    settings.VIGIE_RESULTS_PER_PAGE = 2
    for i in range(5):
        make_article(
            f"Le déploiement {i} à la frontière du Texas.", date=f"2019-0{i + 1}-01", source="AFP", ref=f"p{i}"
        )
    html = client.get(
        "/recherche/", {"q": "frontière", "source": "afp", "date_from": "2019", "sort": "oldest"}
    ).content.decode()
    next_link = re.search(r'rel="next" href="([^"]+)"', html).group(1).replace("&amp;", "&")
    for part in ("q=fronti", "source=afp", "date_from=2019", "sort=oldest", "page=2"):
        assert part in next_link
    page_two = client.get(urljoin("/recherche/", next_link))
    assert len(result_slugs(page_two)) == 2


# Query syntax ----------------------------------------------------------------


def test_field_queries_search_extracted_names_source_title_and_theme(client, seeds):
    trump = {r["slug"] for r in api(client, q="personne:trump")["results"]}
    assert trump == set(Article.objects.filter(mentions__entity__slug="donald-trump").values_list("slug", flat=True))
    assert {r["slug"] for r in api(client, q="source:belga")["results"]} == {seeds[1].slug}
    assert api(client, q="lieu:mexique")["count"] >= 1
    assert api(client, q="organisation:pentagone")["count"] >= 1
    assert api(client, q="theme:caravanes")["count"] >= 1
    assert api(client, q="titre:frontière")["count"] >= 1


def test_a_renamed_source_is_found_under_its_new_name(client, seeds, django_capture_on_commit_callbacks):
    source = seeds[1].source
    with django_capture_on_commit_callbacks(execute=True):
        source.name = "Agence Belga"
        source.save()
    assert api(client, q='source:"agence belga"')["count"] == 1


def test_fuzzy_finds_a_word_with_a_typo(client, seeds):
    assert api(client, q="frontire")["count"] == 0
    assert api(client, q="frontire~")["count"] >= 4


def test_a_prefix_and_a_phrase_still_work(client, seeds):
    assert api(client, q="milit*")["count"] >= 3
    assert api(client, q='"Garde nationale"')["count"] >= 1


# Suggestions -----------------------------------------------------------------


def test_a_misspelt_query_gets_a_suggestion_in_french_words(client, seeds):
    payload = api(client, q="fontière")
    assert payload["count"] == 0
    assert payload["suggestion"] == "frontière"
    html = client.get("/recherche/", {"q": "caravanne", "source": "belga"}).content.decode()
    assert "Vouliez-vous dire" in html
    link = re.search(r'Vouliez-vous dire <a href="([^"]+)">([^<]+)</a>', html)
    assert link.group(2) == "caravane"
    assert "source=belga" in link.group(1)


def test_a_query_that_finds_enough_gets_no_suggestion(client, seeds):
    assert api(client, q="frontière")["suggestion"] is None
    assert api(client, q="zzzzzzzz")["suggestion"] is None  # nothing near it


# Coverage chart ----------------------------------------------------------------


def test_the_coverage_chart_counts_by_month_and_links_each_bar_to_its_period(client, dated):
    payload = api(client, q="frontière")
    timeline = payload["timeline"]
    assert timeline["unit"] == "month"
    counts = {p["label"]: p["count"] for p in timeline["periods"]}
    assert counts["octobre 2018"] == 1 and counts["novembre 2018"] == 1 and counts["février 2019"] == 1
    assert counts["décembre 2018"] == 0  # empty months are drawn as gaps
    assert timeline["undated"] == 1
    html = client.get("/recherche/", {"q": "frontière"}).content.decode()
    assert '<svg class="timeline-chart"' in html
    assert 'href="/recherche/?q=fronti%C3%A8re&amp;date_from=2018-10&amp;date_to=2018-10"' in html
    # The counts are readable without the chart, in a table.
    november = "/recherche/?q=fronti%C3%A8re&amp;date_from=2018-11&amp;date_to=2018-11"
    assert f'<th scope="row"><a href="{november}">novembre 2018</a></th><td>1</td>' in html
    assert "articles par mois, sans compter 1 daté à l'année seulement" in html


def test_a_long_span_is_counted_by_year(client, make_article):
    make_article("La frontière en 1995.", date="1995-05-01", ref="a")
    make_article("La frontière en 2019.", date="2019-05-01", ref="b")
    timeline = api(client)["timeline"]
    assert timeline["unit"] == "year"
    assert len(timeline["periods"]) == 25
    assert timeline["periods"][0] == {"label": "1995", "count": 1}


def test_no_chart_when_nothing_is_dated(client, make_article):
    make_article("La frontière sans date.")
    assert api(client)["timeline"] is None
    assert "timeline-chart" not in client.get("/recherche/").content.decode()


# Help ------------------------------------------------------------------------


def test_the_help_page_lists_examples_that_are_live_searches(client, seeds):
    from web.help import EXAMPLES

    html = client.get("/aide/").content.decode()
    assert "<h1>Aide à la recherche</h1>" in html
    for examples in EXAMPLES.values():
        for example in examples:
            assert example.url.replace("&", "&amp;") in html
            response = client.get(example.url)
            assert response.status_code == 200
            assert "pas pu être comprise" not in response.content.decode(), example.query


def test_facet_links_carry_the_valid_search_and_drop_what_the_page_ignored(client, dated):
    html = client.get("/recherche/", {"q": "frontière", "source": "afp", "page": "abc", "year": "18"}).content.decode()
    links = dict(re.findall(r'<a (?:class="selected" )?href="([^"]+)"[^>]*><span class="facet-label">([^<]+)<', html))
    belga = next(href for href, label in links.items() if label == "Belga").replace("&amp;", "&")
    # Adding Belga keeps AFP (OR) and the query, not the refused year nor the bad page.
    assert belga == "/recherche/?q=fronti%C3%A8re&source=afp&source=belga"
    afp = next(href for href, label in links.items() if label == "AFP").replace("&amp;", "&")
    assert afp == "/recherche/?q=fronti%C3%A8re"


# Values of one facet all together (all=person) ------------------------------------


def test_all_asks_for_articles_citing_every_selected_person(client, seeds):
    both = {"person": ["donald-trump", "claudia-sheinbaum"]}
    either = client.get("/api/search/", both).json()
    together = client.get("/api/search/", {**both, "all": "person"}).json()

    assert together["count"] == 1 < either["count"]
    assert together["results"][0]["slug"] == seeds[4].slug
    # Counts are within the articles citing both, selected values included.
    assert {v["value"]: v["count"] for v in together["facets"]["person"]}["donald-trump"] == 1


def test_the_sidebar_switches_between_either_and_all(client, seeds):
    html = client.get("/recherche/", {"person": ["donald-trump", "claudia-sheinbaum"]}).content.decode()
    assert "tous à la fois" in html
    assert "person=donald-trump&amp;person=claudia-sheinbaum&amp;all=person" in html

    both = {"person": ["donald-trump", "claudia-sheinbaum"], "all": "person"}
    html = client.get("/recherche/", both).content.decode()
    assert "l'un ou l'autre" in html
    assert 'name="all" value="person"' in html  # kept by the search form


def test_all_on_a_facet_that_cannot_combine_so_is_refused_with_a_reason(client, seeds):
    response = client.get("/api/search/", {"year": ["2018", "2021"], "all": "year"})

    assert response.status_code == 400
    assert "peuvent être exigés tous ensemble" in response.json()["errors"][0]


def test_the_first_and_last_axis_labels_stay_inside_the_chart(client, dated):
    html = client.get("/recherche/", {"q": "frontière"}).content.decode()
    # Centred under the first and last bars, half a label sticks out: the view box has room for it.
    assert 'viewBox="-32 0 784 142"' in html
