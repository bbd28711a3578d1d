"""export_archive / import_archive: the whole archive to one file and back, losslessly."""

import gzip
import io
import json

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Group, User
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import CommandError

from archive.models import (
    AdditionJob,
    Alias,
    Article,
    Entity,
    EntityKind,
    Feed,
    FeedItem,
    FormerSlug,
    Mention,
    NearDuplicate,
    Origin,
    Quote,
    Review,
    Source,
    SourceAlias,
    Theme,
)
from archive.portable import ARCHIVE_MODELS
from search.engine import connection
from search.upkeep import indexing

EDITED_TITLE = "Sauvegarde vérifiée par l'éditrice"


def edit_like_an_editor(article):
    """What hours of curation leave behind: a corrected title, an added mention
    of a renamed entity with its alias, a theme link, a rejected quote, history."""
    editor = User.objects.create_user("editrice", "editrice@example.org", "motdepasse-solide-42", is_staff=True)
    # get_or_create: a transactional test before this one may have flushed what migrations seeded.
    editor.groups.add(Group.objects.get_or_create(name="éditeur")[0])
    article.title = EDITED_TITLE
    article.edited_fields = ["title", "themes"]
    article.verified = True
    article.save()
    entity = Entity.objects.create(kind=EntityKind.PERSON, name="Jeanne Testeuse", slug="jeanne-testeuse")
    Entity.objects.filter(pk=entity.pk).update(name_edited=True)
    Alias.objects.create(entity=entity, name="J. Testeuse")
    FormerSlug.objects.create(slug="j-testeuse", entity=entity)  # an entity merged into her
    Mention.objects.create(
        article=article, entity=entity, origin=Origin.EDITOR, review=Review.ACCEPTED, count=2, first_position=7
    )
    article.themes.add(Theme.objects.create(name="Archives", keywords="sauvegarde\narchive"))
    quote = Quote.objects.filter(article=article).first() or Quote.objects.first()
    quote.review = Review.REJECTED
    quote.save()
    LogEntry.objects.create(
        user=editor,
        content_type=ContentType.objects.get_for_model(Article),
        object_id=str(article.pk),
        object_repr=article.title,
        action_flag=CHANGE,
        change_message='[{"changed": {"fields": ["Titre"]}}]',
    )


def snapshot():
    """Every archive row, the accounts (ids aside: they are matched by username)
    and the history (by username and content type)."""
    rows = {}
    for model in ARCHIVE_MODELS:
        rows[model._meta.label] = [
            {key: bytes(value) if isinstance(value, memoryview) else value for key, value in row.items()}
            for row in model.objects.order_by("pk").values()
        ]
    rows["users"] = [
        (
            user.username,
            user.email,
            user.is_staff,
            user.is_superuser,
            user.date_joined,
            sorted(user.groups.values_list("name", flat=True)),
        )
        for user in User.objects.order_by("username")
    ]
    rows["history"] = list(
        LogEntry.objects.order_by("action_time").values_list(
            "action_time",
            "user__username",
            "content_type__app_label",
            "content_type__model",
            "object_id",
            "object_repr",
            "action_flag",
            "change_message",
        )
    )
    return rows


def export(path):
    call_command("export_archive", str(path), stdout=io.StringIO())
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        manifest, *records = lines.read().splitlines()
    manifest = json.loads(manifest)
    manifest.pop("created_at")
    return manifest, records


@pytest.mark.django_db(transaction=True)
def test_the_whole_archive_survives_an_export_and_a_restore_on_an_empty_database(seeds, tmp_path, client):
    edit_like_an_editor(seeds[0])
    SourceAlias.objects.create(source=seeds[1].source, name="Agence Belga")  # a spelling an editor added
    assert NearDuplicate.objects.exists() and Article.objects.count() == 5
    assert seeds[1].agencies.exists()
    before = snapshot()
    first = export(tmp_path / "vigie.jsonl.gz")

    # A new machine: an empty database and an empty index.
    call_command("flush", "--noinput")
    connection.backend().clear()
    assert not Article.objects.exists() and indexing.document_count() == 0
    out = io.StringIO()
    call_command("import_archive", str(tmp_path / "vigie.jsonl.gz"), stdout=out)

    assert "5 articles. 5 document(s) indexé(s)" in out.getvalue()
    assert snapshot() == before
    assert export(tmp_path / "again.jsonl.gz") == first
    article = Article.objects.get(pk=seeds[0].pk)
    assert article.edited_fields == ["title", "themes"] and article.raw_text == seeds[0].raw_text
    editor = User.objects.get(username="editrice")
    assert not editor.has_usable_password() and editor.groups.filter(name="éditeur").exists()

    # The index was rebuilt: the editor's title is found.
    response = client.get("/api/search/", {"q": "sauvegarde vérifiée"}, HTTP_HOST="127.0.0.1")
    assert [result["slug"] for result in response.json()["results"]] == [article.slug]
    # Sequences moved past the imported ids (PostgreSQL): new rows save.
    Source.objects.create(name="Source ajoutée après la restauration", slug="apres-restauration")
    Entity.objects.create(kind=EntityKind.PLACE, name="Lieu ajouté", slug="lieu-ajoute")


@pytest.mark.django_db(transaction=True)
def test_replace_swaps_a_changed_archive_back_to_the_exported_one_and_keeps_accounts(seeds, tmp_path):
    edit_like_an_editor(seeds[0])
    before = snapshot()
    first = export(tmp_path / "vigie.jsonl.gz")
    Article.objects.filter(pk=seeds[1].pk).delete()
    Theme.objects.create(name="Thème ajouté après", keywords="ajout")
    User.objects.create_user("autre", "", "motdepasse-solide-43")

    call_command("import_archive", str(tmp_path / "vigie.jsonl.gz"), "--replace", stdout=io.StringIO())

    after = snapshot()
    assert [user[0] for user in after.pop("users")] == ["autre", "editrice"]
    before.pop("users")
    assert after == before
    again = [record for record in export(tmp_path / "again.jsonl.gz")[1] if '"username": "autre"' not in record]
    assert again == first[1]
    assert User.objects.get(username="editrice").check_password("motdepasse-solide-42")  # left as it was


def refused(path, *args):
    with pytest.raises(CommandError) as refusal:
        call_command("import_archive", str(path), *args, stdout=io.StringIO())
    return str(refusal.value)


@pytest.fixture
def exported(seeds, tmp_path):
    path = tmp_path / "vigie.jsonl.gz"
    call_command("export_archive", str(path), stdout=io.StringIO())
    return path


def test_a_non_empty_archive_is_not_replaced_without_replace(exported):
    before = snapshot()
    assert "n'est pas vide : ajoutez --replace" in refused(exported)
    assert snapshot() == before


def test_a_file_that_is_not_gzip_is_refused(db, tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("Ceci n'est pas une archive.")
    assert "tronqué ou abîmé" in refused(path)


def test_a_gzip_that_is_not_a_vigie_export_is_refused(db, tmp_path):
    path = tmp_path / "articles.jsonl.gz"
    with gzip.open(path, "wt") as out:
        out.write('{"title": "Un article", "text": "Du texte."}\n')
    assert "n'est pas une archive exportée par Vigie" in refused(path)


def test_an_export_from_a_newer_format_is_refused(db, tmp_path):
    path = tmp_path / "futur.jsonl.gz"
    with gzip.open(path, "wt") as out:
        out.write(json.dumps({"format": "vigie-archive", "version": 99, "counts": {}}) + "\n")
    assert "plus récent" in refused(path)


def test_an_export_needing_unknown_migrations_is_refused(db, tmp_path):
    path = tmp_path / "futur.jsonl.gz"
    manifest = {"format": "vigie-archive", "version": 1, "migrations": {"archive": ["0099_futur"]}, "counts": {}}
    with gzip.open(path, "wt") as out:
        out.write(json.dumps(manifest) + "\n")
    assert "migration inconnue : archive.0099_futur" in refused(path)


def test_a_truncated_file_changes_nothing_even_with_replace(exported, tmp_path):
    before = snapshot()
    data = exported.read_bytes()
    truncated = tmp_path / "coupé.jsonl.gz"
    truncated.write_bytes(data[: len(data) * 2 // 3])

    assert "tronqué ou abîmé" in refused(truncated, "--replace")
    assert snapshot() == before


def test_a_file_missing_records_changes_nothing_even_with_replace(exported, tmp_path):
    before = snapshot()
    with gzip.open(exported, "rt", encoding="utf-8") as lines:
        kept = [line for line in lines if not line.startswith('{"model": "archive.mention"')]
    partial = tmp_path / "partiel.jsonl.gz"
    with gzip.open(partial, "wt", encoding="utf-8") as out:
        out.writelines(kept)

    assert "Archive incomplète" in refused(partial, "--replace")
    assert snapshot() == before


def test_an_export_to_a_folder_that_does_not_exist_says_so_and_leaves_nothing(db, tmp_path):
    target = tmp_path / "absent" / "vigie.jsonl.gz"
    with pytest.raises(CommandError, match="Impossible d'écrire .*absent"):
        call_command("export_archive", str(target), stdout=io.StringIO())
    assert not target.parent.exists()


def test_feeds_their_items_and_held_articles_survive_a_replace(seeds, tmp_path):
    feed = Feed.objects.create(url="http://127.0.0.1:9/rss.xml", name="Gazette", etag='"v1"')
    FeedItem.objects.create(feed=feed, key="k", url=seeds[0].url, article=seeds[0], outcome="à examiner")
    Article.objects.filter(pk=seeds[0].pk).update(held=True)
    AdditionJob.objects.create(url="http://127.0.0.1:9/a", article=seeds[1])
    export(tmp_path / "vigie.jsonl.gz")
    Feed.objects.all().delete()

    call_command("import_archive", str(tmp_path / "vigie.jsonl.gz"), "--replace", stdout=io.StringIO())

    item = FeedItem.objects.select_related("feed", "article").get()
    assert (item.feed.name, item.feed.etag, item.article.slug) == ("Gazette", '"v1"', seeds[0].slug)
    assert list(Article.objects.filter(held=True)) == [item.article]
