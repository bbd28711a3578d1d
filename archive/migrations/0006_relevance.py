"""The archive's subject: its definition (seeded with Vigie's), each article's
relevance to it, computed here for the articles already in the archive (a few
milliseconds each, no model), and editors allowed to change the definition.
The search index gets the new `relevance` field with `manage.py check_index
--repair` (or `reindex`)."""

from django.db import migrations, models

import archive.models
from archive.extraction import relevance as scoring
from archive.migrations._editors import grant

def seed_subject(apps, schema_editor):
    Subject = apps.get_model("archive", "Subject")
    Subject.objects.get_or_create(
        pk=1,
        defaults={
            "places": scoring.DEFAULT_PLACES,
            "topics": scoring.DEFAULT_TOPICS,
            "related_threshold": scoring.DEFAULT_RELATED,
            "core_threshold": scoring.DEFAULT_CORE,
        },
    )


def let_editors_change_the_subject(apps, schema_editor):
    grant(apps, schema_editor, ["view_subject", "change_subject"])


def score_articles(apps, schema_editor):
    Article = apps.get_model("archive", "Article")
    subject = scoring.default_definition()
    fields = ["relevance", "relevance_score", "relevance_evidence"]
    batch = []
    for article in Article.objects.only("pk", "title", "lead", "body", *fields).order_by("pk").iterator(chunk_size=500):
        found = scoring.score(article.title, article.lead, article.body, subject)
        article.relevance, article.relevance_score, article.relevance_evidence = (
            found.level,
            found.score,
            found.evidence,
        )
        batch.append(article)
        if len(batch) == 500:
            Article.objects.bulk_update(batch, fields)
            batch = []
    if batch:
        Article.objects.bulk_update(batch, fields)


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0005_article_authors"),
        ("archive", "0004_editor_group"),
    ]

    operations = [
        migrations.CreateModel(
            name="Subject",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "places",
                    models.TextField(
                        help_text="Lieux et acteurs du sujet, un terme par ligne suivi de « : poids » (ex. « Mexique : 2 »). « mexicain* » couvre mexicain, mexicaine, mexicains… Accents et majuscules sont ignorés ; un poids négatif écarte du sujet.",
                        validators=[archive.models.validate_terms],
                        verbose_name="où et qui",
                    ),
                ),
                (
                    "topics",
                    models.TextField(
                        help_text="Thèmes du sujet, de la même façon (ex. « migrant* : 1.5 »). Un article qui n'a de mots que d'une des deux listes compte pour moitié.",
                        validators=[archive.models.validate_terms],
                        verbose_name="quoi",
                    ),
                ),
                (
                    "related_threshold",
                    models.FloatField(
                        default=4.0,
                        help_text="Score à partir duquel un article est lié au sujet.",
                        verbose_name="seuil « lié au sujet »",
                    ),
                ),
                (
                    "core_threshold",
                    models.FloatField(
                        default=12.0,
                        help_text="Score à partir duquel un article est au cœur du sujet.",
                        verbose_name="seuil « au cœur du sujet »",
                    ),
                ),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="modifié le")),
            ],
            options={
                "verbose_name": "sujet de l'archive",
                "verbose_name_plural": "sujet de l'archive",
            },
        ),
        migrations.AddField(
            model_name="article",
            name="relevance",
            field=models.CharField(
                choices=[("core", "au cœur du sujet"), ("related", "lié au sujet"), ("off_topic", "hors sujet")],
                default="off_topic",
                max_length=9,
                verbose_name="pertinence au sujet",
            ),
        ),
        migrations.AddField(
            model_name="article",
            name="relevance_evidence",
            field=models.JSONField(
                blank=True,
                default=list,
                editable=False,
                help_text="Les termes du sujet trouvés dans l'article, ceux qui ont le plus pesé d'abord.",
                verbose_name="indices de pertinence",
            ),
        ),
        migrations.AddField(
            model_name="article",
            name="relevance_score",
            field=models.FloatField(
                blank=True,
                editable=False,
                help_text="Vide : jamais évalué.",
                null=True,
                verbose_name="score de pertinence",
            ),
        ),
        migrations.AddField(
            model_name="extractionjob",
            name="relevance_only",
            field=models.BooleanField(default=False, verbose_name="pertinence seulement"),
        ),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(fields=["relevance"], name="article_relevance_idx"),
        ),
        migrations.RunPython(seed_subject, migrations.RunPython.noop),
        migrations.RunPython(let_editors_change_the_subject, migrations.RunPython.noop),
        migrations.RunPython(score_articles, migrations.RunPython.noop),
    ]
