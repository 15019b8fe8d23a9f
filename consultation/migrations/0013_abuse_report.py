"""The abuse report gets its own name (`Report` → `AbuseReport`), apart from the consultation's
outcome report. The table is renamed, its rows kept; the permissions Django made for the old name
take the new codenames, so no stale `*_report` permissions stay beside the `*_abusereport` ones."""

from django.db import migrations, models

ACTIONS = ("add", "change", "delete", "view")


def rename_permissions(old, new, name):
    def rename(apps, schema_editor):
        Permission = apps.get_model("auth", "Permission")
        for action in ACTIONS:
            Permission.objects.filter(
                content_type__app_label="consultation", codename=f"{action}_{old}"
            ).update(codename=f"{action}_{new}", name=f"Can {action} {name}")

    return rename


class Migration(migrations.Migration):
    dependencies = [
        ("consultation", "0012_freeze_published_figures"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.RenameModel("Report", "AbuseReport"),
        migrations.AlterModelOptions(
            name="abusereport",
            options={"verbose_name": "abuse report", "verbose_name_plural": "abuse reports"},
        ),
        migrations.AlterField(
            model_name="abusereport",
            name="comment",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=models.deletion.CASCADE,
                related_name="abuse_reports",
                to="consultation.comment",
            ),
        ),
        migrations.AlterField(
            model_name="abusereport",
            name="proposal",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=models.deletion.CASCADE,
                related_name="abuse_reports",
                to="consultation.proposal",
            ),
        ),
        migrations.RemoveConstraint(model_name="abusereport", name="one_report_per_comment"),
        migrations.RemoveConstraint(model_name="abusereport", name="one_report_per_proposal"),
        migrations.RemoveConstraint(model_name="abusereport", name="report_of_one_item"),
        migrations.AddConstraint(
            model_name="abusereport",
            constraint=models.UniqueConstraint(
                condition=models.Q(("comment__isnull", False)),
                fields=("comment", "reporter"),
                name="one_abuse_report_per_comment",
            ),
        ),
        migrations.AddConstraint(
            model_name="abusereport",
            constraint=models.UniqueConstraint(
                condition=models.Q(("proposal__isnull", False)),
                fields=("proposal", "reporter"),
                name="one_abuse_report_per_proposal",
            ),
        ),
        migrations.AddConstraint(
            model_name="abusereport",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("comment__isnull", False), ("proposal__isnull", True)),
                    models.Q(("comment__isnull", True), ("proposal__isnull", False)),
                    _connector="OR",
                ),
                name="abuse_report_of_one_item",
            ),
        ),
        migrations.RunPython(
            rename_permissions("report", "abusereport", "abuse report"),
            rename_permissions("abusereport", "report", "report of abuse"),
        ),
    ]
