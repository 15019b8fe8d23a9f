"""A moderator at work in the admin, and a council vote, in English and in Arabic."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from wagtail.users.models import UserProfile

from accounts.roles import MODERATORS
from consultation.models import Comment, ConsultationPage, Proposal
from council.models import Attendance, Meeting, Membership
from tests.e2e.conftest import label, t
from tests.factories import UserFactory

pytestmark = pytest.mark.parametrize("language", ["en", "ar"])

VOTES_CAST = (
    "%(counter)s vote cast of %(present)s members present.",
    "%(counter)s votes cast of %(present)s members present.",
)


def test_moderator_hides_a_comment_and_answers_a_proposal(open_browser, language):
    consultation = ConsultationPage.objects.get(slug="action-plan-2026", locale__language_code=language)
    participant = UserFactory(display_name=f"Rania {language}")
    comment = Comment.objects.create(
        consultation=consultation.original,
        author=participant,
        language=language,
        text=f"Buy my product {language}",
    )
    proposal = Proposal.objects.create(
        consultation=consultation.original,
        author=participant,
        language=language,
        title=f"Evening desk {language}",
        text="Open the bureau's desk on Wednesday evenings.",
    )
    moderator = UserFactory(roles=[MODERATORS])
    profile = UserProfile.get_for_user(moderator)
    profile.preferred_language = language  # the admin speaks the moderator's language
    profile.save()

    admin = open_browser(moderator)
    admin.goto("/admin/moderate_comments/")
    admin.get_by_role("link", name=comment.text).click()
    admin.locator("#id_status").select_option("hidden")
    admin.get_by_role("button", name=t(language, "Save")).click()
    expect(admin.get_by_text(t(language, "Give the reason: participants will see it."))).to_be_visible()
    expect(admin.locator("#id_status")).to_have_value("hidden")
    admin.locator("#id_moderation_reason").fill("Advertising")
    admin.get_by_role("button", name=t(language, "Save")).click()
    # Read contributions sort after the unread ones, so the saved one may be on a later page.
    expect(admin.locator(".messages")).to_contain_text(comment.text)

    admin.goto("/admin/moderate_proposals/")
    admin.get_by_role("link", name=proposal.title).click()
    admin.locator("#id_outcome").select_option("accepted")
    admin.locator("#id_answer").fill("The desk opens on Wednesdays from March.")
    admin.get_by_role("button", name=t(language, "Save")).click()
    expect(admin.locator(".messages")).to_contain_text(proposal.title)

    page = open_browser(participant)
    page.goto(consultation.url)
    expect(page.locator(f"#comment-{comment.pk}")).to_contain_text(
        t(language, "Hidden by the moderator: %(reason)s", reason="Advertising")
    )
    expect(page.locator(f"#comment-{comment.pk}")).not_to_contain_text(comment.text)
    answered = page.locator(f"#proposal-{proposal.pk}")
    expect(answered.locator(".official-answer")).to_contain_text("The desk opens on Wednesdays from March.")
    expect(answered).to_contain_text(t(language, "Accepted"))


def council_meeting_today(language):
    meeting = Meeting.objects.create(
        title=f"Session {language}", starts_at=timezone.now() - timedelta(hours=1), status="held"
    )
    Attendance.objects.bulk_create(
        Attendance(meeting=meeting, membership=membership, status=Attendance.Status.PRESENT)
        for membership in Membership.objects.current()
    )
    return meeting


def test_member_votes_while_the_chair_counts_and_closes(open_browser, language):
    meeting = council_meeting_today(language)
    chair = open_browser(Membership.objects.get(role="chair").user)
    member = open_browser(Membership.objects.get(user__email="member1@example.org").user)
    chair.goto(f"/{language}/council/meetings/{meeting.pk}/")
    for text, method in [("Named motion", "named"), ("Secret motion", "secret")]:
        chair.get_by_label(label(language, "motion")).fill(f"{text} {language}")
        chair.get_by_label(label(language, "vote")).select_option(method)
        chair.get_by_role("button", name=t(language, "Add the motion")).click()
        motion = chair.locator(".motion").filter(has_text=f"{text} {language}")
        motion.get_by_role("button", name=t(language, "Open the vote")).click()
    named = chair.locator(".motion").filter(has_text=f"Named motion {language}")
    secret = chair.locator(".motion").filter(has_text=f"Secret motion {language}")
    present = meeting.quorum().present
    no_votes = t(language, *VOTES_CAST, counter=0, present=present)
    expect(secret.locator(".votes-cast")).to_contain_text(no_votes)

    member.goto(f"/{language}/council/meetings/{meeting.pk}/")
    member_named = member.locator(".motion").filter(has_text=f"Named motion {language}")
    member_named.get_by_role("button", name=t(language, "For")).click()
    expect(member_named.get_by_role("button", name=t(language, "For"))).to_have_attribute(
        "aria-pressed", "true"
    )
    member_secret = member.locator(".motion").filter(has_text=f"Secret motion {language}")
    member_secret.get_by_role("button", name=t(language, "Against")).click()
    member.get_by_role("button", name=t(language, "Cast my secret vote")).click()  # on a page of its own
    expect(member_secret).to_contain_text(t(language, "You have voted. A secret vote cannot be changed."))

    chair.reload()
    one_vote = t(language, *VOTES_CAST, counter=1, present=present)
    for motion in (named, secret):
        expect(motion.locator(".votes-cast")).to_contain_text(one_vote)
        motion.get_by_role("button", name=t(language, "Close the vote")).click()
    expect(named.get_by_role("caption")).to_have_text(t(language, "Result"))

    member.reload()
    expect(member_named.get_by_role("row", name=t(language, "For"))).to_contain_text("1")
    expect(member_secret.get_by_role("row", name=t(language, "Against"))).to_contain_text("1")
    expect(member_secret).not_to_contain_text(member.locator(".signed-in-as bdi").inner_text())

    held = Meeting.objects.filter(minutes__status="approved").first()
    member.goto(f"/{language}/council/meetings/{held.pk}/")
    member.get_by_role("link", name=t(language, "Minutes"), exact=True).click()
    pdf_link = member.get_by_role("link", name=t(language, "Download as PDF")).get_attribute("href")
    pdf = member.request.get(pdf_link)  # with the member's cookies, as the browser's PDF viewer asks
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF-")
