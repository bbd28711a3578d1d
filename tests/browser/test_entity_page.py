"""A reader browses without typing: from an article to a person's page, from
there to the people named with them; the home page and the figures page."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}


def test_a_reader_follows_a_person_from_an_article_to_their_page_and_on_to_a_co_mentioned_one(live_server, seeds, page):
    page.goto(f"{live_server.url}{seeds[1].get_absolute_url()}")
    # His name among the people, then as the speaker of his quotes: both lead to his page.
    trump = page.get_by_role("complementary", name="Métadonnées extraites").get_by_role("link", name="Donald Trump")
    assert trump.count() == 3
    trump.first.click()

    assert page.url == f"{live_server.url}/entites/donald-trump/"
    assert page.locator("h1").inner_text() == "Donald Trump"
    assert page.locator(".entity-header .kind").inner_text().lower() == "personne"
    articles = page.get_by_role("region", name="Articles")
    assert articles.get_by_role("listitem").count() == 4
    assert articles.get_by_role("link", name=seeds[1].title).is_visible()

    co_mentions = page.get_by_role("complementary", name="Souvent cités avec Donald Trump")
    co_mentions.get_by_role("link", name="Pentagone 2 articles").click()
    assert page.url == f"{live_server.url}/entites/pentagone/"
    assert page.locator("h1").inner_text() == "Pentagone"
    assert page.get_by_role("region", name="Articles").get_by_role("listitem").count() == 2

    page.get_by_role("link", name="Rechercher dans ces articles").click()
    assert "organisation=pentagone" in page.url
    assert page.locator(".result").count() == 2


def test_a_reader_starts_from_the_home_page_with_a_search_or_a_place(live_server, seeds, page):
    page.goto(f"{live_server.url}/")
    assert "5 articles" in page.locator(".archive-size").inner_text()
    page.get_by_role("region", name="Les plus cités").get_by_role("link", name="Mexique 3 articles").click()
    assert page.locator("h1").inner_text() == "Mexique"

    page.goto(f"{live_server.url}/")
    page.get_by_role("search").get_by_label("Rechercher dans l'archive").fill("caravane")
    page.get_by_role("search").get_by_role("button", name="Rechercher").click()
    assert "q=caravane" in page.url
    assert page.locator(".result").count() == 3


def test_a_reader_narrows_the_figures_to_one_force_without_javascript(live_server, seeds, browser):
    context = browser.new_context(locale="fr-FR", java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/chiffres/")
    assert page.locator(".figures-table tbody tr").count() == 11
    page.get_by_label("Force", exact=True).select_option("Garde nationale")
    page.get_by_role("button", name="Filtrer").click()
    assert "force=Garde+nationale" in page.url
    assert page.locator(".figures-table tbody tr").count() == 5
    assert page.locator(".figures-chart svg.chart-wide circle").count() == 3
    context.close()


@pytest.mark.parametrize("path", ["/", "/entites/", "/entites/donald-trump/", "/chiffres/"])
def test_the_browsing_pages_pass_axe_and_fit_a_phone(live_server, seeds, page, axe, path):
    for viewport in (DESKTOP, PHONE):
        page.set_viewport_size(viewport)
        page.goto(live_server.url + path)
        axe(page, f"{path} à {viewport['width']} px")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
