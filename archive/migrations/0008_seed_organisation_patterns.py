"""The list of known organisations Vigie starts with (archive/extraction/seed_organisations.json:
US and Mexican forces, agencies, ministries, cartels and gangs, NGOs, the media the
articles cite), and the "éditeur" group's right to edit it, as it edits themes.

An archive extracted before this list keeps its entities until re-extraction
(`manage.py extract_metadata --all`)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from archive.extraction.organisations import seed_organisations

EDITOR_GROUP = "éditeur"
ACTIONS = ["add", "change", "delete", "view"]


def seed(apps, schema_editor):
    OrganisationPattern = apps.get_model("archive", "OrganisationPattern")
    for organisation in seed_organisations():
        OrganisationPattern.objects.get_or_create(
            name=organisation.name,
            defaults={"patterns": "\n".join(organisation.spellings), "note": organisation.note},
        )


def let_editors_edit(apps, schema_editor):
    # As in 0004: permissions are created after all migrations ran, too late here.
    app_config = apps.get_app_config("archive")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0, using=schema_editor.connection.alias)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    codenames = [f"{action}_organisationpattern" for action in ACTIONS]
    permissions = Permission.objects.filter(content_type__app_label="archive", codename__in=codenames)
    assert permissions.count() == len(codenames), "organisationpattern permissions missing"
    group, _ = Group.objects.get_or_create(name=EDITOR_GROUP)
    group.permissions.add(*permissions)


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
