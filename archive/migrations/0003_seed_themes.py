"""The theme lexicon Vigie starts with, and the file metadata of articles
imported before it was kept (re-extraction starts from it)."""

from django.db import migrations
from django.utils.text import slugify

from archive.extraction.themes import SEED_THEMES


def seed_themes(apps, schema_editor):
    Theme = apps.get_model("archive", "Theme")
    for name, keywords in SEED_THEMES.items():
        slug = slugify(name.replace("–", "-"))
        Theme.objects.get_or_create(slug=slug, defaults={"name": name, "keywords": keywords.replace(", ", "\n")})


def backfill_given(apps, schema_editor):
    Article = apps.get_model("archive", "Article")
    for article in Article.objects.select_related("source").iterator():
        given = {}
        if not article.title_generated:
            given["title"] = article.title
        if article.date_found_by == "metadata" and article.published_on:
            precision = {"day": 10, "month": 7, "year": 4}[article.date_precision]
            given["date"] = article.published_on.isoformat()[:precision]
        if article.url:
            given["url"] = article.url
        if given:
            article.given = given
            article.save(update_fields=["given"])


class Migration(migrations.Migration):
    dependencies = [("archive", "0002_extraction")]

    operations = [
        migrations.RunPython(seed_themes, migrations.RunPython.noop),
        migrations.RunPython(backfill_given, migrations.RunPython.noop),
    ]
