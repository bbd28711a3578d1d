"""The sitemap, robots.txt and the OpenSearch description."""

import xml.etree.ElementTree as ET

from archive.models import Entity, Mention, Review
from web import sitemaps

SITEMAP = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
OPENSEARCH = {"os": "http://a9.com/-/spec/opensearch/1.1/"}


def locations(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    return [loc.text for loc in ET.fromstring(response.content).iterfind(".//sm:loc", SITEMAP)]


def test_the_sitemap_index_points_to_articles_entities_and_pages(client, seeds):
    assert locations(client, "/sitemap.xml") == [
        "http://testserver/sitemap-articles.xml",
        "http://testserver/sitemap-entites.xml",
        "http://testserver/sitemap-pages.xml",
    ]
    assert set(locations(client, "/sitemap-articles.xml")) == {
        f"http://testserver/articles/{article.slug}/" for article in seeds.values()
    }
    pages = ["/", "/recherche/", "/aide/", "/entites/", "/chiffres/"]
    assert locations(client, "/sitemap-pages.xml") == [f"http://testserver{path}" for path in pages]
    assert [client.get(path).status_code for path in pages] == [200] * len(pages)


def test_articles_carry_their_last_change(client, seeds):
    response = client.get("/sitemap-articles.xml")
    lastmods = [node.text for node in ET.fromstring(response.content).iterfind(".//sm:lastmod", SITEMAP)]

    assert len(lastmods) == 5
    assert max(lastmods) == max(a.updated_at for a in seeds.values()).date().isoformat()


def test_entities_are_listed_at_their_page_unless_every_mention_was_rejected(client, seeds):
    trump = Entity.objects.get(slug="donald-trump")
    rejected = Entity.objects.create(kind="person", name="Personne Rejetée", slug="personne-rejetee")
    Mention.objects.create(article=seeds[0], entity=rejected, review=Review.REJECTED)

    urls = locations(client, "/sitemap-entites.xml")

    assert f"http://testserver{trump.get_absolute_url()}" in urls
    assert not any("personne-rejetee" in url for url in urls)


def test_a_section_longer_than_the_limit_is_split_into_pages(client, seeds, monkeypatch):
    monkeypatch.setattr(sitemaps.ArticleSitemap, "limit", 2)

    index = locations(client, "/sitemap.xml")

    assert index[:3] == [
        "http://testserver/sitemap-articles.xml",
        "http://testserver/sitemap-articles.xml?p=2",
        "http://testserver/sitemap-articles.xml?p=3",
    ]
    pages = [locations(client, f"/sitemap-articles.xml?p={p}") for p in (1, 2, 3)]
    assert [len(page) for page in pages] == [2, 2, 1]
    assert client.get("/sitemap-articles.xml?p=4").status_code == 404
    assert client.get("/sitemap-inconnue.xml").status_code == 404


def test_robots_txt_points_crawlers_to_the_sitemap(client, db):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()


def test_browsers_find_an_opensearch_description(client, seeds):
    page = client.get("/recherche/").content.decode()
    assert (
        '<link rel="search" type="application/opensearchdescription+xml" title="Vigie" href="/opensearch.xml">' in page
    )

    response = client.get("/opensearch.xml")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/opensearchdescription+xml; charset=utf-8"
    description = ET.fromstring(response.content)
    assert description.findtext("os:ShortName", namespaces=OPENSEARCH) == "Vigie"
    templates = {url.get("type"): url.get("template") for url in description.iterfind("os:Url", OPENSEARCH)}
    assert templates["text/html"] == "http://testserver/recherche/?q={searchTerms}"
    assert templates["application/atom+xml"] == "http://testserver/recherche/atom/?q={searchTerms}"
