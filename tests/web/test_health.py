"""/sante/: can this process read the database and the search index? Which
watched feeds fail or have fallen quiet?"""

import datetime as dt

from django.utils import timezone

from archive.models import Feed


def test_health_check_answers_200_with_database_and_index_counts(client, seeds):
    response = client.get("/sante/")

    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "index": "ok",
        "articles": 5,
        "documents": 5,
        "queued": 0,
        "feeds": [],
    }
    assert "no-store" in response["Cache-Control"]


def test_health_check_answers_503_naming_an_unreadable_index(client, db, unreadable_index):
    response = client.get("/sante/")

    assert response.status_code == 503
    assert response.json() == {
        "status": "erreur",
        "database": "ok",
        "index": "erreur",
        "articles": 0,
        "documents": None,
        "queued": 0,
        "feeds": [],
    }
    assert "no-store" in response["Cache-Control"]


def test_health_check_answers_503_naming_an_unreachable_database(client):
    # Without the `db` fixture, pytest-django refuses every query: the database is out of reach.
    response = client.get("/sante/")

    assert response.status_code == 503
    data = response.json()
    assert (data["status"], data["database"], data["articles"]) == ("erreur", "erreur", None)
    assert data["index"] == "ok"


def test_health_check_names_the_feeds_that_fail_or_have_fallen_quiet(client, empty_index, settings):
    settings.VIGIE_FEED_QUIET_DAYS = 7
    Feed.objects.create(url="http://127.0.0.1:9/vivant.xml", name="Vivant", last_new_item_at=timezone.now())
    Feed.objects.create(
        url="http://127.0.0.1:9/panne.xml", name="En <panne>", last_ok=False, failures=3, last_status="échec : X"
    )
    quiet = Feed.objects.create(url="http://127.0.0.1:9/muet.xml", name="Muet")
    Feed.objects.filter(pk=quiet.pk).update(last_new_item_at=timezone.now() - dt.timedelta(days=9))
    Feed.objects.create(url="http://127.0.0.1:9/off.xml", name="Arrêté", active=False, last_ok=False)

    response = client.get("/sante/")

    # A feed's trouble is for a lookout: the archive itself still answers.
    assert response.status_code == 200
    assert response.json()["feeds"] == [
        {
            "name": "En <panne>",
            "url": "http://127.0.0.1:9/panne.xml",
            "problem": "en échec (3 fois de suite) : échec : X",
        },
        {
            "name": "Muet",
            "url": "http://127.0.0.1:9/muet.xml",
            "problem": "silencieux : aucun nouvel article depuis 9 jour(s), plus longtemps que d'habitude",
        },
    ]
