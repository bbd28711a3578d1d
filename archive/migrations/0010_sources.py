"""Sources told apart into publisher and agencies: « Orange Actu (AFP) » becomes
the publisher Orange Actu with the agency AFP, its old name an alias of Orange
Actu so that nothing imported later lands on it again. The agencies a text
credits in a byline are recorded too. Editors get the rights on the aliases.

The parsing is the extraction's own (pure functions): an archive migrated here
reads as one imported today. The search index holds the old source slugs until
it is rebuilt: its fields changed with this one (the agency facet), so
`prepare_archive` (`make run`) rebuilds it; else `manage.py reindex`."""

import django.db.models.deletion
from django.db import migrations, models
from django.utils.text import slugify

from archive.extraction.agency import byline_agencies, split_source
from archive.extraction.text import normalise
from archive.migrations._editors import grant

CHUNK = 500


def source_key(name):
    return slugify(" ".join(name.split()))[:200] or "source"


def split_sources(apps, schema_editor):
    Source = apps.get_model("archive", "Source")
    SourceAlias = apps.get_model("archive", "SourceAlias")
    Article = apps.get_model("archive", "Article")
    Through = Article.agencies.through

    def source_for(name):
        alias = SourceAlias.objects.filter(key=source_key(name)).select_related("source").first()
        if alias:
            return alias.source
        return Source.objects.get_or_create(slug=source_key(name), defaults={"name": " ".join(name.split())})[0]

    publisher_of, agencies_of = {}, {}
    for source in list(Source.objects.all()):
        credit = split_source(source.name)
        agencies_of[source.pk] = [source_for(name).pk for name in credit.agencies]
        publisher = source_for(credit.publisher) if credit.publisher else source
        publisher_of[source.pk] = publisher.pk

    rows, sourceless = [], {}
    articles = Article.objects.order_by("pk").values_list("pk", "source_id", "raw_text")
    for pk, source_id, raw_text in articles.iterator(chunk_size=CHUNK):
        credited = [source_for(name).pk for name in byline_agencies(normalise(raw_text))]
        agencies = list(dict.fromkeys([*agencies_of.get(source_id, []), *credited]))
        rows += [Through(article_id=pk, source_id=agency) for agency in agencies]
        if source_id is None and agencies:
            sourceless.setdefault(agencies[0], []).append(pk)  # a dispatch is published by its agency
    Through.objects.bulk_create(rows, batch_size=CHUNK, ignore_conflicts=True)
    for publisher, pks in sourceless.items():
        for start in range(0, len(pks), CHUNK):
            Article.objects.filter(pk__in=pks[start : start + CHUNK]).update(source_id=publisher)

    for old, publisher in publisher_of.items():
        if old == publisher:
            continue
        source = Source.objects.get(pk=old)
        Article.objects.filter(source_id=old).update(source_id=publisher)
        SourceAlias.objects.get_or_create(
            key=source_key(source.name), defaults={"name": source.name, "source_id": publisher}
        )
        if not Through.objects.filter(source_id=old).exists():  # « AFP (Paris) » may be an agency too
            source.delete()


def grant_aliases(apps, schema_editor):
    grant(apps, schema_editor, [f"{action}_sourcealias" for action in ("add", "change", "delete", "view")])


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0009_figure_announcer"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="agencies",
            field=models.ManyToManyField(
                blank=True, related_name="agency_articles", to="archive.source", verbose_name="agences"
            ),
        ),
        migrations.CreateModel(
            name="SourceAlias",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("name", models.CharField(max_length=200, verbose_name="graphie")),
                ("key", models.CharField(editable=False, max_length=200, unique=True)),
                (
                    "source",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="aliases",
                        to="archive.source",
                        verbose_name="source",
                    ),
                ),
            ],
            options={
                "verbose_name": "graphie de source",
                "verbose_name_plural": "graphies de source",
                "ordering": ["name"],
            },
        ),
        migrations.RunPython(split_sources, migrations.RunPython.noop),
        migrations.RunPython(grant_aliases, migrations.RunPython.noop),
    ]
