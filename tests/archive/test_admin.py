from search.engine.connection import backend


def hits(query):
    return [result.slug for result in backend().search(query)["results"]]


def change_form(article, **changes):
    data = {
        "title": article.title,
        "title_generated": "",
        "published_on": "",
        "date_precision": "unknown",
        "date_found_by": "",
        "source": "",
        "url": "",
        "language": "fr",
        "relevance": article.relevance,
        "lead": article.lead,
        "body": article.body,
        "themes": [theme.pk for theme in article.themes.all()],
    }
    # The inlines' management forms, with no rows: existing rows stay as they are.
    for prefix in ("mentions", "figures", "quotes"):
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
    data.update(changes)
    return data


def test_every_model_has_an_admin_list(editor_client, seeds):
    for url in ("/admin/archive/article/", "/admin/archive/source/", "/admin/archive/article/?q=caravane"):
        assert editor_client.get(url).status_code == 200


def test_the_raw_text_is_read_only(editor_client, seeds):
    html = editor_client.get(f"/admin/archive/article/{seeds[1].pk}/change/").content.decode()
    assert 'name="raw_text"' not in html
    assert "date 2018-10 (Belga)" in html


def test_editing_an_article_in_the_admin_reindexes_it_on_commit(
    editor_client, seeds, django_capture_on_commit_callbacks
):
    article = seeds[3]
    assert hits("titre:coopération") == []
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            f"/admin/archive/article/{article.pk}/change/",
            change_form(
                article, title="Coopération sécuritaire à la frontière", published_on="08/06/2021", date_precision="day"
            ),
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert hits("titre:coopération") == [article.slug]
    data = backend().search("titre:coopération")["results"][0]
    assert data.date.year == 2021


def test_a_date_without_precision_is_refused_by_the_admin(editor_client, seeds):
    article = seeds[3]
    response = editor_client.post(
        f"/admin/archive/article/{article.pk}/change/", change_form(article, published_on="08/06/2021")
    )
    assert response.status_code == 200
    assert "précision" in response.content.decode()


def test_deleting_an_article_removes_it_from_the_index(editor_client, seeds, django_capture_on_commit_callbacks):
    article = seeds[4]
    assert article.slug in hits("cartels")
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(f"/admin/archive/article/{article.pk}/delete/", {"post": "yes"})
    assert article.slug not in hits("cartels")


NO_ALIAS_ROWS = {"aliases-TOTAL_FORMS": "0", "aliases-INITIAL_FORMS": "0"}


def test_renaming_a_source_in_the_admin_shows_at_once_in_results_and_facets(editor_client, seeds):
    source = seeds[1].source
    response = editor_client.post(
        f"/admin/archive/source/{source.pk}/change/",
        {"name": "Agence Belga", "url": "https://www.belga.be"} | NO_ALIAS_ROWS,
    )
    assert response.status_code == 302
    html = editor_client.get("/recherche/", {"q": "caravane"}).content.decode()
    assert "Agence Belga" in html
    assert editor_client.get("/api/search/", {"q": "caravane", "source": "belga"}).json()["count"] == 1
