"""For the data migrations that give the « éditeur » group a right (the loader
skips modules whose name starts with "_"). Permissions are created by Django
after all migrations ran, too late for a migration that grants them: they are
created here first, as 0004_editor_group does."""

from django.contrib.auth.management import create_permissions

EDITOR_GROUP = "éditeur"


def grant(apps, schema_editor, codenames: list[str], create_group: bool = False) -> None:
    """Give the editor group the archive permissions `codenames`; the group is
    created when asked, otherwise only an existing group gets them."""
    app_config = apps.get_app_config("archive")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0, using=schema_editor.connection.alias)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label="archive", codename__in=codenames)
    assert permissions.count() == len(codenames), f"permissions missing: {codenames}"
    if create_group:
        Group.objects.get_or_create(name=EDITOR_GROUP)
    for group in Group.objects.filter(name=EDITOR_GROUP):
        group.permissions.add(*permissions)
