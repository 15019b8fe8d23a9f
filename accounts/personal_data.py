"""What Otvoren Grad holds about one person: all of it as JSON, and erasure of the account.

Erasure keeps the public record of a consultation whole (contributions, supports and poll answers
stay, without a name) and keeps council records as they are: minutes, attendance and named votes
are official records, so a council member's name stays on them and only their contact data goes.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from cms import page_cache
from consultation.models import AbuseReport, Comment, Follow, Proposal, Support, Vote
from council.models import (
    Attendance,
    AuditEntry,
    Membership,
    MinutesComment,
    NamedVote,
    SecretParticipation,
)


def export(user):
    comments = Comment.objects.filter(author=user).select_related("consultation")
    proposals = Proposal.objects.filter(author=user).select_related("consultation")
    memberships = list(Membership.objects.filter(user=user))
    return {
        "exported_at": timezone.now().isoformat(),
        "account": {
            "email": user.email,
            "display_name": user.display_name,
            "respondent_category": user.respondent_category,
            "preferred_language": user.preferred_language,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
            "terms_accepted_at": user.terms_accepted_at.isoformat() if user.terms_accepted_at else None,
            "email_addresses": [
                {"email": address.email, "verified": address.verified, "primary": address.primary}
                for address in user.emailaddress_set.all()
            ],
        },
        "comments": [
            {
                **contribution(comment),
                "section": str(comment.section_key) if comment.section_key else None,
                "reply_to": comment.parent_id,
                "deleted_at": comment.deleted_at.isoformat() if comment.deleted_at else None,
            }
            for comment in comments
        ],
        "proposals": [
            {**contribution(proposal), "title": proposal.title, "outcome": proposal.outcome}
            for proposal in proposals
        ],
        "supports": [
            {"proposal": support.proposal.title, "at": support.created_at.isoformat()}
            for support in Support.objects.filter(user=user).select_related("proposal")
        ],
        "poll_answers": [
            {"question": vote.poll.question, "answer": vote.choice.text, "at": vote.created_at.isoformat()}
            for vote in Vote.objects.filter(user=user).select_related("poll", "choice")
        ],
        "abuse_reports": [
            {
                "comment": abuse_report.comment_id,
                "proposal": abuse_report.proposal_id,
                "reason": abuse_report.reason,
                "at": abuse_report.created_at.isoformat(),
            }
            for abuse_report in AbuseReport.objects.filter(reporter=user)
        ],
        "following": [
            follow.consultation.title
            for follow in Follow.objects.filter(user=user).select_related("consultation")
        ],
        "council": {
            "memberships": [
                {
                    "role": membership.role,
                    "from": membership.starts_on.isoformat(),
                    "until": membership.ends_on.isoformat() if membership.ends_on else None,
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


def contribution(item):
    return {
        "id": item.pk,
        "consultation": item.consultation.title,
        "text": item.text,
        "language": item.language,
        "status": item.status,
        "moderation_reason": item.moderation_reason,
        "written_at": item.created_at.isoformat(),
        "answer_of_the_city": item.answer,
    }


@transaction.atomic
def erase(user):
    """Contributions, supports and poll answers stay without a name (the foreign keys set NULL);
    follows and abuse reports go with the account. The account of someone in the council's records
    (a member, or an officer in the audit log) cannot go, because those records point to it: it is
    emptied of everything but the name instead."""
    transaction.on_commit(page_cache.invalidate)  # the name disappears from cached pages at once
    if not (Membership.objects.filter(user=user).exists() or AuditEntry.objects.filter(actor=user).exists()):
        user.delete()
        return
    # A seat on the council ends with the account: from today the person no longer counts for the
    # quorum (`ends_on` is the last day of the seat).
    yesterday = timezone.localdate() - timedelta(days=1)
    for membership in Membership.objects.filter(user=user).current():
        membership.ends_on = max(yesterday, membership.starts_on)
        membership.save(update_fields=["ends_on"])
    Comment.objects.filter(author=user).update(author=None)
    Proposal.objects.filter(author=user).update(author=None)
    Support.objects.filter(user=user).update(user=None)
    Vote.objects.filter(user=user).update(user=None)
    Follow.objects.filter(user=user).delete()
    AbuseReport.objects.filter(reporter=user).delete()
    user.emailaddress_set.all().delete()
    user.email = f"erased-{user.pk}@invalid"
    user.respondent_category = ""
    user.terms_accepted_at = None
    user.last_login = None
    user.is_active = False
    user.is_staff = user.is_superuser = False
    user.set_unusable_password()
    user.save()
    user.groups.clear()
