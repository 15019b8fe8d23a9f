"""Emails to moderators, each of which they can turn off: one when something is reported as
abusive, and a daily digest of what waits for them. Sent by background tasks in each moderator's
language, like the followers' emails; a link at the foot of each turns that kind off."""

from urllib.parse import urlencode

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from accounts.emails import absolute_url, recipient, send_templated, stop_url

from .models import AbuseReport, Comment, ConsultationPage, ModerationStatus, Proposal
from .notifications import in_language

# The moderation queue of each kind of contribution in the admin (moderation.py).
QUEUES = {"comment": "moderate_comments", "proposal": "moderate_proposals"}


def moderator(user_id, preference):
    """The moderator a queued email is for, if they still are one and still want it."""
    user = recipient(user_id)
    if user is None or not getattr(user, preference) or not user.is_moderator:
        return None
    return user


def queue_url(kind, **filters):
    return absolute_url(f"{reverse(f'{QUEUES[kind]}:index')}?{urlencode(filters)}")


def send_to_moderator(user, template, preference, context):
    context = {
        **context,
        "user": user,
        "stop_url": stop_url(user, preference),
        "settings_url": absolute_url(reverse("wagtailadmin_account")),
    }
    send_templated(f"consultation/email/{template}", context, user)


def tell_moderators_of(abuse_report):
    """Queue an email to every moderator who wants one, once the report is saved (on commit): a
    report undone by a rollback is never announced."""

    def queue():
        moderators = get_user_model().objects.moderators().filter(abuse_report_emails=True)
        for user_id in moderators.values_list("pk", flat=True):
            send_abuse_report.enqueue(user_id, abuse_report.pk)

    transaction.on_commit(queue)


@task()
def send_abuse_report(user_id, abuse_report_id):
    """What was reported and where to read it; nothing about who reported it."""
    user = moderator(user_id, "abuse_report_emails")
    abuse_report = (
        AbuseReport.objects.filter(pk=abuse_report_id).select_related("comment", "proposal").first()
    )
    if user is None or abuse_report is None:
        return
    item = abuse_report.comment or abuse_report.proposal
    kind = item._meta.model_name
    with translation.override(user.preferred_language):
        context = {
            "kind": kind,
            "item": item,
            "consultation": in_language(item.consultation, user.preferred_language),
            "abuse_reports": item.abuse_reports.count(),
            "url": absolute_url(reverse(f"{QUEUES[kind]}:edit", args=[item.pk])),
        }
        send_to_moderator(user, "abuse_reported", "abuse_report_emails", context)


def open_abuse_reports(kind):
    """Abuse reports of comments or proposals that no moderator has saved the item since."""
    unread = Q(**{f"{kind}__reviewed_at__isnull": True}) | Q(**{f"{kind}__reviewed_at__lt": F("created_at")})
    return AbuseReport.objects.filter(unread, **{f"{kind}__isnull": False})


def waiting_for_moderation():
    """Per consultation (its original page), how many comments and proposals await moderation
    and how many abuse reports of each are open: a list of plain values, for a queued task."""
    pending = {"status": ModerationStatus.PENDING}
    counts = {
        "comments": (Comment.objects.filter(**pending, deleted_at__isnull=True), "consultation"),
        "proposals": (Proposal.objects.filter(**pending), "consultation"),
        "comment_reports": (
            open_abuse_reports("comment").filter(comment__deleted_at__isnull=True),
            "comment__consultation",
        ),
        "proposal_reports": (open_abuse_reports("proposal"), "proposal__consultation"),
    }
    rows = {}
    for name, (queryset, consultation) in counts.items():
        per_consultation = queryset.values_list(consultation).annotate(number=Count("pk")).order_by()
        for consultation_id, number in per_consultation:
            rows.setdefault(consultation_id, dict.fromkeys(counts, 0))[name] = number
    return [{"consultation": consultation_id, **row} for consultation_id, row in sorted(rows.items())]


def send_digests():
    """Queue today's digest to every moderator who wants it and has not had it today; nothing
    when nothing waits. Returns how many were queued."""
    waiting = waiting_for_moderation()
    if not waiting:
        return 0
    today = timezone.localdate()
    User = get_user_model()
    queued = 0
    for user_id in (
        User.objects.moderators().filter(moderation_digest_emails=True).values_list("pk", flat=True)
    ):
        # The date is claimed and the email queued together: a second run the same day, even one
        # at the same moment, finds the date and claims nothing.
        with transaction.atomic():
            claimed = (
                User.objects.filter(pk=user_id)
                .filter(Q(moderation_digest_sent_on__isnull=True) | Q(moderation_digest_sent_on__lt=today))
                .update(moderation_digest_sent_on=today)
            )
            if claimed:
                send_moderation_digest.enqueue(user_id, waiting)
                queued += 1
    return queued


# Where each count of the digest is read in the admin: the queue, filtered to the consultation.
DIGEST_LINKS = {
    "comments_url": ("comment", {"status": ModerationStatus.PENDING}),
    "proposals_url": ("proposal", {"status": ModerationStatus.PENDING}),
    "comment_reports_url": ("comment", {"reported": "true"}),
    "proposal_reports_url": ("proposal", {"reported": "true"}),
}


@task()
def send_moderation_digest(user_id, waiting):
    """The counts of `waiting_for_moderation`, each with the link to its part of the queue."""
    user = moderator(user_id, "moderation_digest_emails")
    if user is None:
        return
    consultations = ConsultationPage.objects.in_bulk([row["consultation"] for row in waiting])
    with translation.override(user.preferred_language):
        rows = [
            {
                **row,
                "consultation": in_language(consultations[row["consultation"]], user.preferred_language),
                **{
                    name: queue_url(kind, consultation=row["consultation"], **filters)
                    for name, (kind, filters) in DIGEST_LINKS.items()
                },
            }
            for row in waiting
            if row["consultation"] in consultations
        ]
        send_to_moderator(user, "moderation_digest", "moderation_digest_emails", {"rows": rows})
