"""Search by publisher and by agency: « everything Orange Actu published », « everything from AFP »."""

import pytest

from tests.web.page_parts import html_of

TEXT = "Des soldats américains sont déployés à la frontière avec le Mexique, a annoncé le Pentagone. Dépêche {}."


@pytest.fixture
def wire(make_article):
    """Four articles: three Orange Actu spellings and Le Monde running AFP copy."""
    return {
        source: make_article(TEXT.format(i) + tail, source=source)
        for i, (source, tail) in enumerate(
            [
                ("Orange Actu (AFP)", ""),
                ("Orange Actu (Orange avec AFP-Services)", ""),
                ("Orange Actu (6Medias)", ""),
                ("Le Monde", "\nLe Monde avec AFP"),
            ]
        )
    }


def api(client, **params):
    response = client.get("/api/search/", params)
    assert response.status_code == 200, response.content
    return response.json()


def facet(data, name):
    return {value["label"]: value["count"] for value in data["facets"][name]}


def slugs(data):
    return {result["slug"] for result in data["results"]}


def test_the_api_counts_publishers_and_agencies_apart(client, wire):
    data = api(client, q="frontière")
    assert facet(data, "source") == {"Orange Actu": 3, "Le Monde": 1}
    assert facet(data, "agency") == {"AFP": 3, "6Medias": 1}


def test_everything_from_afp_is_one_filter_whoever_published_it(client, wire):
    data = api(client, agency="afp")
    expected = {wire[s].slug for s in ("Orange Actu (AFP)", "Orange Actu (Orange avec AFP-Services)", "Le Monde")}
    assert slugs(data) == expected
    # Values of the same facet combine with OR, facets with AND.
    assert slugs(api(client, agency=["afp", "6medias"])) == expected | {wire["Orange Actu (6Medias)"].slug}
    assert slugs(api(client, agency="afp", source="le-monde")) == {wire["Le Monde"].slug}


def test_everything_orange_actu_published_is_one_filter(client, wire):
    assert len(slugs(api(client, source="orange-actu"))) == 3


def test_each_result_gives_its_publisher_and_agencies(client, wire):
    result = next(r for r in api(client, q="frontière")["results"] if r["slug"] == wire["Orange Actu (AFP)"].slug)
    assert (result["source"], result["publisher"], result["agencies"]) == ("Orange Actu", "Orange Actu", ["AFP"])


def test_a_source_query_finds_what_an_agency_supplied(client, wire):
    assert slugs(api(client, q="source:AFP")) == slugs(api(client, agency="afp"))


def test_the_search_page_sidebar_has_an_agency_facet_and_the_filter_a_chip(client, wire):
    html = html_of(client, "/recherche/", q="frontière", agency="afp")
    agency = html[html.index('id="facet-agency"') :]
    agency = agency[: agency.index("</section>")]
    assert ">Agence</h3>" in agency
    assert "AFP" in agency and "6Medias" in agency
    assert "Retirer le filtre Agence : AFP" in html


def test_an_unknown_agency_slug_finds_nothing_without_error(client, wire):
    assert api(client, agency="agence-inconnue")["count"] == 0
    assert client.get("/recherche/", {"agency": "<script>"}).status_code in (200, 400)


def test_the_csv_export_has_publisher_and_agency_columns(client, wire):
    body = b"".join(client.get("/recherche/export.csv", {"agency": "afp"}).streaming_content).decode("utf-8-sig")
    header, *rows = body.splitlines()
    assert "publisher,agencies" in header
    assert sum("Orange Actu,Orange Actu,AFP" in row for row in rows) == 2


def test_a_result_credits_its_agencies_as_the_press_does(client, wire):
    html = html_of(client, "/recherche/", q="frontière")
    assert "<span>Le Monde avec AFP</span>" in html
    assert "<span>Orange Actu avec 6Medias</span>" in html


@pytest.mark.parametrize(
    "publisher, agencies, shown",
    [
        ("Belga", ["Belga"], "Belga"),
        ("Le Monde", ["AFP", "AP", "Reuters"], "Le Monde avec AFP, AP et Reuters"),
        ("", ["AFP"], "AFP"),
        ("", [], ""),
    ],
)
def test_an_agency_publishing_its_own_dispatch_is_named_once(publisher, agencies, shown):
    from search.query.run import Hit

    hit = Hit("s", "", "t", None, "unknown", "x", publisher, "", "", agencies=agencies)
    assert hit.credit == shown
