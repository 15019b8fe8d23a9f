from django.db import migrations, models
from django.db.models import Q
from django.utils import timezone


def store_attendance_of_approved_minutes(apps, schema_editor):
    """Minutes approved before this migration keep what they show today, from now on."""
    from council.models import attendance_snapshot

    Minutes = apps.get_model("council", "Minutes")
    Membership = apps.get_model("council", "Membership")
    for minutes in Minutes.objects.filter(status="approved").select_related("meeting"):
        day = timezone.localdate(minutes.meeting.starts_at)
        memberships = (
            Membership.objects.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=day), starts_on__lte=day)
            .select_related("user")
            .order_by("role", "user__display_name")
        )
        minutes.attendance = attendance_snapshot(memberships, minutes.meeting.attendances.all())
        minutes.save(update_fields=["attendance"])


class Migration(migrations.Migration):
    dependencies = [
        ("council", "0007_sealed_ballots_stored_results"),
    ]

    operations = [
        migrations.AddField(
            model_name="minutes",
            name="attendance",
            field=models.JSONField(editable=False, null=True),
        ),
        migrations.RunPython(store_attendance_of_approved_minutes, migrations.RunPython.noop),
    ]
