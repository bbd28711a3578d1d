"""The archived copy in a real browser: Vigie's banner is shown, the captured
page is readable in its frame, and the captured page's scripts do not run."""

import pytest

from archive.capture.capturing import capture_url
from archive.importing import import_article
from tests.archive.capture_pages import article_html

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_archived_copy_shows_the_banner_and_the_page_without_running_its_scripts(
    live_server, captures, loopback_site, empty_index, page, axe
):
    url = loopback_site.page("/monde/pentagone.html", article_html())
    _, article, _ = import_article(capture_url(url))

    page.goto(f"{live_server.url}/articles/{article.slug}/")
    page.get_by_role("link", name="Copie archivée").click()
    banner = page.locator(".capture-banner")
    assert banner.get_by_role("heading", name="Copie archivée par Vigie").is_visible()
    assert url in banner.inner_text()
    assert "capturée le" in banner.inner_text()
    assert banner.get_by_role("link", name="Voir la page en ligne aujourd'hui").get_attribute("href") == url

    frame = page.frame_locator("iframe.capture-frame")
    heading = frame.get_by_role("heading", name="Le Pentagone envoie 5 200 militaires à la frontière")
    heading.wait_for()
    assert frame.get_by_text("5 200 militaires supplémentaires").is_visible()
    # The captured page's scripts would rewrite its body and title; neither happened.
    assert frame.locator("#hacked").count() == 0
    assert "SCRIPT-RAN" not in page.frames[1].title()
    # The loopback site was asked once, by the capture: the copy loads nothing from it.
    assert len(loopback_site.requests) == 1
    axe(page)
