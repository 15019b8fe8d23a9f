"""The consultations of seed_demo: one open, one upcoming, one closed with every proposal answered."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from cms.models import ActionPlanPage
from cms.text import paragraphs

from .models import (
    Choice,
    Comment,
    ConsultationIndexPage,
    ConsultationPage,
    ConsultationReport,
    ModerationStatus,
    Poll,
    Proposal,
    Section,
    Support,
    Vote,
)

PHASE_DATES = {
    "open": (timedelta(days=-10), timedelta(days=30)),
    "upcoming": (timedelta(days=14), timedelta(days=44)),
    "closed": (timedelta(days=-60), timedelta(days=-20)),
}


def seed_consultations(home, spec):
    """Create what is missing; return the pages to translate, parents first."""
    index = ConsultationIndexPage.objects.child_of(home).first()
    if index is None:
        index = home.add_child(
            instance=ConsultationIndexPage(
                title=spec["title"], slug=spec["slug"], intro=spec["intro"], show_in_menus=True
            )
        )
        index.save_revision().publish()
    pages = [index]
    for item in spec["items"]:
        page = ConsultationPage.objects.child_of(index).filter(slug=item["slug"]).first()
        if page is None:
            page = create_consultation(index, item)
        pages.append(page)
    return pages


def create_consultation(index, item):
    now = timezone.now()
    opens, closes = PHASE_DATES[item["phase"]]
    plan = ActionPlanPage.objects.filter(locale=index.locale).first()
    page = index.add_child(
        instance=ConsultationPage(
            plan_version=plan.live_revision if plan and item.get("about_plan") else None,
            title=item["title"],
            slug=item["slug"],
            summary=paragraphs(item["summary"]),
            opens_at=now + opens,
            closes_at=now + closes,
            moderation=item["moderation"],
            announcement=paragraphs(item["announcement"]),
        )
    )
    page.sections = [
        Section(
            locale=index.locale, title=section["title"], body=paragraphs(section["body"]), sort_order=order
        )
        for order, section in enumerate(item["sections"])
    ]
    page.save_revision().publish()
    page = ConsultationPage.objects.get(pk=page.pk)
    sections = list(page.sections.all())
    written_at = now + opens + timedelta(hours=3)
    users = {user.email: user for user in get_user_model().objects.all()}
    for spec in item["comments"]:
        section = sections[spec["section"] - 1].translation_key if spec["section"] else None
        comment = Comment.objects.create(
            consultation=page,
            author=users[spec["author"]],
            language=spec["language"],
            text=spec["text"],
            section_key=section,
            created_at=written_at,
            taken_into_account=spec.get("taken", ""),
            answer=spec.get("answer", ""),
        )
        for reply in spec.get("replies", []):
            written_at += timedelta(hours=5)
            Comment.objects.create(
                consultation=page,
                parent=comment,
                author=users[reply["author"]],
                language=reply["language"],
                text=reply["text"],
                section_key=section,
                created_at=written_at,
            )
        written_at += timedelta(hours=11)
    for spec in item["proposals"]:
        proposal = Proposal.objects.create(
            consultation=page,
            author=users[spec["author"]],
            language=spec["language"],
            title=spec["title"],
            text=spec["text"],
            spheres=spec["spheres"],
            target_groups=spec["target_groups"],
            status=ModerationStatus.PUBLISHED,
            outcome=spec.get("outcome", Proposal.Outcome.SUBMITTED),
            taken_into_account=spec.get("taken", ""),
            answer=spec.get("answer", ""),
            answered_at=now + closes + timedelta(days=5) if spec.get("answer") else None,
            created_at=written_at,
        )
        Support.objects.bulk_create(
            Support(proposal=proposal, user=users[email]) for email in spec["supporters"]
        )
        written_at += timedelta(hours=7)
    for spec in item["polls"]:
        poll = Poll(
            locale=index.locale, consultation=page, question=spec["question"], results=spec["results"]
        )
        poll.choices = [
            Choice(locale=index.locale, text=text, sort_order=n) for n, text in enumerate(spec["choices"])
        ]
        poll.save()
        choices = list(poll.choices.all())
        Vote.objects.bulk_create(
            Vote(poll=poll, choice=choices[answer], user=users[email])
            for email, answer in spec["votes"].items()
        )
    if item.get("report_published"):
        ConsultationReport.objects.create(consultation=page, published_at=now + closes + timedelta(days=10))
    return page


def consultation_polls(pages):
    """The polls of the demo consultations, to translate like the pages."""
    return list(Poll.objects.filter(consultation__in=pages, locale=pages[0].locale))
