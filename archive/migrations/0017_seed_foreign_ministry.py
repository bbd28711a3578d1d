"""« ministère des Affaires étrangères », without a country, joins the known
organisations (archive/extraction/seed_organisations.json) of existing archives, as
the list's other lines did in 0008. An archive applies it at its next re-extraction."""

from django.db import migrations

from archive.extraction.organisations import seed_organisations

NAMES = ["ministère des Affaires étrangères"]


def seed(apps, schema_editor):
    OrganisationPattern = apps.get_model("archive", "OrganisationPattern")
    for organisation in seed_organisations():
        if organisation.name in NAMES:
            OrganisationPattern.objects.get_or_create(
                name=organisation.name,
                defaults={"patterns": "\n".join(organisation.spellings), "note": organisation.note},
            )


class Migration(migrations.Migration):
    dependencies = [("archive", "0016_merge_quotes")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
