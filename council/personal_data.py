"""A council member's part of their personal data. Minutes, attendance and named votes are
official records: the member's name stays on them, so an account they point to is kept, emptied of
everything but the name, and its seat ends."""

from datetime import timedelta

from django.utils import timezone

from .models import Attendance, AuditEntry, Membership, MinutesComment, NamedVote, SecretParticipation


def export(user):
    memberships = list(Membership.objects.filter(user=user))
    return {
        "council": {
            "memberships": [
                {
                    "role": membership.role,
                    "from": membership.starts_on.isoformat(),
                    "until": membership.ends_on.isoformat() if membership.ends_on else None,
                    "named_publicly": membership.named_publicly,
                }
                for membership in memberships
            ],
            "attendance": [
                {"meeting": attendance.meeting.title, "status": attendance.status, "mode": attendance.mode}
                for attendance in Attendance.objects.filter(membership__in=memberships).select_related(
                    "meeting"
                )
            ],
            "named_votes": [
                {"motion": vote.motion.text, "option": vote.option}
                for vote in NamedVote.objects.filter(membership__in=memberships).select_related("motion")
            ],
            "secret_votes_taken_part_in": [
                participation.motion.text
                for participation in SecretParticipation.objects.filter(
                    membership__in=memberships
                ).select_related("motion")
            ],
            "remarks_on_minutes": [
                {"text": remark.text, "at": remark.created_at.isoformat()}
                for remark in MinutesComment.objects.filter(membership__in=memberships)
            ],
            "changes_made": [
                {"action": entry.action, "at": entry.created_at.isoformat()}
                for entry in AuditEntry.objects.filter(actor=user)
            ],
        },
    }


def keeps_account(user):
    """Someone in the council's records (a member, or an officer in the audit log)."""
    return Membership.objects.filter(user=user).exists() or AuditEntry.objects.filter(actor=user).exists()


def erase(user):
    # Whoever erases their account leaves the council's public record (open data, public minutes).
    Membership.objects.filter(user=user).name_publicly(False)
    # A seat on the council ends with the account: from today the person no longer counts for the
    # quorum (`ends_on` is the last day of the seat).
    yesterday = timezone.localdate() - timedelta(days=1)
    for membership in Membership.objects.filter(user=user).current():
        membership.ends_on = max(yesterday, membership.starts_on)
        membership.save(update_fields=["ends_on"])


def my_data_section(user):
    """On "My data": whether the council's public record names them, and a way to withdraw it that
    a former member, who cannot enter the council area any more, can reach."""
    seat = Membership.objects.filter(user=user).order_by("-starts_on").first()
    if seat is None or not Membership.objects.filter(user=user).named_publicly().exists():
        return None
    return "council/includes/my_data_consent.html", {"seat": seat}
