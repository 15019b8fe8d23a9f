"""The council secretariat schedules meetings, writes agendas and keeps the list of members in the
admin; the members themselves use the council area of the site."""

from django.db import migrations

from accounts.permissions import grant


def grant_secretariat_permissions(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    access_admin = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    Group.objects.get(name="Council secretariat").permissions.add(access_admin)
    grant(apps, "council", ["meeting", "membership", "agendaitem", "attendance"], ["Council secretariat"])


class Migration(migrations.Migration):
    dependencies = [
        ("council", "0001_initial"),
        ("accounts", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant_secretariat_permissions, migrations.RunPython.noop)]
