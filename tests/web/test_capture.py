"""/articles/<slug>/capture/: the archived copy of a captured page, its links
from the article page, and captured_at / capture_url in the API, exports and
citation."""

import html
import json

import pytest
from django.utils import timezone

from archive.capture.capturing import capture_url
from archive.importing import import_article
from search.upkeep import indexing
from tests.archive.capture_pages import article_html


@pytest.fixture
def captured(captures, loopback_site, empty_index):
    """An article captured from a loopback page whose scripts rewrite it."""
    title = 'Le Pentagone envoie 5 200 "militaires" à la frontière'
    raw = capture_url(loopback_site.page("/monde/pentagone.html", article_html(title=title)))
    _, article, _ = import_article(raw)
    indexing.update_articles([article.pk])
    return article


def test_the_archived_copy_shows_a_banner_with_address_and_capture_time_and_a_sandboxed_frame(client, captured):
    response = client.get(f"/articles/{captured.slug}/capture/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Copie archivée par Vigie" in page
    assert html.escape(captured.url) in page
    assert f'datetime="{timezone.localtime(captured.captured_at).isoformat()}"' in page
    assert f'src="/articles/{captured.slug}/capture/page.html" sandbox ' in page
    assert f'<a href="{captured.url}" rel="noopener noreferrer nofollow">Voir la page en ligne' in page


def test_the_captured_html_is_served_with_no_script_and_nothing_loaded_from_the_web(client, captured):
    response = client.get(f"/articles/{captured.slug}/capture/page.html")
    assert response.status_code == 200
    assert b"<script>document.title" in response.content  # the bytes as captured...
    policy = response["Content-Security-Policy"]
    assert policy.startswith("sandbox;")  # ...but the browser runs none of it
    assert "default-src 'none'" in policy and "script-src" not in policy
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert response["Content-Type"].startswith("text/html")


def test_a_capture_whose_warc_file_is_gone_says_so_in_french(client, captured, captures):
    for file in captures.iterdir():
        file.unlink()
    response = client.get(f"/articles/{captured.slug}/capture/")
    assert response.status_code == 404
    assert "introuvable dans le dossier de données" in response.content.decode()
    assert client.get(f"/articles/{captured.slug}/capture/page.html").status_code == 404


def test_an_article_that_was_not_captured_has_no_archived_copy(client, make_article):
    article = make_article("Des soldats de la Garde nationale patrouillent près de Nogales, en Arizona, depuis lundi.")
    assert client.get(f"/articles/{article.slug}/capture/").status_code == 404
    assert "Copie archivée" not in client.get(f"/articles/{article.slug}/").content.decode()


def test_the_article_page_links_the_copy_and_the_live_address_and_carries_citation_meta_tags(client, captured):
    page = client.get(f"/articles/{captured.slug}/").content.decode()
    assert f'<a href="/articles/{captured.slug}/capture/">Copie archivée</a>, capturée le' in page
    assert f'href="{captured.url}"' in page
    title = "Le Pentagone envoie 5 200 &quot;militaires&quot; à la frontière"
    assert f'<meta name="citation_title" content="{title}">' in page
    assert '<meta name="citation_author" content="Claire Martin">' in page
    assert '<meta name="citation_publication_date" content="2018/10/29">' in page
    assert '<meta name="citation_journal_title" content="La Gazette du Rio Grande">' in page
    assert f'<meta name="citation_public_url" content="http://testserver/articles/{captured.slug}/">' in page


def test_the_citation_gives_the_address_the_capture_date_and_vigie_s_link(client, captured):
    page = client.get(f"/articles/{captured.slug}/").content.decode()
    day = timezone.localtime(captured.captured_at)
    assert f"En ligne : {captured.url}, capturé le {day.day} " in html.unescape(page)
    assert f"Archive Vigie : http://testserver/articles/{captured.slug}/" in page


def test_the_api_gives_captured_at_and_capture_url(client, captured):
    data = client.get(f"/api/articles/{captured.slug}/").json()
    assert data["captured_at"] == captured.captured_at.isoformat()
    assert data["capture_url"] == f"http://testserver/articles/{captured.slug}/capture/"
    assert data["capture_record_id"] == captured.capture_record_id
    assert data["date"] == "2018-10-29"  # the publication date, not the capture's


def test_the_api_gives_null_capture_fields_for_an_article_from_a_file(client, make_article):
    article = make_article("Des soldats de la Garde nationale patrouillent près de Nogales, en Arizona, depuis lundi.")
    data = client.get(f"/api/articles/{article.slug}/").json()
    assert data["captured_at"] is None and data["capture_url"] is None


def test_exports_give_captured_at_and_capture_url(client, captured):
    rows = json.loads(b"".join(client.get("/recherche/export.json").streaming_content))["results"]
    [row] = rows
    assert row["captured_at"] == captured.captured_at.isoformat()
    assert row["capture_url"] == f"http://testserver/articles/{captured.slug}/capture/"
