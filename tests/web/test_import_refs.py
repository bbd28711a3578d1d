"""Where an article was imported from (« seeds/001_….txt », « topic.jsonl:6 ») is
the editors' business: the reader pages never show it, the admin does."""

import pytest

from archive.models import Article


@pytest.fixture
def refs(seeds):
    names = [ref.split("/")[-1] for ref in Article.objects.values_list("ref", flat=True)]
    assert len(names) == 5 and all(name.endswith(".txt") for name in names)
    return names


def shows_no_ref(html, names):
    return not any(name in html or name.removesuffix(".txt") in html for name in names)


@pytest.mark.parametrize("path", ["/recherche/", "/recherche/?q=caravane", "/entites/donald-trump/", "/chiffres/", "/"])
def test_reader_pages_show_no_import_reference(client, refs, path):
    response = client.get(path)
    assert response.status_code == 200
    assert shows_no_ref(response.content.decode(), refs)


def test_no_article_page_shows_its_import_reference(client, seeds, refs):
    for article in seeds.values():
        html = client.get(article.get_absolute_url(), {"q": "caravane"}).content.decode()
        assert shows_no_ref(html, refs), article.ref


def test_editors_see_the_import_reference_in_the_admin(editor_client, seeds):
    article = seeds[1]
    name = article.ref.split("/")[-1]
    assert name in editor_client.get(f"/admin/archive/article/{article.pk}/change/").content.decode()
    assert name in editor_client.get("/admin/archive/article/").content.decode()
