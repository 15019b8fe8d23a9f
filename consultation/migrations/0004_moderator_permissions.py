"""Moderators read, approve, hide or reject contributions and answer them; they neither write
nor delete participants' contributions."""

from django.db import migrations

from accounts.permissions import grant


def grant_moderation_permissions(apps, schema_editor):
    grant(apps, "consultation", ["comment", "proposal"], ["Moderators"], actions=("change", "view"))


class Migration(migrations.Migration):
    dependencies = [
        ("consultation", "0003_moderation"),
        ("accounts", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant_moderation_permissions, migrations.RunPython.noop)]
