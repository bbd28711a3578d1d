import csv
import io
import json

import pytest
from django.http import StreamingHttpResponse
from django.utils import timezone

from web import export_rows

CSV_COLUMNS = [
    "slug",
    "title",
    "date",
    "date_precision",
    "source",
    "publisher",
    "agencies",
    "authors",
    "url",
    "article_url",
    "ref",
    "people",
    "places",
    "organisations",
    "themes",
    "relevance",
    "captured_at",
    "capture_url",
]


def csv_rows(response):
    body = b"".join(response.streaming_content)
    assert body.startswith(b"\xef\xbb\xbf"), "a byte order mark, for Excel"
    return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))


def json_body(response):
    return json.loads(b"".join(response.streaming_content))


def search_slugs(client, **params):
    """The articles the HTML search shows, in its order, over every page."""
    data = client.get("/api/search/", params).json()
    return [r["slug"] for r in data["results"]]


def test_csv_export_gives_every_matching_article_with_its_metadata(client, seeds):
    response = client.get("/recherche/export.csv", {"q": "caravane"})

    assert response.status_code == 200
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == f'attachment; filename="vigie-caravane-{today}.csv"'
    rows = csv_rows(response)
    assert list(rows[0]) == CSV_COLUMNS
    assert {row["slug"] for row in rows} == {seeds[0].slug, seeds[1].slug, seeds[2].slug}
    belga = next(row for row in rows if row["slug"] == seeds[1].slug)
    assert belga["title"] == seeds[1].title
    assert belga["date"] == "2018-10"
    assert belga["date_precision"] == "month"
    assert (belga["source"], belga["publisher"], belga["agencies"]) == ("Belga", "Belga", "Belga")
    assert belga["ref"] == seeds[1].ref
    assert belga["article_url"] == f"http://testserver/articles/{seeds[1].slug}/"
    assert "Donald Trump" in belga["people"].split(" ; ")
    assert "Honduras" in belga["places"].split(" ; ")
    assert "Caravanes de migrants" in belga["themes"].split(" ; ")
    assert belga["relevance"] == "core"
    undated = next(row for row in rows if row["slug"] == seeds[0].slug)
    assert (undated["date"], undated["date_precision"], undated["source"]) == ("", "unknown", "")


def test_exports_hold_every_page_of_results_in_the_search_order(client, seeds, settings, monkeypatch):
    settings.VIGIE_RESULTS_PER_PAGE = 2
    monkeypatch.setattr(export_rows, "CHUNK", 2)  # five articles read in three chunks

    rows = csv_rows(client.get("/recherche/export.csv", {"sort": "oldest"}))
    data = json_body(client.get("/recherche/export.json", {"sort": "oldest"}))

    assert len(rows) == 5
    assert [row["slug"] for row in rows] == [item["slug"] for item in data["results"]]
    assert [row["slug"] for row in rows][:2] == search_slugs(client, sort="oldest")
    assert [row["date"] for row in rows][:2] == ["2018-10", "2021-06"]
    assert data["count"] == 5


def test_exports_keep_the_search_filters(client, seeds):
    rows = csv_rows(client.get("/recherche/export.csv", {"q": "caravane", "source": "belga"}))
    data = json_body(client.get("/recherche/export.json", {"year": "2021"}))

    assert [row["slug"] for row in rows] == [seeds[1].slug]
    assert [item["slug"] for item in data["results"]] == [seeds[3].slug]
    assert data["search"] == {"q": "", "sort": "newest", "year": ["2021"]}


def test_json_export_is_one_document_with_the_search_and_its_articles(client, seeds):
    response = client.get("/recherche/export.json", {"q": "caravane", "source": "belga"})

    assert response.status_code == 200
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"].startswith('attachment; filename="vigie-caravane-belga-')
    data = json_body(response)
    assert data["search"] == {"q": "caravane", "sort": "relevance", "source": ["belga"]}
    assert data["count"] == 1
    (article,) = data["results"]
    assert article["slug"] == seeds[1].slug
    assert article["source"] == "Belga"
    assert article["date"] == "2018-10"
    assert article["url"] is None
    assert "Donald Trump" in article["people"]
    assert isinstance(article["themes"], list)
    assert "text" not in article


def test_texte_1_adds_each_article_text_to_the_exports(client, seeds):
    data = json_body(client.get("/recherche/export.json", {"q": "caravane", "source": "belga", "texte": "1"}))
    rows = csv_rows(client.get("/recherche/export.csv", {"q": "caravane", "source": "belga", "texte": "1"}))

    seeds[1].refresh_from_db()
    assert data["results"][0]["text"] == seeds[1].body
    assert rows[0]["text"] == seeds[1].body  # paragraphs and quotes survive CSV quoting


def test_an_empty_search_exports_the_header_alone(client, seeds):
    rows = csv_rows(client.get("/recherche/export.csv", {"q": "zzzzyx"}))
    data = json_body(client.get("/recherche/export.json", {"q": "zzzzyx"}))

    assert rows == []
    assert data["count"] == 0
    assert data["results"] == []


def test_csv_cells_that_a_spreadsheet_would_run_as_formulas_are_neutralised(client, make_article):
    article = make_article(
        "=cmd|' /C calc'!A0 est une attaque connue des tableurs. Le texte parle aussi de la frontière.",
        title='=HYPERLINK("http://example.com","cliquez")',
        source="@Belga",
    )

    (row,) = csv_rows(client.get("/recherche/export.csv", {"q": "frontiere", "texte": "1"}))
    (item,) = json_body(client.get("/recherche/export.json", {"q": "frontiere", "texte": "1"}))["results"]

    assert row["slug"] == article.slug
    assert row["title"] == '\'=HYPERLINK("http://example.com","cliquez")'
    assert row["source"] == "'@Belga"
    assert row["text"].startswith("'=cmd|")
    # JSON is data, not a spreadsheet: it keeps the text as written.
    assert item["title"] == article.title
    assert item["text"].startswith("=cmd|")


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_every_formula_start_is_neutralised(start):
    assert export_rows.csv_cell(f"{start}1+2") == f"'{start}1+2"
    assert export_rows.csv_cell(["Donald Trump", f"{start}x"]) == f"Donald Trump ; {start}x"
    assert export_rows.csv_cell(None) == ""


@pytest.mark.parametrize("url", ["/recherche/export.csv", "/recherche/export.json"])
def test_exports_refuse_bad_parameters_with_a_french_400(client, seeds, url):
    response = client.get(url, {"q": "armee", "page": "deux", "year": "vingt", "inconnu": "1"})

    assert response.status_code == 400
    text = response.content.decode()
    assert "Paramètre « Année » ignoré" in text
    assert "Paramètre inconnu ignoré : « inconnu »" in text
    if url.endswith(".json"):
        assert response.json()["errors"]


def test_exports_answer_503_when_the_index_cannot_be_read(client, db, unreadable_index):
    for url in ("/recherche/export.csv", "/recherche/export.json"):
        response = client.get(url, {"q": "armee"})
        assert response.status_code == 503
        assert "momentanément indisponible" in response.content.decode()
        assert "Traceback" not in response.content.decode()


def test_export_queries_do_not_grow_with_the_number_of_articles(client, seeds, django_assert_max_num_queries):
    # One lookup each for source, entity and theme names, for 1 article as for 5.
    with django_assert_max_num_queries(3):
        one = csv_rows(client.get("/recherche/export.csv", {"source": "belga"}))
    with django_assert_max_num_queries(3):
        every = csv_rows(client.get("/recherche/export.csv"))
    assert (len(one), len(every)) == (1, 5)


def test_the_search_page_links_to_exports_and_feed_of_its_whole_search(client, seeds):
    page = client.get("/recherche/", {"q": "caravane", "source": "belga", "page": "1", "year": "vingt"})
    html = page.content.decode()

    assert 'aria-label="Exporter cette recherche"' in html
    # Every page of the search, without the page number or the malformed year the page ignored.
    assert 'href="/recherche/export.csv?q=caravane&amp;source=belga"' in html
    assert 'href="/recherche/export.json?q=caravane&amp;source=belga"' in html
    assert 'href="/recherche/atom/?q=caravane&amp;source=belga"' in html
    assert '<link rel="alternate" type="application/atom+xml"' in html


def test_exports_give_each_article_its_authors(client, make_article):
    article = make_article(
        "Le conseil municipal a voté lundi le budget de la frontière.\n\nJeanne Fictive et Marc Imaginaire",
        title="Le budget voté",
    )

    (row,) = csv_rows(client.get("/recherche/export.csv", {"q": "frontiere"}))
    (item,) = json_body(client.get("/recherche/export.json", {"q": "frontiere"}))["results"]

    assert row["slug"] == article.slug
    assert row["authors"] == "Jeanne Fictive ; Marc Imaginaire"
    assert item["authors"] == ["Jeanne Fictive", "Marc Imaginaire"]
