"""/chiffres/export.csv and .json: the figures of /chiffres/, every page, with its filters."""

import csv
import io
import json

from archive.models import Figure, Relevance, Review
from web.figure_exports import COLUMNS


def csv_rows(client, **params):
    response = client.get("/chiffres/export.csv", params)
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = b"".join(response.streaming_content).decode()
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:])))


def json_export(client, **params):
    response = client.get("/chiffres/export.json", params)
    assert response.status_code == 200, response.content
    return json.loads(b"".join(response.streaming_content))


def test_the_csv_export_gives_every_figure_with_its_article_and_whether_it_was_checked(client, seeds):
    Figure.objects.filter(count=12000).update(
        review=Review.ACCEPTED, announcer="Alejandro Mayorkas", announcer_kind="person"
    )
    rows = csv_rows(client)
    assert len(rows) == 11
    assert list(rows[0]) == COLUMNS
    row = next(r for r in rows if r["count"] == "12000")
    assert row == {
        "title": seeds[3].title,
        "date": "2021-06",
        "source": "",
        "article_url": f"http://testserver{seeds[3].get_absolute_url()}",
        "count": "12000",
        "qualifier": "plus de",
        "unit": "agents de sécurité",
        "force": "",
        "announcer": "Alejandro Mayorkas",
        "announcer_kind": "person",
        "sentence": Figure.objects.get(count=12000).sentence,
        "checked": "oui",
    }
    assert {r["checked"] for r in rows if r["count"] != "12000"} == {"non"}
    assert rows[0]["source"] == "Belga" and rows[0]["date"] == "2018-10"


def test_the_exports_take_the_page_filters_and_every_page(client, seeds):
    Figure.objects.bulk_create(
        Figure(article=seeds[1], count=100 + n, unit="soldats", force="Marines", sentence="s", key=f"k{n}", position=n)
        for n in range(40)
    )
    assert len(csv_rows(client, force="Marines")) == 40  # more than a page of the table
    assert len(csv_rows(client, force="Garde nationale", source="belga")) == 3
    assert len(csv_rows(client, theme="cooperation-etats-unis-mexique", date_from="2021")) == 1
    data = json_export(client, force="Garde nationale", date_to="2019")
    assert data["filters"] == {"sujet": "au sujet", "force": "Garde nationale", "date_to": "2019"}
    assert data["count"] == len(data["results"]) == 3


def test_the_exports_follow_the_scope(client, seeds):
    assert len(csv_rows(client)) == len(csv_rows(client, sujet="tout")) == 11
    type(seeds[4]).objects.filter(pk=seeds[4].pk).update(relevance=Relevance.OFF_TOPIC)
    assert len(csv_rows(client)) == 10
    assert json_export(client, sujet="tout")["filters"]["sujet"] == "tout"


def test_the_json_export_is_one_document_with_typed_values(client, seeds):
    data = json_export(client)
    assert set(data) == {"filters", "count", "exported_at", "results"}
    assert data["count"] == 11
    first = data["results"][0]
    assert set(first) == set(COLUMNS)
    # « …, a annoncé lundi le Pentagone » (seed 001)
    assert first["count"] == 5000 and first["checked"] is False
    assert (first["announcer"], first["announcer_kind"]) == ("Pentagone", "organisation")


def test_csv_cells_a_spreadsheet_would_run_as_formulas_are_neutralised(client, seeds):
    Figure.objects.filter(count=12000).update(announcer='=HYPERLINK("http://x")', sentence="+1 soldats")
    row = next(r for r in csv_rows(client) if r["count"] == "12000")
    assert row["announcer"] == '\'=HYPERLINK("http://x")'
    assert row["sentence"] == "'+1 soldats"


def test_the_exports_refuse_bad_filters_with_a_french_400(client, seeds):
    response = client.get("/chiffres/export.csv", {"force": "légion", "date_from": "hier"})
    assert response.status_code == 400
    text = response.content.decode()
    assert "Filtre « Force » ignoré : force inconnue : « légion »." in text
    assert "« hier » n'est pas une date" in text
    response = client.get("/chiffres/export.json", {"theme": "nope"})
    assert response.status_code == 400
    assert response.json() == {"errors": ["Filtre « Thème » ignoré : valeur inconnue : « nope »."]}


def test_the_export_file_is_named_after_its_filters(client, seeds):
    response = client.get("/chiffres/export.csv", {"force": "Garde nationale", "sujet": "tout"})
    assert 'filename="vigie-chiffres-garde-nationale-' in response["Content-Disposition"]
    assert response["Content-Disposition"].startswith("attachment;")


def test_export_queries_do_not_grow_with_the_number_of_figures(client, seeds, django_assert_max_num_queries):
    Figure.objects.bulk_create(
        Figure(article=seeds[3], count=100 + n, unit="soldats", sentence="s", key=f"k{n}", position=n)
        for n in range(300)
    )
    with django_assert_max_num_queries(4):
        assert len(csv_rows(client)) == 311
    with django_assert_max_num_queries(4):
        assert json_export(client)["count"] == 311


def test_the_page_links_to_the_exports_of_its_filters(client, seeds):
    html = client.get("/chiffres/", {"force": "Garde nationale", "page": "1"}).content.decode()
    assert 'href="/chiffres/export.csv?force=Garde+nationale" download>Exporter en CSV' in html
    assert 'href="/chiffres/export.json?force=Garde+nationale" download>Exporter en JSON' in html
