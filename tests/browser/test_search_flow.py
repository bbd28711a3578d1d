import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_reader_searches_then_opens_an_article_with_the_terms_highlighted(live_server, seeds, page):
    page.goto(f"{live_server.url}/recherche/")
    page.get_by_label("Rechercher dans l'archive").fill("armee")
    page.get_by_role("button", name="Rechercher").click()

    assert page.locator("h1").inner_text().strip() == "2 articles pour « armee »"
    results = page.locator(".result")
    assert results.count() == 2
    assert page.locator(".result mark").first.inner_text() == "armée"

    first_title = results.first.locator("h2").inner_text()
    results.first.locator("h2 a").click()

    assert page.locator("h1").inner_text() == first_title
    assert page.locator(".article-body mark").count() >= 1
    assert page.locator(".article-body mark").first.inner_text() == "armée"
    page.get_by_role("link", name="Retour aux résultats pour « armee »").click()
    assert "q=armee" in page.url


def test_a_reader_narrows_by_source_and_removes_the_filter(live_server, seeds, page):
    page.goto(f"{live_server.url}/recherche/?q=caravane")
    # Belga published seed 001 and is its agency: two facets name it.
    page.locator('[aria-labelledby="facet-source"]').get_by_role("link", name="Belga 1").click()
    assert page.locator(".result").count() == 1
    page.get_by_role("link", name="Retirer le filtre Source : Belga").click()
    assert page.locator(".result").count() == 3
    page.locator('[aria-labelledby="facet-agency"]').get_by_role("link", name="Belga 1").click()
    assert page.locator(".result").count() == 1
    assert page.get_by_role("link", name="Retirer le filtre Agence : Belga").is_visible()
