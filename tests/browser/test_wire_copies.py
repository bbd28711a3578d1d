"""Wire copies in Chromium: a search with one line per story, « N reprises »
opening every copy, and an article's differences from its copy, readable on
a phone."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_reader_groups_copies_then_opens_every_copy_of_the_story(live_server, seeds, page, axe):
    page.goto(f"{live_server.url}/recherche/?q=caravane")
    assert page.locator(".result").count() == 3
    page.get_by_label("Une ligne par dépêche (reprises regroupées)").check()
    page.get_by_role("button", name="Appliquer").click()

    assert "stories=1" in page.url
    assert page.locator(".result").count() == 2
    story = page.locator(".result", has=page.locator(".copies"))
    assert story.count() == 1
    axe(page, "recherche par dépêche")
    story.get_by_role("link", name="1 reprise").click()

    assert page.locator("h1").inner_text().strip() == "2 articles"
    titles = page.locator(".result h2").all_inner_texts()
    assert seeds[1].title in titles and seeds[2].title in titles
    assert page.get_by_role("link", name="Retirer le filtre Reprises de : " + seeds[1].title).is_visible()


def test_an_article_shows_what_differs_from_its_copy_on_a_phone(live_server, seeds, browser, axe):
    context = browser.new_context(locale="fr-FR", viewport={"width": 360, "height": 800})
    page = context.new_page()
    page.goto(f"{live_server.url}{seeds[1].get_absolute_url()}")
    copy = page.locator(".duplicates li").first
    assert "du texte en commun" in copy.locator(".similarity").inner_text()
    differences = copy.locator("details.differences")
    assert not differences.locator(".change").first.is_visible()
    differences.locator("summary").click()  # a tap, not a hover
    assert differences.locator(".change").first.is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    axe(page, "article et ses reprises à 360 px")
    context.close()
