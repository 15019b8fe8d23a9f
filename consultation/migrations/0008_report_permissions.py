"""Publishers publish the reports of consultations and add corrections to them; moderators, who
prepare the answers, may read them."""

from django.db import migrations

from accounts.permissions import grant


def grant_report_permissions(apps, schema_editor):
    grant(apps, "consultation", ["consultationreport", "reportcorrection"], ["Publishers"])
    grant(apps, "consultation", ["consultationreport"], ["Moderators"], actions=("view",))


class Migration(migrations.Migration):
    dependencies = [
        ("consultation", "0007_report"),
        ("accounts", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant_report_permissions, migrations.RunPython.noop)]
