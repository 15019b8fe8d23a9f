"""A participant's part of their personal data: what they wrote, supported, answered, reported and
follow. Erasure keeps the public record of a consultation whole: contributions, supports and poll
answers stay, without a name; follows and abuse reports go."""

from .models import AbuseReport, Comment, Follow, Proposal, Support, Vote


def export(user):
    comments = Comment.objects.filter(author=user).select_related("consultation")
    proposals = Proposal.objects.filter(author=user).select_related("consultation")
    return {
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
    }


def contribution(item):
    return {
        "id": item.pk,
        "consultation": item.consultation.title,
        "text": item.text,
        "language": item.language,
        "on_behalf_of": item.organisation,
        "status": item.status,
        "moderation_reason": item.moderation_reason,
        "written_at": item.created_at.isoformat(),
        "answer_of_the_city": item.answer,
    }


def erase(user):
    Comment.objects.filter(author=user).update(author=None)
    Proposal.objects.filter(author=user).update(author=None)
    Support.objects.filter(user=user).update(user=None)
    Vote.objects.filter(user=user).update(user=None)
    Follow.objects.filter(user=user).delete()
    AbuseReport.objects.filter(reporter=user).delete()
