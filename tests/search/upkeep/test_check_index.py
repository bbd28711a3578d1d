import io
from contextlib import contextmanager

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from archive.models import Article, Entity
from search.engine import connection


def listed(output):
    """The slugs the command listed, one per line under each kind of problem."""
    return {line.strip() for line in output.splitlines() if line.startswith("    ") and "…" not in line}


def check_index(*args):
    """Run the command; returns (exit status, output)."""
    out = io.StringIO()
    try:
        call_command("check_index", *args, stdout=out, stderr=io.StringIO())
    except CommandError as error:
        return error.returncode, out.getvalue() + str(error)
    return 0, out.getvalue()


@contextmanager
def indexing_off():
    """Change the database the way a failed or bypassed indexing leaves it."""
    processor = apps.get_app_config("haystack").signal_processor
    processor.teardown()
    try:
        yield
    finally:
        processor.setup()


def search_slugs(client, query):
    return [result["slug"] for result in client.get("/api/search/", {"q": query}).json()["results"]]


def test_a_freshly_indexed_archive_is_consistent(seeds):
    status, output = check_index()
    assert status == 0
    assert "5 article(s) en base, 5 document(s) dans l'index." in output
    assert "Index conforme à la base." in output


def test_it_reports_an_article_missing_from_the_index(seeds):
    connection.backend().remove(connection.identifier_for(seeds[3].pk))
    status, output = check_index()
    assert status == 1
    assert "1 manquant(s) — article en base, absent de l'index :" in output
    assert listed(output) == {seeds[3].slug}
    assert "périmé" not in output and "orphelin" not in output
    assert "1 écart(s)" in output and "--repair" in output


def test_it_reports_an_article_edited_while_indexing_failed_as_stale(seeds):
    Article.objects.filter(pk=seeds[2].pk).update(title="Un titre corrigé sans réindexation")
    status, output = check_index()
    assert status == 1
    assert "1 périmé(s) — document différent de l'article en base :" in output
    assert listed(output) == {seeds[2].slug}


def test_renaming_an_entity_without_signals_makes_its_articles_stale(seeds):
    entity = Entity.objects.filter(mentions__article=seeds[1]).order_by("pk").first()
    mentioning = set(entity.mentions.values_list("article__slug", flat=True))
    Entity.objects.filter(pk=entity.pk).update(name="Nom Entièrement Nouveau")
    status, output = check_index("-v2")
    assert status == 1
    assert listed(output) == mentioning


def test_it_reports_a_document_whose_article_was_deleted_as_orphaned(seeds):
    with indexing_off():
        Article.objects.filter(pk=seeds[4].pk).delete()
    assert connection.identifier_for(seeds[4].pk) in connection.backend().document_ids()
    status, output = check_index()
    assert status == 1
    assert "4 article(s) en base, 5 document(s) dans l'index." in output
    assert "1 orphelin(s) — document dont l'article n'est plus en base :" in output
    assert listed(output) == {seeds[4].slug}


def test_repair_fixes_missing_stale_and_orphaned_documents_in_place(seeds, client):
    connection.backend().remove(connection.identifier_for(seeds[0].pk))
    Article.objects.filter(pk=seeds[2].pk).update(title="Zanzibar au bord du Rio Grande")
    with indexing_off():
        Article.objects.filter(pk=seeds[4].pk).delete()
    assert search_slugs(client, "zanzibar") == []

    status, output = check_index("--repair")
    assert status == 0
    assert "Index réparé : 2 document(s) réindexé(s), 1 supprimé(s)." in output

    status, output = check_index()
    assert status == 0 and "Index conforme à la base." in output
    assert connection.backend().document_ids() == {connection.identifier_for(a.pk) for a in Article.objects.all()}
    assert search_slugs(client, "zanzibar") == [seeds[2].slug]


def test_it_shows_a_few_examples_unless_asked_for_all(make_article):
    texts = [f"Article numéro {n} : la Garde nationale envoyée à la frontière, épisode {n}." for n in range(7)]
    articles = [make_article(text, ref=f"{n}.txt") for n, text in enumerate(texts)]
    for article in articles:
        connection.backend().remove(connection.identifier_for(article.pk))

    _, output = check_index()
    assert "7 manquant(s)" in output
    assert len(listed(output)) == 5
    assert "… et 2 autre(s) (-v2 pour tout voir)" in output

    _, output = check_index("-v2")
    assert listed(output) == {a.slug for a in articles}


def test_quiet_mode_still_fails_when_problems_remain(seeds):
    connection.backend().remove(connection.identifier_for(seeds[1].pk))
    status, output = check_index("-v0")
    assert status == 1
    assert output.startswith("1 écart(s)")


@pytest.mark.parametrize("command", ["check_index", "reindex"])
def test_an_unreadable_index_gets_a_sentence_not_a_traceback(db, unreadable_index, command):
    with pytest.raises(CommandError, match="illisible ou inaccessible"):
        call_command(command, stdout=io.StringIO())
