"""Editing operations keep the database and the index in step: after each one,
`check_index`'s comparison (search/upkeep/consistency.py) finds nothing to repair, and
an operation that fails halfway leaves nothing half-done. Transactional tests:
indexing runs on commit, as in production."""

import io

import pytest
from django.contrib.admin.models import DELETION, LogEntry
from django.core.management import call_command
from django.db import connection

from archive import curation, entities
from archive.entities import merge_entities
from archive.models import Alias, Article, Entity, Figure, Mention, NearDuplicate, Quote, Review, Theme
from search.upkeep import consistency

pytestmark = pytest.mark.django_db(transaction=True)


def assert_in_step():
    report = consistency.check()
    assert (report.missing, report.stale, report.orphaned) == ({}, {}, {})
    assert report.articles == report.documents == Article.objects.count()


def found(client, **params):
    response = client.get("/api/search/", params)
    assert response.status_code == 200, response.content
    return {result["slug"] for result in response.json()["results"]}


def entity(name):
    return Entity.objects.get(name=name)


def no_dangling_rows():
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA foreign_key_check")
            assert cursor.fetchall() == []
    for model in (Mention, Figure, Quote):
        assert not model.objects.exclude(article__in=Article.objects.all()).exists()
    assert not Mention.objects.exclude(entity__in=Entity.objects.all()).exists()


def test_the_seeds_start_in_step(seeds):
    assert_in_step()


def test_renaming_an_entity_and_a_spelling_reindexes_every_article_that_mentions_it(client, seeds):
    dunford = entity("Joseph Dunford")
    dunford.name = "Joseph F. Dunford"
    dunford.save()
    Alias.objects.create(entity=dunford, kind=dunford.kind, key="general dunford", name="général Dunford")

    assert_in_step()
    mentioning = set(Article.objects.filter(mentions__entity=dunford).values_list("slug", flat=True))
    assert mentioning
    assert found(client, q='personne:"Joseph F. Dunford"') == mentioning
    assert found(client, q='personne:"général Dunford"') == mentioning


def test_deleting_an_entity_takes_its_mentions_out_of_the_articles_and_the_index(client, seeds):
    dunford = entity("Joseph Dunford")
    assert found(client, person=dunford.slug)

    dunford.delete()

    assert_in_step()
    no_dangling_rows()
    assert found(client, q='personne:"Joseph Dunford"') == set()


def test_deleting_a_theme_takes_it_out_of_every_article_document(client, seeds):
    theme = Theme.objects.create(name="Murs et clôtures", slug="murs-et-clotures")
    theme.articles.add(seeds[0], seeds[2])
    assert found(client, theme=theme.slug) == {seeds[0].slug, seeds[2].slug}

    theme.delete()

    assert_in_step()
    assert found(client, theme=theme.slug) == set()


def test_a_merge_keeps_mentions_history_and_index_in_step(client, seeds):
    trump, biden = entity("Donald Trump"), entity("Biden")
    mentions_before = Mention.objects.filter(entity__in=[trump, biden]).count()

    merge_entities(trump, [biden])

    assert_in_step()
    no_dangling_rows()
    # Two mentions of one article became one: never more mentions than before.
    assert Mention.objects.filter(entity=trump).count() <= mentions_before
    # "Biden" is now a spelling of the entity kept: it finds all of its articles.
    mentioning = set(Article.objects.filter(mentions__entity=trump).values_list("slug", flat=True))
    assert found(client, q='personne:"Biden"') == mentioning


def test_a_merge_that_fails_halfway_changes_nothing(client, seeds, monkeypatch):
    trump, biden, harris = entity("Donald Trump"), entity("Biden"), entity("Kamala Harris")
    merged = [biden.pk, harris.pk]
    before = sorted(Mention.objects.values_list("pk", "entity_id", "count"))
    aliases = sorted(Alias.objects.values_list("pk", "entity_id"))
    calls = []

    def failing_on_the_second(target, name):
        calls.append(name)
        if len(calls) == 2:
            raise RuntimeError("disque plein")

    monkeypatch.setattr(entities, "add_alias", failing_on_the_second)
    with pytest.raises(RuntimeError):
        merge_entities(trump, [biden, harris])

    assert sorted(Mention.objects.values_list("pk", "entity_id", "count")) == before
    assert sorted(Alias.objects.values_list("pk", "entity_id")) == aliases
    assert Entity.objects.filter(pk__in=merged).count() == 2
    assert_in_step()
    assert seeds[3].slug in found(client, q='personne:"Biden"')


def test_re_extraction_keeps_the_editors_rejections_and_the_index_in_step(client, seeds):
    rejected = seeds[0].mentions.first()
    rejected.review = Review.REJECTED
    rejected.save()
    figures = {article: article.figures.count() for article in seeds.values()}

    call_command("extract_metadata", "--all", stdout=io.StringIO(), stderr=io.StringIO())

    assert_in_step()
    no_dangling_rows()
    assert Mention.objects.get(pk=rejected.pk).review == Review.REJECTED
    assert {article: article.figures.count() for article in seeds.values()} == figures


def test_a_re_extraction_that_fails_on_one_article_leaves_it_whole_and_the_others_done(seeds, monkeypatch):
    articles = sorted(seeds.values(), key=lambda article: article.pk)
    victim = articles[2]
    victim_facts = sorted(victim.mentions.values_list("entity_id", "count", "review"))
    victim.mentions.update(count=99)  # what re-extraction would put right
    Mention.objects.filter(article=articles[0]).update(count=99)
    apply = curation.apply_extraction

    def failing_for_the_victim(article, extracted, facts):
        changed = apply(article, extracted, facts)
        if article.pk == victim.pk:
            raise RuntimeError("coupure")
        return changed

    monkeypatch.setattr(curation, "apply_extraction", failing_for_the_victim)
    with pytest.raises(RuntimeError):
        curation.extract_articles(articles)

    # The article before is re-extracted and committed; the victim's transaction rolled back whole.
    assert not articles[0].mentions.filter(count=99).exists()
    assert set(victim.mentions.values_list("count", flat=True)) == {99}
    assert len(victim_facts) == victim.mentions.count()
    assert_in_step()


def test_deleting_an_article_in_the_admin_removes_its_rows_and_document_and_logs_it(client, editor_client, seeds):
    article = seeds[1]
    assert (
        NearDuplicate.objects.filter(from_article=article).exists()
        or NearDuplicate.objects.filter(to_article=article).exists()
    )

    response = editor_client.post(f"/admin/archive/article/{article.pk}/delete/", {"post": "yes"})

    assert response.status_code == 302
    assert not Article.objects.filter(pk=article.pk).exists()
    assert not NearDuplicate.objects.filter(from_article_id=article.pk).exists()
    assert not NearDuplicate.objects.filter(to_article_id=article.pk).exists()
    no_dangling_rows()
    assert_in_step()
    assert article.slug not in found(client, q="frontière")
    assert LogEntry.objects.filter(object_id=str(article.pk), action_flag=DELETION).exists()
