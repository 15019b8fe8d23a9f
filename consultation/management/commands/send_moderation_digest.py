"""Email each moderator, once a day, what waits for moderation (run it daily from cron)."""

from django.core.management.base import BaseCommand

from consultation.moderator_emails import send_digests


class Command(BaseCommand):
    help = (
        "Email the moderators a digest of what waits for moderation (once a day each; none if nothing waits)."
    )

    def handle(self, *args, **options):
        queued = send_digests()
        if options["verbosity"]:
            self.stdout.write(f"Digests queued: {queued}.")
