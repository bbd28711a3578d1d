import io

from django.core.management import call_command

from search import indexing


def test_reindex_rebuilds_the_index_from_the_database(seeds, client):
    indexing.backend().clear()
    assert not client.get("/api/search/", {"q": "frontière"}).json()["count"]

    out = io.StringIO()
    call_command("reindex", stdout=out)

    assert out.getvalue().startswith("5 document(s) indexé(s) en ")
    assert indexing.document_count() == 5
    assert client.get("/api/search/", {"q": "frontière"}).json()["count"]
