"""/sante/: can this process read the database and the search index?"""


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
    }
    assert "no-store" in response["Cache-Control"]


def test_health_check_answers_503_naming_an_unreachable_database(client):
    # Without the `db` fixture, pytest-django refuses every query: the database is out of reach.
    response = client.get("/sante/")

    assert response.status_code == 503
    data = response.json()
    assert (data["status"], data["database"], data["articles"]) == ("erreur", "erreur", None)
    assert data["index"] == "ok"
