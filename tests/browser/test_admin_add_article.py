"""« Ajouter un article » in a real browser: an editor logs in, asks for an
address from the articles' list, follows the import on the request's page
(the worker runs meanwhile) and opens the new article."""

import io

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from archive.models import AdditionJob, Article
from tests.archive.capture_pages import article_html
from tests.conftest import restore_migration_data

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "motdepasse-solide-42"


def log_in(page, live_server):
    # A superuser: a transactional test's flush took the editors' group away
    # (tests/archive/test_admin_feeds.py tries the group's rights).
    User.objects.create_superuser("redacteur", "", PASSWORD)
    page.goto(f"{live_server.url}/admin/login/")
    page.get_by_label("Nom d’utilisateur").fill("redacteur")
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Connexion").click()


def test_an_editor_adds_an_article_by_address(live_server, captures, loopback_site, empty_index, page):
    restore_migration_data()  # the themes the import reads, which the flush removed
    url = loopback_site.page("/monde/pentagone.html", article_html())
    log_in(page, live_server)

    page.goto(f"{live_server.url}/admin/archive/article/")
    page.get_by_role("link", name="Ajouter article").click()
    page.get_by_role("heading", name="Ajouter un article").wait_for()
    page.get_by_label("Adresse").fill(url)
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    page.get_by_text("en cours d'import").wait_for()
    assert loopback_site.requests == []  # the request only queued it

    call_command("extract_metadata", "--jobs", stdout=io.StringIO())  # the worker the admin starts
    article = Article.objects.get()
    # The page follows the import: it shows the article once the worker is done.
    link = page.get_by_role("link", name=article.title)
    link.wait_for(timeout=10_000)
    assert AdditionJob.objects.get().outcome == "importé"
    page.get_by_role("link", name="page publique").click()
    page.get_by_role("heading", name="Le Pentagone envoie 5 200 militaires à la frontière").wait_for()
    assert page.url.endswith(article.get_absolute_url())
