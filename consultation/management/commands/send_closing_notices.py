"""Tell the followers of every consultation that has closed since the last run (run it from cron)."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from consultation.models import ClosingNotice, ConsultationPage
from consultation.notifications import notify_followers_once


class Command(BaseCommand):
    help = "Email the followers of consultations that have closed (once per consultation)."

    def handle(self, *args, **options):
        done = ClosingNotice.objects.values("consultation_id")
        closed = ConsultationPage.objects.live().filter(closes_at__lte=timezone.now()).exclude(pk__in=done)
        for consultation in closed:
            if not consultation.is_original:
                continue
            if notify_followers_once(ClosingNotice, consultation, "closed") and options["verbosity"]:
                self.stdout.write(f"Told the followers of “{consultation.title}”.")
