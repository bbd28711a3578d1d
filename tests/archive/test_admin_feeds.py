"""The lookout in the admin: « Ajouter un article » by address or pasted text,
run by the worker with its outcome shown; « À examiner » accepted or
discarded; « Flux » flagging the feeds to look at."""

import io

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command

from archive.models import AdditionJob, Article, Feed, FeedItem
from tests.archive.capture_pages import article_html

pytestmark = pytest.mark.django_db
ADD = "/admin/archive/additionjob/add/"
TEXT = (
    "Le Pentagone a annoncé lundi l'envoi de 5 200 militaires supplémentaires à la frontière avec le Mexique, "
    "où une caravane de migrants centraméricains est attendue. Les soldats poseront des barbelés au Texas."
)


@pytest.fixture
def editor_only_client(client, db):
    """An editor of the « éditeur » group (not a superuser): the rights 0011 grants."""
    user = User.objects.create_user("redacteur", password="motdepasse-solide-42", is_staff=True)
    user.groups.add(Group.objects.get(name="éditeur"))
    client.force_login(user)
    return client


def run_worker():
    call_command("extract_metadata", "--jobs", stdout=io.StringIO())


def test_an_editor_adds_an_article_by_address_and_sees_the_result(
    editor_only_client, captures, empty_index, loopback_site
):
    url = loopback_site.page("/pentagone.html", article_html())
    response = editor_only_client.post(ADD, {"url": url})
    job = AdditionJob.objects.get()
    assert response.status_code == 302 and response.url == f"/admin/archive/additionjob/{job.pk}/change/"
    # Queued, not fetched in the request: the page says so and follows it.
    assert (job.status, loopback_site.requests) == ("queued", [])
    page = editor_only_client.get(response.url).content.decode()
    assert "en cours d'import" in page and 'http-equiv="refresh"' in page
    run_worker()
    job.refresh_from_db()
    article = Article.objects.get()
    assert (job.status, job.outcome, job.article, article.url) == ("done", "importé", article, url)
    assert article.captured_at and not article.held
    page = editor_only_client.get(response.url).content.decode()
    assert f"/admin/archive/article/{article.pk}/change/" in page and article.get_absolute_url() in page
    assert 'http-equiv="refresh"' not in page


def test_a_pasted_text_keeps_its_title_date_and_source(editor_only_client, empty_index):
    editor_only_client.post(
        ADD, {"text": TEXT, "title": "Des soldats à la frontière", "published_on": "2018-10-29", "source": "Le Temps"}
    )
    run_worker()
    article = Article.objects.get()
    assert (article.title, str(article.published_on), article.source.name) == (
        "Des soldats à la frontière",
        "2018-10-29",
        "Le Temps",
    )
    assert AdditionJob.objects.get().outcome == "importé"
    # The same text again: the archive's article, not a second one.
    editor_only_client.post(ADD, {"text": TEXT})
    run_worker()
    assert AdditionJob.objects.order_by("pk").last().outcome.startswith("déjà dans l'archive")
    assert Article.objects.count() == 1


def test_a_refused_address_shows_why_in_french(editor_only_client, captures, empty_index, loopback_site):
    loopback_site.route("/abonnes.html", status=403, headers={"Content-Type": "text/html"}, body=b"<p>non</p>")
    response = editor_only_client.post(ADD, {"url": loopback_site.url("/abonnes.html")})
    run_worker()
    job = AdditionJob.objects.get()
    assert (job.status, job.article) == ("failed", None)
    assert job.outcome == "refusé : accès refusé (HTTP 403) : réservé aux abonnés ou derrière une connexion"
    assert "refusé : accès refusé (HTTP 403)" in editor_only_client.get(response.url).content.decode()
    assert not Article.objects.exists()


@pytest.mark.parametrize(
    "data, message",
    [
        ({}, "Donnez l&#x27;adresse de l&#x27;article, ou collez son texte."),
        ({"url": "https://example.org/a", "text": TEXT}, "Donnez une adresse ou un texte, pas les deux."),
        ({"url": "pas une adresse"}, "Saisissez une URL valide."),
        ({"text": TEXT, "published_on": "29/13/2018"}, "Saisissez une date valide."),
        ({"url": "https://example.org/a", "title": "X"}, "laissez-les vides pour une adresse"),
    ],
)
def test_bad_input_is_refused_in_french_and_nothing_is_queued(editor_only_client, data, message):
    response = editor_only_client.post(ADD, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not AdditionJob.objects.exists()


def test_the_articles_add_button_leads_to_the_import(editor_only_client):
    response = editor_only_client.get("/admin/archive/article/add/")
    assert response.status_code == 302 and response.url == ADD
    assert "Ajouter un article" in editor_only_client.get(ADD).content.decode()


@pytest.fixture
def held_article(make_article):
    article = make_article("Le festival de jazz de Marciac a accueilli deux cent mille spectateurs cet été.")
    feed = Feed.objects.create(url="http://127.0.0.1:9/rss.xml", name="Gazette")
    FeedItem.objects.create(feed=feed, key="k", url="http://127.0.0.1:9/jazz", article=article, outcome="à examiner")
    Article.objects.filter(pk=article.pk).update(held=True)
    return article


def test_held_articles_are_listed_and_accepted(editor_only_client, held_article):
    page = editor_only_client.get("/admin/archive/heldarticle/").content.decode()
    assert held_article.title in page and "Gazette" in page
    assert editor_only_client.get(held_article.get_absolute_url()).status_code == 404
    editor_only_client.post("/admin/archive/heldarticle/", {"action": "accept", "_selected_action": [held_article.pk]})
    held_article.refresh_from_db()
    assert not held_article.held
    assert editor_only_client.get(held_article.get_absolute_url()).status_code == 200
    assert held_article.title not in editor_only_client.get("/admin/archive/heldarticle/").content.decode()


def test_a_discarded_article_is_deleted_and_not_taken_again(editor_only_client, held_article):
    editor_only_client.post("/admin/archive/heldarticle/", {"action": "discard", "_selected_action": [held_article.pk]})
    assert not Article.objects.exists()
    assert FeedItem.objects.get().outcome == "écarté par un éditeur"


def test_the_feeds_page_flags_a_failing_feed(editor_only_client):
    Feed.objects.create(url="http://127.0.0.1:9/ok.xml", name="Calme")
    Feed.objects.create(
        url="http://127.0.0.1:9/ko.xml", name="Panne", last_ok=False, failures=2, last_status="échec : <b>500</b>"
    )
    page = editor_only_client.get("/admin/archive/feed/").content.decode()
    assert "À surveiller : en échec (2 fois de suite) : échec : &lt;b&gt;500&lt;/b&gt;" in page


def test_queuing_an_addition_starts_the_worker_logging_into_the_data_folder(
    editor_only_client, captures, monkeypatch, settings, django_capture_on_commit_callbacks
):
    settings.VIGIE_START_EXTRACTION_WORKER = True
    settings.DATA_DIR.mkdir(parents=True)
    started = []
    monkeypatch.setattr("archive.jobs.subprocess.Popen", lambda args, **kw: started.append((args, kw["stdout"].name)))
    with django_capture_on_commit_callbacks(execute=True):
        editor_only_client.post(ADD, {"url": "https://example.org/a"})
    [(args, log)] = started
    assert args[-2:] == ["extract_metadata", "--jobs"]
    assert log == str(settings.DATA_DIR / "extraction.log")
