"""Remind the followers of every consultation that closes within three days (run it from cron)."""

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from consultation.models import ClosingReminder, ConsultationPage
from consultation.notifications import notify_followers_once

REMIND_BEFORE = timedelta(days=3)


class Command(BaseCommand):
    help = "Email the followers of open consultations that close within three days (once per consultation)."

    def handle(self, *args, **options):
        now = timezone.now()
        done = ClosingReminder.objects.values("consultation_id")
        closing = (
            ConsultationPage.objects.live()
            .filter(opens_at__lte=now, closes_at__gt=now, closes_at__lte=now + REMIND_BEFORE)
            .exclude(pk__in=done)
        )
        for consultation in closing:
            if not consultation.is_original:
                continue
            if notify_followers_once(ClosingReminder, consultation, "closing_soon") and options["verbosity"]:
                self.stdout.write(f"Reminded the followers of “{consultation.title}”.")
