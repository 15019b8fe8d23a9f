"""Editors and publishers write the polls of consultations."""

from django.db import migrations

from accounts.permissions import grant


def grant_poll_permissions(apps, schema_editor):
    grant(apps, "consultation", ["poll"], ["Editors", "Publishers"])


class Migration(migrations.Migration):
    dependencies = [
        ("consultation", "0001_initial"),
        ("accounts", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant_poll_permissions, migrations.RunPython.noop)]
