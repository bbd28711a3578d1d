"""Each article's relevance to the archive's subject, written under the curation
rules (archive/relevance.py): at import, at re-extraction, from the admin, when
the definition changes, and from an old backup."""

import gzip
import io
import json

from django.contrib.auth.models import Group, Permission
from django.contrib.messages import get_messages
from django.core.management import call_command

from archive.models import Article, Entity, ExtractionJob, Subject
from archive.portable import export_archive, import_archive
from archive.relevance import score_unscored
from tests.archive.test_curation import change_url, reextract, run_action

OFF_TOPIC_TEXT = (
    "Coupe du monde : la France bat le Maroc en demi-finale\n\n"
    "Les Bleus se sont qualifiés mercredi pour la finale au stade Al-Bayt. Kylian Mbappé a été décisif."
)


def subject_form(**changes):
    subject = Subject.current()
    data = {
        "places": subject.places,
        "topics": subject.topics,
        "related_threshold": subject.related_threshold,
        "core_threshold": subject.core_threshold,
    }
    return data | changes


# At import -------------------------------------------------------------------------


def test_imported_articles_get_their_relevance_score_and_evidence(seeds, make_article):
    assert {article.relevance for article in Article.objects.all()} <= {"core", "related"}
    seed = Article.objects.get(pk=seeds[1].pk)
    assert seed.relevance == "core" and seed.relevance_score >= 12
    assert {"frontière mexicaine", "caravane*", "migrant*"} <= {item["term"] for item in seed.relevance_evidence}
    football = make_article(OFF_TOPIC_TEXT)
    assert (football.relevance, football.relevance_evidence) == ("off_topic", [])
    assert football.relevance_score == 0


# Editors --------------------------------------------------------------------------------


def test_an_editors_relevance_survives_re_extraction_while_the_score_follows_the_text(seeds, edit):
    article = seeds[1]
    edit(article, relevance="off_topic")
    assert article.relevance == "off_topic"
    assert "relevance" in article.edited_fields
    Article.objects.filter(pk=article.pk).update(relevance_score=0, relevance_evidence=[])

    reextract(article.slug)
    article.refresh_from_db()
    assert article.relevance == "off_topic"  # the editor's
    assert article.relevance_score >= 12 and article.relevance_evidence  # the extraction's, up to date
    call_command("extract_metadata", "--relevance-only", "--all", stdout=io.StringIO(), stderr=io.StringIO())
    article.refresh_from_db()
    assert article.relevance == "off_topic"


def test_unticking_the_relevance_gives_it_back_to_extraction(seeds, edit):
    article = seeds[1]
    edit(article, relevance="related")
    edit(article, edited_fields=[name for name in article.edited_fields if name != "relevance"])
    assert article.relevance == "core" and "relevance" not in article.edited_fields


def test_a_text_an_editor_rewrites_is_scored_again_when_saved(seeds, edit):
    article = seeds[1]
    edit(article, title="Recette du gâteau au chocolat", lead="", body="Faites fondre le chocolat avec le beurre.")
    assert (article.relevance, article.relevance_score) == ("off_topic", 0)


def test_the_article_admin_shows_the_relevance_and_its_evidence(editor_client, seeds):
    html = editor_client.get(change_url(seeds[1])).content.decode()
    assert 'name="relevance"' in html and "Sujet de l&#x27;archive" in html
    assert "frontière mexicaine ×" in html or "frontière mexicaine × " in html
    listing = editor_client.get("/admin/archive/article/", {"relevance__exact": "core"}).content.decode()
    assert seeds[1].title[:40] in listing


# The definition -------------------------------------------------------------------------


def test_changing_the_definition_queues_a_rescoring_that_keeps_editors_choices(editor_client, seeds, edit):
    edit(seeds[0], relevance="related")  # an editor's choice
    response = editor_client.post("/admin/archive/subject/1/change/", subject_form(core_threshold=100))
    assert response.status_code == 302
    job = ExtractionJob.objects.get()
    assert job.relevance_only and job.status == "queued" and len(job.article_ids) == 5
    assert any("Recalcul de la pertinence" in str(m) for m in get_messages(response.wsgi_request))
    assert Article.objects.filter(relevance="core").exists()  # nothing ran in the request

    assert "1 ré-extraction(s) traitée(s)." in reextract("--jobs")
    job.refresh_from_db()
    assert (job.status, job.done) == ("done", 5)
    levels = dict(Article.objects.values_list("pk", "relevance"))
    assert levels[seeds[0].pk] == "related"  # the editor's
    assert set(levels.values()) == {"related"}  # nothing reaches a threshold of 100


def test_saving_the_definition_unchanged_queues_nothing(editor_client, seeds):
    assert editor_client.post("/admin/archive/subject/1/change/", subject_form()).status_code == 302
    # Spaces and a comment change nothing either.
    places = subject_form()["places"].replace("Mexique : 2", "Mexique:2  # le pays")
    assert editor_client.post("/admin/archive/subject/1/change/", subject_form(places=places)).status_code == 302
    assert not ExtractionJob.objects.exists()


def test_a_definition_with_unreadable_lines_is_refused_with_the_lines_named(editor_client, seeds):
    url = "/admin/archive/subject/1/change/"
    response = editor_client.post(url, subject_form(topics="migrant* : 2\nmur : beaucoup"))
    assert response.status_code == 200
    assert "ligne 2 : « mur : beaucoup »" in response.content.decode()
    response = editor_client.post(url, subject_form(core_threshold=1))
    assert "ne peut être inférieur" in response.content.decode()
    assert Subject.current().core_threshold == 12 and not ExtractionJob.objects.exists()


def test_the_subject_list_leads_to_the_one_subject_which_cannot_be_added_or_deleted(editor_client, seeds):
    response = editor_client.get("/admin/archive/subject/")
    assert response.status_code == 302 and response["Location"].endswith("/admin/archive/subject/1/change/")
    page = editor_client.get("/admin/archive/subject/1/change/").content.decode()
    assert "Mexique : 2" in page
    assert "au cœur du sujet : 4 · lié au sujet : 1 · hors sujet : 0" in page
    assert editor_client.get("/admin/archive/subject/add/").status_code == 403
    assert editor_client.get("/admin/archive/subject/1/delete/").status_code == 403


def test_editors_may_change_the_subject(db):
    group = Group.objects.get(name="éditeur")
    codenames = set(group.permissions.filter(content_type__model="subject").values_list("codename", flat=True))
    assert codenames == {"view_subject", "change_subject"}
    assert Permission.objects.filter(codename="add_subject").exists()


def test_the_rescore_action_queues_a_relevance_job_for_the_chosen_articles(editor_client, seeds):
    response = run_action(editor_client, "article", "rescore", [seeds[1], seeds[3]])
    assert response.status_code == 302
    job = ExtractionJob.objects.get()
    assert job.relevance_only and job.article_ids == sorted([seeds[1].pk, seeds[3].pk])
    assert str(job).startswith("Recalcul de la pertinence")


def test_relevance_only_rescores_without_the_model_and_says_how_many_changed(seeds):
    Article.objects.filter(pk=seeds[1].pk).update(relevance="off_topic", relevance_score=None)
    out = io.StringIO()
    call_command("extract_metadata", "--relevance-only", "--missing", stdout=out, stderr=io.StringIO())
    assert out.getvalue().strip() == "Pertinence recalculée pour 1 article(s), 1 modifié(s)."
    assert Article.objects.get(pk=seeds[1].pk).relevance == "core"


def test_preparing_the_archive_scores_articles_never_scored(seeds):
    Article.objects.filter(pk=seeds[1].pk).update(relevance="off_topic", relevance_score=None)
    out = io.StringIO()
    call_command("prepare_archive", stdout=out)
    assert "Pertinence recalculée pour 1 article(s), 1 modifié(s)." in out.getvalue()
    assert Article.objects.get(pk=seeds[1].pk).relevance == "core"


def test_a_missing_subject_is_recreated_with_the_default_definition(db):
    Subject.objects.all().delete()
    assert "Mexique : 2" in Subject.current().places
    assert Subject.objects.count() == 1


# Names in passing ----------------------------------------------------------------------------

PASSING_TEXT = (
    "Coupe du monde : Kylian Mbappé qualifie la France\n\n"
    "Kylian Mbappé a marqué deux fois mercredi au stade Al-Bayt, devant Didier Deschamps.\n\n"
    "Dans les tribunes, on a aperçu Zinedine Zidane, venu en voisin. Didier Deschamps a salué le groupe."
)


def mentioned(article):
    return set(Article.objects.get(pk=article.pk).mentions.values_list("entity__name", flat=True))


def test_an_article_off_the_subject_keeps_only_the_names_it_is_about(seeds, make_article):
    football = make_article(PASSING_TEXT)
    assert football.relevance == "off_topic"
    names = mentioned(football)
    # In the title or lead, or named twice: kept. Named once further down: left out.
    assert {"Kylian Mbappé", "Didier Deschamps"} <= names
    assert "Zinedine Zidane" not in names
    assert not Entity.objects.filter(name="Zinedine Zidane").exists()
    # On the subject, a name cited once after the lead counts too.
    seed = Article.objects.get(pk=seeds[1].pk)
    lead_end = len(seed.title) + 2 + len(seed.lead)
    assert seed.mentions.filter(count=1, first_position__gte=lead_end).exists()


def test_an_article_leaving_the_subject_drops_its_passing_names_and_finds_them_again_when_back(seeds):
    seed = seeds[1]
    before = mentioned(seed)
    subject = Subject.current()
    definition = (subject.places, subject.topics)
    Subject.objects.update(places="Groenland : 3", topics="banquise : 3")
    out = io.StringIO()
    call_command("extract_metadata", "--relevance-only", "--all", stdout=out, stderr=io.StringIO())
    seed.refresh_from_db()
    assert seed.relevance == "off_topic"
    lead_end = len(seed.title) + 2 + len(seed.lead)
    kept = Article.objects.get(pk=seed.pk).mentions.all()
    assert kept and all(m.count >= 2 or m.first_position < lead_end for m in kept)
    assert mentioned(seed) < before
    assert not Entity.objects.filter(mentions__isnull=True, name_edited=False).exists()

    Subject.objects.update(places=definition[0], topics=definition[1])
    out = io.StringIO()
    call_command("extract_metadata", "--relevance-only", "--all", stdout=out, stderr=io.StringIO())
    assert "revenu(s) dans le sujet et ré-extrait(s)" in out.getvalue()
    assert mentioned(seed) == before


def test_an_editor_putting_an_article_back_on_the_subject_queues_its_re_extraction(seeds, edit, make_article):
    football = make_article(PASSING_TEXT)
    edit(football, relevance="related")
    job = ExtractionJob.objects.get()
    assert job.article_ids == [football.pk] and not job.relevance_only


# Backups ------------------------------------------------------------------------------------


def test_a_backup_keeps_the_definition_and_each_articles_relevance(seeds, tmp_path):
    subject = Subject.current()
    subject.places = "Mexique : 3"
    subject.save()
    Article.objects.filter(pk=seeds[2].pk).update(relevance="off_topic", edited_fields=["relevance"])
    export_archive(tmp_path / "a.jsonl.gz")
    import_archive(tmp_path / "a.jsonl.gz", replace=True)
    assert Subject.current().places == "Mexique : 3"
    assert Article.objects.get(pk=seeds[2].pk).relevance == "off_topic"


def test_a_backup_made_before_relevance_existed_is_scored_when_restored(seeds, tmp_path):
    export_archive(tmp_path / "a.jsonl.gz")
    # The same file as an older Vigie wrote it: no subject, no relevance fields.
    lines = gzip.open(tmp_path / "a.jsonl.gz", "rt", encoding="utf-8").read().splitlines()
    old = []
    for line in lines:
        record = json.loads(line)
        if record.get("model") == "archive.subject":
            continue
        if record.get("model") == "archive.article":
            for name in ("relevance", "relevance_score", "relevance_evidence"):
                record["fields"].pop(name)
        if "counts" in record:
            record["counts"].pop("archive.subject", None)
        old.append(json.dumps(record, ensure_ascii=False))
    with gzip.open(tmp_path / "old.jsonl.gz", "wt", encoding="utf-8") as out:
        out.write("\n".join(old) + "\n")
    import_archive(tmp_path / "old.jsonl.gz", replace=True)
    assert set(Article.objects.values_list("relevance", flat=True)) <= {"core", "related"}
    assert not Article.objects.filter(relevance_score=None).exists()
    assert score_unscored() == 0
