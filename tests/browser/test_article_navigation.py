import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_reader_steps_through_the_results_with_next_and_previous(live_server, seeds, page):
    page.goto(f"{live_server.url}/recherche/?q=fronti%C3%A8re")
    titles = page.locator(".result h2").all_inner_texts()
    assert len(titles) >= 3

    page.locator(".result h2 a").first.click()
    assert page.locator("h1").inner_text() == titles[0]
    assert page.get_by_text(f"Résultat 1 sur {len(titles)}").is_visible()
    assert page.get_by_role("link", name="Précédent").count() == 0

    page.get_by_role("link", name="Suivant").click()
    assert page.locator("h1").inner_text() == titles[1]
    assert page.get_by_text(f"Résultat 2 sur {len(titles)}").is_visible()
    assert "q=fronti%C3%A8re" in page.url and "rang=2" in page.url

    page.get_by_role("link", name="Précédent").click()
    assert page.locator("h1").inner_text() == titles[0]

    page.get_by_role("link", name="Retour aux résultats pour « frontière »").click()
    assert page.locator(".result h2").all_inner_texts() == titles
    assert "rang" not in page.url


def test_a_reader_opens_the_citation_and_copies_it(live_server, seeds, page):
    article = seeds[1]
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(f"{live_server.url}/articles/{article.slug}/")
    reference = page.get_by_label("Référence")
    assert not reference.is_visible()

    page.get_by_text("Citer cet article").click()
    assert reference.is_visible()
    # Seed 001 came without a title: the one Vigie made is cited as attributed.
    assert reference.input_value().startswith(f"« {article.title} » [titre attribué], Belga, octobre 2018.")
    assert f"title = {{{{{article.title}}} [titre attribué]}}" in page.get_by_label("BibTeX").input_value()

    page.get_by_role("button", name="Copier la référence").click()
    assert page.get_by_role("status").inner_text() == "Copié dans le presse-papiers."
    assert page.evaluate("navigator.clipboard.readText()") == reference.input_value()


def test_without_javascript_the_citation_is_there_without_copy_buttons(live_server, seeds, browser):
    context = browser.new_context(java_script_enabled=False, locale="fr-FR")
    page = context.new_page()
    page.goto(f"{live_server.url}/articles/{seeds[1].slug}/")
    page.get_by_text("Citer cet article").click()
    assert page.get_by_label("Référence").is_visible()
    assert page.get_by_role("button", name="Copier la référence").count() == 0
    context.close()
