"""The list of known organisations Vigie starts with (archive/extraction/seed_organisations.json:
US and Mexican forces, agencies, ministries, cartels and gangs, NGOs, the media the
articles cite), and the "éditeur" group's right to edit it, as it edits themes.

An archive extracted before this list keeps its entities until re-extraction
(`manage.py extract_metadata --all`)."""

from django.db import migrations

from archive.extraction.organisations import seed_organisations
from archive.migrations._editors import EDITOR_GROUP, grant

ACTIONS = ["add", "change", "delete", "view"]


def seed(apps, schema_editor):
    OrganisationPattern = apps.get_model("archive", "OrganisationPattern")
    for organisation in seed_organisations():
        OrganisationPattern.objects.get_or_create(
            name=organisation.name,
            defaults={"patterns": "\n".join(organisation.spellings), "note": organisation.note},
        )


def let_editors_edit(apps, schema_editor):
    grant(apps, schema_editor, [f"{action}_organisationpattern" for action in ACTIONS], create_group=True)


def forbid_editors(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label="archive", codename__endswith="_organisationpattern")
    for group in Group.objects.filter(name=EDITOR_GROUP):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0007_organisation_patterns"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(seed, migrations.RunPython.noop),
        migrations.RunPython(let_editors_edit, forbid_editors),
    ]
