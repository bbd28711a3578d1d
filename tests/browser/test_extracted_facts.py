import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_reader_follows_a_person_from_an_article_to_every_article_naming_them(live_server, seeds, page):
    page.goto(f"{live_server.url}{seeds[1].get_absolute_url()}")
    facts = page.get_by_role("complementary", name="Métadonnées extraites")
    assert "plus de 5\u202f200 soldats" in facts.inner_text()
    assert "— Terrence O'Shaughnessy" in facts.inner_text()
    # The quotes' speaker links to the person's page too.
    assert facts.get_by_role("link", name="Terrence O'Shaughnessy").count() == 2
    facts.get_by_role("link", name="Donald Trump").first.click()

    # His page, then the search narrowed to him. Seeds 000, 001, 002 and 004 name him; 003 does not.
    assert page.url.endswith("/entites/donald-trump/")
    page.get_by_role("link", name="Rechercher dans ces articles").click()
    assert "person=donald-trump" in page.url
    assert page.locator(".result").count() == 4
    assert page.get_by_role("link", name="Retirer le filtre Personne : Donald Trump").is_visible()


def test_a_wire_copy_links_to_its_republication(live_server, seeds, page):
    page.goto(f"{live_server.url}{seeds[2].get_absolute_url()}")
    page.get_by_role("complementary", name="Métadonnées extraites").get_by_role("link", name=seeds[1].title).click()
    assert page.locator("h1").inner_text() == seeds[1].title
