"""Editors and publishers maintain the plan's indicators and their yearly values."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def grant_indicator_permissions(apps, schema_editor):
    # Permissions are normally created after all migrations; this one needs them now.
    app_config = apps.get_app_config("cms")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="cms",
        codename__in=["add_indicator", "change_indicator", "delete_indicator", "view_indicator"],
    )
    for group in Group.objects.filter(name__in=["Editors", "Publishers"]):
        group.permissions.add(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0005_events"),
        ("accounts", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant_indicator_permissions, migrations.RunPython.noop)]
