"""Editors and publishers maintain the plan's indicators and their yearly values."""

from django.db import migrations

from accounts.permissions import grant


def grant_indicator_permissions(apps, schema_editor):
    grant(apps, "cms", ["indicator"], ["Editors", "Publishers"])


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0005_events"),
        ("accounts", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant_indicator_permissions, migrations.RunPython.noop)]
