import pytest

pytestmark = pytest.mark.usefixtures("seeds")


def test_search_api_answers_the_documented_shape(client, seeds):
    data = client.get("/api/search/", {"q": "caravane"}).json()
    assert set(data) >= {"count", "page", "results", "facets", "suggestion"}
    assert data["page"] == 1
    assert data["count"] == len(data["results"]) == 3  # seeds 000, 001, 002
    belga = next(r for r in data["results"] if r["slug"] == seeds[1].slug)
    assert belga == {
        "slug": seeds[1].slug,
        "ref": "001_5aa9b0819a99d367.txt",
        "title": seeds[1].title,
        "date": "2018-10",
        "date_precision": "month",
        "source": "Belga",
        "url": None,
        "snippet": belga["snippet"],
        "relevance": "core",
        "story": seeds[1].slug,  # the first article of the wire story seeds 001 and 002 tell
        "copies": None,  # counted with stories=1 only
    }
    assert "<mark>caravane</mark>" in belga["snippet"]
    assert data["facets"]["source"] == [{"value": "belga", "label": "Belga", "count": 1}]
    assert data["facets"]["year"] == [{"value": "2018", "label": "2018", "count": 1}]
    assert data["suggestion"] is None


def test_search_api_takes_the_same_filters_as_the_page(client, seeds):
    data = client.get("/api/search/", {"q": "caravane", "source": "belga"}).json()
    assert [r["slug"] for r in data["results"]] == [seeds[1].slug]


def test_search_api_refuses_bad_parameters_with_400(client):
    response = client.get("/api/search/", {"page": "deux"})
    assert response.status_code == 400
    assert response.json()["errors"]


def test_search_api_explains_a_query_without_words(client):
    response = client.get("/api/search/", {"q": "((("})
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 0
    assert data["messages"]


def test_article_api_gives_fields_and_text(client, seeds):
    data = client.get(f"/api/articles/{seeds[1].slug}/").json()
    assert data["title"] == seeds[1].title
    assert data["title_generated"] is True
    assert data["date"] == "2018-10"
    assert data["date_precision"] == "month"
    assert data["date_found_by"] == "header"
    assert data["source"] == "Belga"
    assert data["text"].startswith("Plus de 5.000 militaires")
    assert data["raw_text"].startswith(" date 2018-10 (Belga)")


def test_article_api_answers_404_for_an_unknown_slug(client):
    assert client.get("/api/articles/inconnu/").status_code == 404
