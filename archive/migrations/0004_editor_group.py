"""The "éditeur" group: staff in it correct the archive (articles and what hangs
on them, entities, themes, sources) but never touch accounts, which stay with
superusers. A user added to the group (and marked staff) is an editor."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR_GROUP = "éditeur"
# Everything an editor corrects, through the admin's pages and inlines.
EDITABLE = ["article", "source", "theme", "entity", "alias", "mention", "figure", "quote"]
# Re-extractions are queued by an admin action and run by a worker: editors follow them, no more.
VIEWABLE = ["extractionjob"]
ACTIONS = ["add", "change", "delete", "view"]


def create_editor_group(apps, schema_editor):
    # Permissions are only created after all migrations ran (post_migrate): on a
    # fresh database they do not exist yet, so create the archive's now.
    app_config = apps.get_app_config("archive")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0, using=schema_editor.connection.alias)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    codenames = [f"{action}_{model}" for model in EDITABLE for action in ACTIONS]
    codenames += [f"view_{model}" for model in VIEWABLE]
    permissions = Permission.objects.filter(content_type__app_label="archive", codename__in=codenames)
    assert permissions.count() == len(codenames), "archive permissions missing"
    group, _ = Group.objects.get_or_create(name=EDITOR_GROUP)
    group.permissions.set(permissions)


def remove_editor_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=EDITOR_GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0003_seed_themes"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_editor_group, remove_editor_group)]
