"""An editor saves an article in the admin without touching it, in real
Chromium: the browser sends the text with CRLF line ends, which must not count
as a correction (re-extraction would then never touch the text again)."""

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model

from archive.models import Article

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "motdepasse-solide-42"


@pytest.fixture
def editor_page(live_server, page):
    get_user_model().objects.create_superuser("editrice", "", PASSWORD)
    page.goto(f"{live_server.url}/admin/login/")
    page.get_by_label("Nom d’utilisateur").fill("editrice")
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Connexion").click()
    page.wait_for_url(f"{live_server.url}/admin/")
    return page


def open_change_form(page, live_server, article):
    page.goto(f"{live_server.url}/admin/archive/article/{article.pk}/change/")
    page.wait_for_load_state("load")


def save(page):
    page.locator("input[name=_save]").click()
    page.wait_for_load_state("load")
    assert page.locator(".errornote").count() == 0, page.locator(".errornote").inner_text()
    assert "/admin/archive/article/" in page.url and "change" not in page.url


def test_saving_each_seed_article_unchanged_flags_nothing_and_records_nothing(live_server, seeds, editor_page):
    for article in seeds.values():
        before = Article.objects.get(pk=article.pk)
        open_change_form(editor_page, live_server, article)
        save(editor_page)
        after = Article.objects.get(pk=article.pk)
        assert after.edited_fields == before.edited_fields, article.ref
        assert (after.body, after.title, after.lead) == (before.body, before.title, before.lead), article.ref
    assert list(LogEntry.objects.values_list("change_message", flat=True)) == []


def test_a_real_correction_typed_in_the_browser_is_flagged_and_keeps_the_paragraphs(live_server, seeds, editor_page):
    article = seeds[1]
    paragraphs = article.paragraphs
    open_change_form(editor_page, live_server, article)
    body = editor_page.locator("textarea[name=body]")
    body.fill(body.input_value() + "\n\nUn paragraphe ajouté par l'éditrice.")
    save(editor_page)
    article.refresh_from_db()
    assert article.edited_fields == ["body"]
    assert article.paragraphs == [*paragraphs, "Un paragraphe ajouté par l'éditrice."]
    assert "Texte" in LogEntry.objects.get().get_change_message()
