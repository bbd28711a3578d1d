"""Publisher and agencies at import, spellings of a source, and the admin's merge."""

from django.contrib.admin.models import LogEntry

from archive.extraction.pipeline import RawArticle
from archive.importing import import_article
from archive.models import Source, SourceAlias
from tests.archive.test_curation import found, reextract, run_action

TEXT = "Des militaires américains sont déployés à la frontière avec le Mexique, a annoncé le Pentagone."


def imported(make_article, source, text=TEXT):
    return make_article(f"{text} ({source})", source=source)


def test_an_import_tells_the_publisher_from_the_agency(make_article):
    article = imported(make_article, "Orange Actu (Orange avec AFP-Services)")
    assert article.source.name == "Orange Actu"
    assert [agency.name for agency in article.agencies.all()] == ["AFP"]


def test_five_spellings_of_orange_actu_are_one_publisher_and_three_agencies(make_article):
    spellings = [
        "Orange Actu (AFP)",
        "Orange Actu (Orange avec AFP)",
        "Orange Actu (Orange avec AFP-Services)",
        "Orange Actu (6Medias)",
        "Orange Actu (France 24)",
    ]
    articles = [imported(make_article, spelling, f"{TEXT} Dépêche {i}.") for i, spelling in enumerate(spellings)]
    assert {article.source.name for article in articles} == {"Orange Actu"}
    assert Source.objects.get(name="AFP").agency_articles.count() == 3
    assert Source.objects.get(name="6Medias").agency_articles.count() == 1
    assert not Source.objects.filter(name__startswith="Orange Actu (").exists()


def test_le_monde_avec_afp_in_the_text_is_le_monde_with_the_afp(make_article):
    article = make_article(f"{TEXT}\nLe Monde avec AFP et Reuters", source="Le Monde")
    assert article.source.name == "Le Monde"
    assert sorted(agency.name for agency in article.agencies.all()) == ["AFP", "Reuters"]


def test_the_seed_dispatch_of_belga_is_published_and_supplied_by_belga(seeds):
    assert seeds[1].source.name == "Belga"
    assert [agency.name for agency in seeds[1].agencies.all()] == ["Belga"]


def test_the_article_api_keeps_source_and_adds_publisher_and_agencies(client, make_article):
    article = imported(make_article, "Orange Actu (AFP)")
    data = client.get(f"/api/articles/{article.slug}/").json()
    assert (data["source"], data["publisher"], data["agencies"]) == ("Orange Actu", "Orange Actu", ["AFP"])


def test_the_admin_merge_asks_which_source_to_keep_then_moves_articles_and_keeps_the_name(
    client, editor_client, make_article, django_capture_on_commit_callbacks
):
    kept = imported(make_article, "Orange Actu", f"{TEXT} Premier.")
    other = imported(make_article, "Orange Info", f"{TEXT} Second.")
    orange_actu, orange_info = kept.source, other.source
    assert found(client, source=orange_info.slug) == {other.slug}

    page = run_action(editor_client, "source", "merge", [orange_actu, orange_info])
    assert page.status_code == 200
    assert 'name="target"' in page.content.decode()
    assert "Les autres sources deviennent des graphies" in page.content.decode()
    chosen = {"action": "merge", "_selected_action": [orange_actu.pk, orange_info.pk], "target": orange_actu.pk}
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post("/admin/archive/source/", chosen)

    assert response.status_code == 302
    assert not Source.objects.filter(pk=orange_info.pk).exists()
    other.refresh_from_db()
    assert other.source == orange_actu
    assert SourceAlias.objects.get(name="Orange Info").source == orange_actu
    log = LogEntry.objects.get(object_id=str(orange_actu.pk), content_type__model="source")
    assert "Orange Info" in log.change_message
    # The index follows on commit: the kept source finds both, the merged one nothing.
    assert found(client, source=orange_actu.slug) == {kept.slug, other.slug}
    assert found(client, source=orange_info.slug) == set()
    # An article imported later under the old name lands on the kept source, and so does a re-extraction.
    _, later, _ = import_article(RawArticle(text=f"{TEXT} Troisième.", source="Orange Info", ref="later.txt"))
    assert later.source == orange_actu
    reextract("--all")
    other.refresh_from_db()
    assert other.source == orange_actu


def test_merging_an_agency_moves_the_articles_it_supplied(make_article):
    from archive.sources import merge_sources

    article = imported(make_article, "Le Journal (Agence X)")
    article.agencies.add(Source.for_name("Agence X"))
    afp = Source.for_name("AFP")
    article.agencies.add(afp)
    merge_sources(afp, [Source.objects.get(name="Agence X")])
    assert [agency.name for agency in article.agencies.all()] == ["AFP"]


def test_the_admin_refuses_a_spelling_another_source_owns(editor_client, make_article):
    orange = imported(make_article, "Orange Actu").source
    imported(make_article, "BFMTV", f"{TEXT} Autre.")
    response = editor_client.post(
        f"/admin/archive/source/{orange.pk}/change/",
        {"name": "Orange Actu", "url": "", "aliases-TOTAL_FORMS": "1", "aliases-INITIAL_FORMS": "0",
         "aliases-0-name": "bfmtv"},
    )  # fmt: skip
    assert response.status_code == 200
    assert "désigne déjà « BFMTV »" in response.content.decode()
    assert not SourceAlias.objects.exists()


def test_the_migration_splits_the_sources_of_an_existing_archive_and_loses_no_name(db):
    """0010 on an archive imported before: each article keeps its publisher, gains
    its agencies, and every old name is a spelling of the publisher."""
    import importlib

    from django.apps import apps

    from archive.models import Article

    migration = importlib.import_module("archive.migrations.0010_sources")
    old = {name: Source.objects.create(name=name, slug=slug) for name, slug in [
        ("Orange Actu (AFP)", "orange-actu-afp"), ("Orange Actu (Orange avec AFP-Services)", "orange-actu-orange"),
        ("Le Monde", "le-monde"), ("Belga", "belga"),
    ]}  # fmt: skip
    rows = [
        ("Orange Actu (AFP)", "Des soldats à la frontière."),
        ("Orange Actu (Orange avec AFP-Services)", "Des soldats au Texas."),
        ("Le Monde", "Des soldats en Arizona.\nLe Monde avec AFP et Reuters"),
        ("Le Monde", "Des soldats selon l’Agence France-Presse (AFP)."),
        ("Belga", "date 2018-10 (Belga) Des soldats."),
        (None, "WASHINGTON (AFP) - Des soldats."),
    ]
    for i, (source, text) in enumerate(rows):
        Article.objects.create(
            slug=f"a-{i}", title=f"Article {i}", body=text, raw_text=text, content_hash=str(i),
            source=old.get(source),
        )  # fmt: skip

    migration.split_sources(apps, None)

    def credited(i):
        article = Article.objects.get(slug=f"a-{i}")
        return (article.source.name if article.source else None, sorted(a.name for a in article.agencies.all()))

    assert [credited(i) for i in range(len(rows))] == [
        ("Orange Actu", ["AFP"]),
        ("Orange Actu", ["AFP"]),
        ("Le Monde", ["AFP", "Reuters"]),
        ("Le Monde", []),
        ("Belga", ["Belga"]),
        ("AFP", ["AFP"]),
    ]
    assert not Source.objects.filter(name__startswith="Orange Actu (").exists()
    assert set(SourceAlias.objects.values_list("name", "source__name")) == {
        ("Orange Actu (AFP)", "Orange Actu"),
        ("Orange Actu (Orange avec AFP-Services)", "Orange Actu"),
    }
    assert Source.for_name("Orange Actu (Orange avec AFP-Services)").name == "Orange Actu"


def test_an_editor_choosing_the_agencies_is_indexed_at_once_and_kept_by_re_extraction(client, make_article, edit):
    article = imported(make_article, "Orange Actu (AFP)")
    reuters = Source.for_name("Reuters")
    edit(article, agencies=[reuters.pk])
    assert "agencies" in article.edited_fields
    assert found(client, agency="reuters") == {article.slug}
    assert found(client, agency="afp") == set()
    reextract("--all")
    assert [agency.name for agency in article.agencies.all()] == ["Reuters"]


def test_deleting_an_agency_takes_it_out_of_the_index(client, make_article, django_capture_on_commit_callbacks):
    article = imported(make_article, "Orange Actu (6Medias)")
    with django_capture_on_commit_callbacks(execute=True):
        Source.objects.get(name="6Medias").delete()
    assert found(client, agency="6medias") == set()
    assert found(client, source="orange-actu") == {article.slug}
