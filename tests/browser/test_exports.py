import csv
import json
import xml.etree.ElementTree as ET

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_reader_downloads_a_search_as_csv_then_subscribes_to_it(live_server, seeds, page):
    page.goto(f"{live_server.url}/recherche/?q=caravane")
    exports = page.get_by_role("navigation", name="Exporter cette recherche")

    with page.expect_download() as download_info:
        exports.get_by_role("link", name="Exporter en CSV").click()
    download = download_info.value

    assert download.suggested_filename.startswith("vigie-caravane-")
    assert download.suggested_filename.endswith(".csv")
    with open(download.path(), encoding="utf-8-sig") as file:
        rows = list(csv.DictReader(file))
    assert {row["slug"] for row in rows} == {seeds[n].slug for n in (0, 1, 2)}
    assert {row["title"] for row in rows} == set(page.locator(".result h2").all_inner_texts())

    feed_link = exports.get_by_role("link", name="S'abonner (flux Atom)")
    assert page.locator("head link[rel=alternate][type='application/atom+xml']").get_attribute(
        "href"
    ) == feed_link.get_attribute("href")
    response = page.request.get(live_server.url + feed_link.get_attribute("href"))
    assert response.status == 200
    feed = ET.fromstring(response.body())
    titles = [t.text for t in feed.iterfind("{http://www.w3.org/2005/Atom}entry/{http://www.w3.org/2005/Atom}title")]
    assert sorted(titles) == sorted(row["title"] for row in rows)


def test_the_json_export_link_downloads_the_same_articles(live_server, seeds, page):
    page.goto(f"{live_server.url}/recherche/?q=caravane&source=belga")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Exporter en JSON").click()

    assert download_info.value.suggested_filename.startswith("vigie-caravane-belga-")
    with open(download_info.value.path(), encoding="utf-8") as file:
        data = json.load(file)
    assert data["search"] == {"q": "caravane", "sort": "relevance", "source": ["belga"]}
    assert [item["slug"] for item in data["results"]] == [seeds[1].slug]
