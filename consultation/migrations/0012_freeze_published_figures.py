from django.db import migrations


def freeze_published_figures(apps, schema_editor):
    """Reports published before this migration get their figures frozen now, as they stand, so
    that from here on no erasure or moderation changes them. The report's own code counts them
    (historical models have no methods); a database with no published report does nothing."""
    historical = apps.get_model("consultation", "ConsultationReport")
    published = list(historical.objects.filter(published_at__isnull=False).values_list("pk", flat=True))
    if not published:
        return
    from consultation.models import ConsultationReport

    for report in ConsultationReport.objects.filter(pk__in=published):
        report.save(update_fields=["figures"])


class Migration(migrations.Migration):
    dependencies = [
        ("consultation", "0011_submission_keys"),
    ]

    operations = [
        migrations.RunPython(freeze_published_figures, migrations.RunPython.noop),
    ]
