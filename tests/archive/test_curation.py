"""Curation: what extraction found in the seeds, how the API and the index show
it, and how an editor's corrections, rejections, merges and re-extraction jobs
survive the next extraction."""

import datetime as dt
import io

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.messages import get_messages
from django.core.management import call_command
from django.core.management.base import CommandError

from archive.entities import add_alias, merge_entities
from archive.models import Alias, Article, Entity, ExtractionJob, Mention, OrganisationPattern, Origin, Review, Theme
from tests.conftest import SEEDS

# Builders


def entity(name):
    return Entity.objects.get(name=name)


def mention_of(article, name):
    return article.mentions.get(entity__name=name)


def api(client, article):
    return client.get(f"/api/articles/{article.slug}/").json()


def found(client, **params):
    """Slugs of the articles /api/search/ returns for `params`."""
    response = client.get("/api/search/", params)
    assert response.status_code == 200, response.content
    return {result["slug"] for result in response.json()["results"]}


def reextract(*args):
    out = io.StringIO()
    call_command("extract_metadata", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def change_url(article):
    return f"/admin/archive/article/{article.pk}/change/"


def change_form(article, **changes):
    """The article's admin form as it is (so only `changes` change), with the
    inlines' management forms and no rows: existing rows stay as they are."""
    data = {
        "title": article.title,
        "published_on": article.published_on.isoformat() if article.published_on else "",
        "date_precision": article.date_precision,
        "source": article.source_id or "",
        "agencies": [agency.pk for agency in article.agencies.all()],
        "authors": "\n".join(article.authors),
        "url": article.url,
        "language": article.language,
        "relevance": article.relevance,
        "lead": article.lead,
        "body": article.body,
        "themes": [theme.pk for theme in article.themes.all()],
        "edited_fields": list(article.edited_fields),
    }
    data |= {name: "on" for name in ("title_generated", "verified") if getattr(article, name)}
    for prefix in ("mentions", "figures", "quotes"):
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
    data.update(changes)
    return data


def mention_rows(*mentions, **changes):
    """Inline rows for `mentions` (existing Mention rows first, then new ones as dicts), with `changes` applied."""
    data = {"mentions-TOTAL_FORMS": str(len(mentions))}
    data["mentions-INITIAL_FORMS"] = str(sum(isinstance(m, Mention) for m in mentions))
    for i, m in enumerate(mentions):
        row = m if isinstance(m, dict) else {
            "id": m.pk, "entity": m.entity_id, "count": m.count, "first_position": m.first_position, "review": m.review,
        }  # fmt: skip
        data |= {f"mentions-{i}-{name}": value for name, value in (row | changes).items()}
    return data


def run_action(client, model, action, objects):
    """Choose `objects` in the admin list of `model` and run `action` on them."""
    data = {"action": action, "_selected_action": [obj.pk for obj in objects], "index": "0"}
    return client.post(f"/admin/archive/{model}/", data)


# 1. What extraction found in the seeds


def test_seed_000_names_joseph_dunford_once_with_his_other_spellings_folded_in(seeds):
    people = [m.entity.name for m in seeds[0].mentions.filter(entity__kind="person")]
    assert people.count("Joseph Dunford") == 1
    assert not [name for name in people if "Dunford" in name and name != "Joseph Dunford"]
    assert mention_of(seeds[0], "Joseph Dunford").count >= 3
    assert Entity.objects.filter(name__icontains="dunford").count() == 1


def test_etats_unis_with_and_without_accent_is_one_place_named_with_its_accent(seeds):
    in_000 = seeds[0].mentions.get(entity__slug="etats-unis").entity
    in_001 = seeds[1].mentions.get(entity__slug="etats-unis").entity
    assert in_000 == in_001
    assert (in_000.name, in_000.kind) == ("États-Unis", "place")
    assert not Entity.objects.filter(name="Etats-Unis").exists()


def test_etats_unis_seen_first_without_accent_takes_the_accented_name_when_it_comes(empty_index):
    for number in (1, 0):
        call_command("import_articles", str(next(SEEDS.glob(f"{number:03d}_*.txt"))), stdout=io.StringIO())
    place = Entity.objects.get(slug="etats-unis")
    assert place.name == "États-Unis"
    assert Mention.objects.filter(entity=place).count() == 2


def test_the_pentagone_is_an_organisation(seeds):
    assert entity("Pentagone").kind == "organisation"


def test_seed_001_figures_are_deployments_not_counts_of_migrants_or_requests(seeds):
    figures = {(f.count, f.qualifier) for f in seeds[1].figures.all()}
    assert (5000, "plus de") in figures
    assert seeds[1].figures.get(count=2000).qualifier == "quelque"
    assert seeds[1].figures.get(count=2000).force == "Garde nationale"
    assert {7000, 1743}.isdisjoint(count for count, _ in figures)


def test_seed_001_quotes_have_their_speakers_even_the_tweeting_president(seeds):
    quotes = list(seeds[1].quotes.all())
    assert any(q.speaker == "Terrence O'Shaughnessy" and q.text.startswith("D'ici à la fin") for q in quotes)
    assert any(q.speaker == "Donald Trump" and q.text.startswith("De nombreux membres de gangs") for q in quotes)


def test_seeds_001_and_002_are_near_duplicates_of_each_other_and_seed_000_of_none(seeds):
    assert list(seeds[1].near_duplicates.all()) == [seeds[2]]
    assert list(seeds[2].near_duplicates.all()) == [seeds[1]]
    assert not seeds[0].near_duplicates.exists()


def test_the_source_is_the_byline_agency_not_a_medium_the_article_cites(seeds):
    assert seeds[1].source.name == "Belga"
    assert seeds[4].source is None
    assert mention_of(seeds[4], "NBC News").entity.kind == "organisation"


def test_seed_004_is_about_cartels_and_drugs(seeds):
    assert "cartels-et-drogue" in {theme.slug for theme in seeds[4].themes.all()}


# 2. The article API and the search facets


def test_the_article_api_gives_the_facts_of_seed_001(client, seeds):
    data = api(client, seeds[1])
    assert {"Terrence O'Shaughnessy", "Donald Trump", "Kevin McAleenan"} <= set(data["people"])
    assert "États-Unis" in data["places"]
    assert "Pentagone" in data["organisations"]
    fields = {"count", "qualifier", "unit", "force", "announcer", "announcer_kind", "sentence", "review", "checked"}
    assert all(set(f) == fields for f in data["figures"])
    first = data["figures"][0]
    assert first | {"sentence": ""} == {
        "count": 5000, "qualifier": "plus de", "unit": "militaires", "force": "armée américaine",
        "announcer": "Pentagone", "announcer_kind": "organisation", "sentence": "",
        "review": "pending", "checked": False,
    }  # fmt: skip
    assert first["sentence"].startswith("Plus de 5.000 militaires")
    quote = seeds[1].quotes.first()
    assert {
        "speaker": "Terrence O'Shaughnessy",
        "text": quote.text,
        "speaker_entity": quote.speaker_entity.slug,
        "review": "pending",
        "checked": False,
    } in data["quotes"]
    assert quote.speaker_entity.name == "Terrence O'Shaughnessy"
    assert "Caravanes de migrants" in data["themes"]
    assert data["near_duplicates"] == [seeds[2].slug]
    assert data["date_source"] == "header"


def test_search_facets_name_people_places_organisations_and_themes(client, seeds):
    facets = client.get("/api/search/").json()["facets"]
    assert {"person", "place", "organisation", "theme"} <= set(facets)
    assert {"value": "joseph-dunford", "label": "Joseph Dunford", "count": 1} in facets["person"]
    assert {"value": "pentagone", "label": "Pentagone", "count": 2} in facets["organisation"]
    assert {"value": "cartels-et-drogue", "label": "Cartels et drogue", "count": 1} in facets["theme"]


def test_filtering_on_a_person_finds_only_the_articles_that_mention_them(client, seeds):
    assert found(client, person=entity("Joseph Dunford").slug) == {seeds[0].slug}


def test_an_unknown_or_malformed_person_finds_nothing_or_explains_but_never_fails(client, seeds):
    assert found(client, person="personne-inconnue") == set()
    response = client.get("/api/search/", {"person": "Pas un slug !"})
    assert response.status_code == 400
    assert response.json()["errors"]


# 3. An editor's work survives re-extraction


def test_a_title_written_by_an_editor_is_no_longer_flagged_as_generated(edit, client, seeds):
    article = seeds[1]
    assert article.title_generated
    edit(article, title="Le Pentagone envoie 5.000 militaires")
    assert not article.title_generated
    assert client.get(f"/api/articles/{article.slug}/").json()["title_generated"] is False
    assert "Titre tiré de la première phrase" not in client.get(article.get_absolute_url()).content.decode()


def test_an_edited_title_is_kept_by_re_extraction_while_other_fields_are_extracted_again(edit, seeds):
    article = seeds[1]
    edit(article, title="Le Pentagone envoie 5.000 militaires")
    assert article.edited_fields == ["title"]
    Article.objects.filter(pk=article.pk).update(lead="", source=None, published_on=None, date_precision="unknown")
    reextract(article.slug)
    article.refresh_from_db()
    assert article.title == "Le Pentagone envoie 5.000 militaires"
    assert article.lead.startswith("Plus de 5.000 militaires")
    assert article.source.name == "Belga"
    assert (article.published_on, article.date_found_by) == (dt.date(2018, 10, 1), "header")


def test_an_edited_date_is_found_by_the_editor_and_survives_re_extraction(client, edit, seeds):
    article = seeds[1]
    edit(article, published_on="2018-10-29", date_precision="day")
    assert article.edited_fields == ["date"]
    assert article.date_found_by == "editor"
    reextract(article.slug)
    article.refresh_from_db()
    assert (article.published_on, article.date_precision, article.date_found_by) == (
        dt.date(2018, 10, 29), "day", "editor",
    )  # fmt: skip
    assert api(client, article)["date_source"] == "editor"


def test_a_mention_rejected_in_the_admin_leaves_the_api_and_the_index_and_stays_rejected(client, edit, seeds):
    article, rejected = seeds[1], mention_of(seeds[1], "Kevin McAleenan")
    assert found(client, person="kevin-mcaleenan") == {article.slug}
    edit(article, **mention_rows(rejected, review="rejected"))
    assert found(client, person="kevin-mcaleenan") == set()
    reextract(article.slug)
    rejected.refresh_from_db()
    assert rejected.review == Review.REJECTED
    assert article.mentions.filter(entity__name="Kevin McAleenan").count() == 1
    assert "Kevin McAleenan" not in api(client, article)["people"]
    assert found(client, person="kevin-mcaleenan") == set()
    facets = client.get("/api/search/").json()["facets"]
    assert "kevin-mcaleenan" not in {value["value"] for value in facets["person"]}


def test_a_rejected_figure_stays_rejected_after_re_extraction_and_is_not_shown(client, seeds):
    article = seeds[1]
    figure = article.figures.get(count=2000)
    figure.review = Review.REJECTED
    figure.save()
    reextract(article.slug)
    figure.refresh_from_db()
    assert figure.review == Review.REJECTED
    assert article.figures.filter(count=2000).count() == 1
    assert 2000 not in [f["count"] for f in api(client, article)["figures"]]
    assert 5000 in [f["count"] for f in api(client, article)["figures"]]


def test_a_mention_an_editor_added_survives_re_extraction_but_a_stale_extracted_one_does_not(client, edit, seeds):
    article, dunford, harris = seeds[1], entity("Joseph Dunford"), entity("Kamala Harris")
    added = {"entity": dunford.pk, "count": 1, "first_position": 0, "review": "pending"}
    edit(article, **mention_rows(added))
    assert (mention_of(article, "Joseph Dunford").origin, mention_of(article, "Joseph Dunford").review) == (
        Origin.EDITOR, Review.ACCEPTED,
    )  # fmt: skip
    sheinbaum = entity("Claudia Sheinbaum")
    Mention.objects.create(article=article, entity=sheinbaum, origin=Origin.EDITOR)  # not yet reviewed
    Mention.objects.create(article=article, entity=harris)  # as if an earlier extraction had found her
    reextract(article.slug)
    assert article.mentions.filter(entity=dunford, origin=Origin.EDITOR).exists()
    assert article.mentions.filter(entity=sheinbaum, origin=Origin.EDITOR).exists()
    assert not article.mentions.filter(entity=harris).exists()
    assert "Joseph Dunford" in api(client, article)["people"]
    assert found(client, person="joseph-dunford") == {seeds[0].slug, article.slug}


def test_unticking_an_edited_field_gives_it_back_to_extraction(edit, seeds):
    article, extracted_title = seeds[1], seeds[1].title
    edit(article, title="Titre de l'éditrice")
    assert article.edited_fields == ["title"]
    edit(article, edited_fields=[])
    assert article.edited_fields == []
    reextract(article.slug)
    article.refresh_from_db()
    assert article.title == extracted_title


def test_themes_edited_in_the_admin_are_reindexed_and_kept_by_re_extraction(client, edit, seeds):
    article, cartels = seeds[4], Theme.objects.get(slug="cartels-et-drogue")
    assert found(client, theme="cartels-et-drogue") == {article.slug}
    others = [theme.pk for theme in article.themes.exclude(pk=cartels.pk)]
    edit(article, themes=others)
    assert article.edited_fields == ["themes"]
    assert found(client, theme="cartels-et-drogue") == set()
    reextract(article.slug)
    assert not article.themes.filter(pk=cartels.pk).exists()


def test_a_theme_added_or_removed_through_the_orm_is_reindexed_on_commit(
    client, seeds, django_capture_on_commit_callbacks
):
    cartels = Theme.objects.get(slug="cartels-et-drogue")
    with django_capture_on_commit_callbacks(execute=True):
        seeds[4].themes.remove(cartels)
    assert found(client, theme="cartels-et-drogue") == set()
    with django_capture_on_commit_callbacks(execute=True):
        cartels.articles.add(seeds[0])
    assert found(client, theme="cartels-et-drogue") == {seeds[0].slug}


# 4. Merging entities


def test_merging_an_entity_moves_its_name_and_mentions_to_the_one_kept_and_reindexes(
    client, seeds, django_capture_on_commit_callbacks
):
    trump, biden = entity("Donald Trump"), entity("Biden")
    assert seeds[3].slug not in found(client, person=trump.slug)
    with django_capture_on_commit_callbacks(execute=True):
        touched = merge_entities(trump, [biden])
    # Biden's article, and every article of Trump's: their documents now carry the name "Biden".
    assert seeds[3].pk in touched
    assert touched == sorted(Mention.objects.filter(entity=trump).values_list("article_id", flat=True))
    assert not Entity.objects.filter(pk=biden.pk).exists()
    assert Alias.objects.get(name="Biden").entity == trump
    assert mention_of(seeds[3], "Donald Trump").count == 2
    assert seeds[3].slug in found(client, person=trump.slug)
    assert found(client, person="biden") == set()
    reextract(seeds[3].slug)  # the merged name now leads extraction to the entity kept
    assert not Entity.objects.filter(name="Biden").exists()
    assert mention_of(seeds[3], "Donald Trump").count == 2


def test_merging_two_entities_one_article_mentions_adds_their_counts(seeds):
    harris, biden = entity("Kamala Harris"), entity("Biden")
    before = mention_of(seeds[3], "Kamala Harris").count + mention_of(seeds[3], "Biden").count
    merge_entities(harris, [biden])
    assert mention_of(seeds[3], "Kamala Harris").count == before
    assert seeds[3].mentions.filter(entity__name__in=["Kamala Harris", "Biden"]).count() == 1


def test_the_admin_merge_action_asks_which_entity_to_keep_then_merges_and_logs(
    client, editor_client, seeds, django_capture_on_commit_callbacks
):
    dunford, terrence = entity("Joseph Dunford"), entity("Terrence O'Shaughnessy")
    page = run_action(editor_client, "entity", "merge", [dunford, terrence])
    assert page.status_code == 200
    assert 'name="target"' in page.content.decode()
    assert "Les autres entités deviennent des graphies" in page.content.decode()
    assert Entity.objects.filter(pk=terrence.pk).exists()
    # The intermediate page posts back the selection and the entity to keep, without `index`.
    chosen = {"action": "merge", "_selected_action": [dunford.pk, terrence.pk], "target": dunford.pk}
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post("/admin/archive/entity/", chosen)
    assert response.status_code == 302
    assert not Entity.objects.filter(pk=terrence.pk).exists()
    assert Alias.objects.get(name="Terrence O'Shaughnessy").entity == dunford
    assert mention_of(seeds[1], "Joseph Dunford").count == 1
    log = LogEntry.objects.get(object_id=str(dunford.pk), content_type__model="entity")
    assert "Terrence O'Shaughnessy" in log.change_message
    assert found(client, person=dunford.slug) == {seeds[0].slug, seeds[1].slug}
    assert found(client, person=terrence.slug) == set()


def test_a_person_wrongly_typed_can_be_merged_into_the_place_of_the_same_name(seeds):
    place = Entity.objects.get(kind="place", name="Washington")
    person = Entity.objects.create(kind="person", name="Washington", slug="washington-person")
    add_alias(person, "Washington")  # as extraction writes an entity it finds
    Mention.objects.create(article=seeds[0], entity=person)
    merge_entities(place, [person])
    assert mention_of(seeds[0], "Washington").entity == place
    assert not Entity.objects.filter(pk=person.pk).exists()


def test_a_merge_across_kinds_survives_re_extraction(seeds):
    # Without its line in the known organisations, the recogniser calls the gang a place.
    OrganisationPattern.objects.filter(name="Tren de Aragua").delete()
    reextract(seeds[4].slug)
    assert entity("Tren de Aragua").kind == "place"
    gang = Entity.objects.create(kind="organisation", name="Tren de Aragua (gang)", slug="tda")
    merge_entities(gang, [entity("Tren de Aragua")])
    assert seeds[4].mentions.filter(entity=gang).exists()
    reextract(seeds[4].slug)
    assert list(Entity.objects.filter(name="Tren de Aragua")) == []
    assert seeds[4].mentions.filter(entity=gang).exists()


# 5. Re-extraction jobs


def test_the_reextract_action_queues_a_job_that_the_worker_command_runs_to_the_end(editor_client, seeds, settings):
    assert settings.VIGIE_START_EXTRACTION_WORKER is False
    ids = [seeds[0].pk, seeds[1].pk]
    extracted_at = dict(Article.objects.values_list("pk", "extracted_at"))
    response = run_action(editor_client, "article", "reextract", [seeds[1], seeds[0]])
    assert response.status_code == 302
    assert dict(Article.objects.values_list("pk", "extracted_at")) == extracted_at  # nothing ran in the request
    job = ExtractionJob.objects.get()
    assert (job.status, job.article_ids, job.done) == ("queued", sorted(ids), 0)
    assert any(f"n° {job.pk}" in str(message) for message in get_messages(response.wsgi_request))
    page = editor_client.get("/admin/archive/extractionjob/").content.decode()
    assert '<progress max="2" value="0"></progress> 0 / 2' in page
    assert 'http-equiv="refresh"' in page
    assert "1 ré-extraction(s) traitée(s)." in reextract("--jobs")
    job.refresh_from_db()
    assert job.status == "done"
    assert job.done == job.total == 2
    assert all(Article.objects.get(pk=pk).extracted_at > extracted_at[pk] for pk in ids)
    page = editor_client.get("/admin/archive/extractionjob/").content.decode()
    assert '<progress max="2" value="2"></progress> 2 / 2' in page
    assert 'http-equiv="refresh"' not in page
    assert list(seeds[1].near_duplicates.all()) == [seeds[2]]
    assert list(seeds[2].near_duplicates.all()) == [seeds[1]]


# 6. The extract_metadata command


def test_extract_metadata_refuses_an_unknown_slug(seeds):
    with pytest.raises(CommandError, match="nexiste-pas"):
        reextract(seeds[0].slug, "nexiste-pas")


def test_extract_metadata_without_arguments_is_a_command_error(seeds):
    with pytest.raises(CommandError):
        reextract()


def test_extract_metadata_missing_only_touches_articles_never_extracted(seeds):
    title = seeds[2].title
    Article.objects.filter(pk=seeds[2].pk).update(extracted_at=None, title="À extraire")
    before = dict(Article.objects.exclude(pk=seeds[2].pk).values_list("pk", "extracted_at"))
    assert reextract("--missing").startswith("1 article(s) ré-extrait(s)")
    assert dict(Article.objects.exclude(pk=seeds[2].pk).values_list("pk", "extracted_at")) == before
    seeds[2].refresh_from_db()
    assert seeds[2].extracted_at is not None
    assert seeds[2].title == title


# 7. Admin pages and actions


def test_the_curation_admin_pages_load(editor_client, seeds):
    pages = [
        "/admin/archive/entity/",
        f"/admin/archive/entity/{entity('Joseph Dunford').pk}/change/",
        "/admin/archive/theme/",
        f"/admin/archive/theme/{Theme.objects.get(slug='cartels-et-drogue').pk}/change/",
        "/admin/archive/extractionjob/",
        "/admin/archive/article/?verified__exact=0",
    ]
    for url in pages:
        assert editor_client.get(url).status_code == 200, url


def test_the_article_change_page_lists_its_mentions_figures_and_quotes(editor_client, seeds):
    html = editor_client.get(change_url(seeds[1])).content.decode()
    assert 'name="mentions-TOTAL_FORMS" value="8"' in html
    assert "Kevin McAleenan" in html
    assert 'name="figures-TOTAL_FORMS" value="5"' in html
    assert 'name="quotes-TOTAL_FORMS" value="4"' in html


def test_the_article_list_filters_on_verified(editor_client, seeds):
    html = editor_client.get("/admin/archive/article/").content.decode()
    assert "?verified__exact=1" in html


def test_mark_verified_sets_the_flag_and_logs_it(editor_client, seeds):
    ids = [seeds[0].pk, seeds[1].pk]
    response = run_action(editor_client, "article", "mark_verified", [seeds[0], seeds[1]])
    assert response.status_code == 302
    assert set(Article.objects.filter(verified=True).values_list("pk", flat=True)) == set(ids)
    logs = LogEntry.objects.filter(change_message="Marqué comme vérifié.")
    assert sorted(int(log.object_id) for log in logs) == sorted(ids)
    listed = editor_client.get("/admin/archive/article/?verified__exact=1").content.decode()
    assert seeds[0].title[:40] in listed and seeds[2].title[:40] not in listed


# 4. Authors: the byline, never a mention

BYLINE_TEXT = (
    "Le conseil municipal de Lyon a voté lundi le budget. Le maire Paul Inventé s'en est félicité devant les élus."
    "\n\nLes travaux commenceront en mars, a précisé Paul Inventé.\n\nJeanne Fictive et Marc Imaginaire"
)


def test_the_byline_becomes_the_authors_and_not_people_mentioned(client, make_article):
    article = make_article(BYLINE_TEXT, title="Le budget de Lyon voté")
    data = api(client, article)
    assert article.authors == ["Jeanne Fictive", "Marc Imaginaire"]
    assert data["authors"] == ["Jeanne Fictive", "Marc Imaginaire"]
    assert not {"Jeanne Fictive", "Marc Imaginaire"} & set(article.mentions.values_list("entity__name", flat=True))


def test_authors_given_with_the_article_are_taken_as_given(make_article):
    article = make_article(BYLINE_TEXT, title="Le budget de Lyon voté", authors=("Rédaction de Lyon",))
    assert article.authors == ["Rédaction de Lyon"]
    reextract(article.slug)
    article.refresh_from_db()
    assert article.authors == ["Rédaction de Lyon"]


def test_authors_an_editor_wrote_survive_re_extraction(edit, make_article):
    article = make_article(BYLINE_TEXT, title="Le budget de Lyon voté")
    edit(article, authors="Jeanne Fictive\nLouise Corrigée")
    assert article.edited_fields == ["authors"]
    assert article.authors == ["Jeanne Fictive", "Louise Corrigée"]
    reextract(article.slug)
    article.refresh_from_db()
    assert article.authors == ["Jeanne Fictive", "Louise Corrigée"]
    assert not article.mentions.filter(entity__name="Louise Corrigée").exists()


def test_authors_no_editor_touched_follow_re_extraction(make_article):
    article = make_article(BYLINE_TEXT, title="Le budget de Lyon voté")
    Article.objects.filter(pk=article.pk).update(authors=["Quelqu'un d'autre"])
    reextract(article.slug)
    article.refresh_from_db()
    assert article.authors == ["Jeanne Fictive", "Marc Imaginaire"]


def test_one_article_s_accent_on_a_small_letter_does_not_rename_the_archive_s_entity(make_article):
    # One article of the whole corpus wrote « Mâli »: the country was renamed in 328 articles.
    make_article("Au Mali, la junte a annoncé le départ des troupes. Le Mali reste sous sanctions.", ref="a")
    make_article("Au Mâli, la junte a parlé. Le Mâli reste sous sanctions.", ref="b")
    assert list(Entity.objects.filter(slug="mali").values_list("name", flat=True)) == ["Mali"]
