"""Who may open what: every address of the site for every role, one request per cell.

The matrix below is the access policy written out. A row is an address (GET) or an action (POST);
a column is a role of the demo (seed_demo); a cell is what that role gets:

    200     the page
    202     the report PDF is being prepared (a page that reloads itself)
    LOGIN   302 to the login page: allauth's, also for the Wagtail admin, which in 7.4 answers
            anyone without `access_admin` (signed in or not) with a redirect to its login URL
    HOME    302 to the Wagtail admin's dashboard: an admin user without the permission for
            that view ("Sorry, you do not have permission to access this area.")
    400     the page again with the form and what is wrong, and nothing changed (e.g. a second
            answer to a poll)
    403     a refusal page
    404     not found
    405     method not allowed
    DONE    302 elsewhere, and the action changed the database
    PASSWORD  Wagtail's page-password form (200, HTML), never the page or file asked for

A refused POST (LOGIN, 403, 404, 405) must leave the database as it was: every action row has a
snapshot of the data it would change, compared before and after the request. A 200 must also be
of the row's content type (a PDF, a CSV, JSON or a page), so a login page can't pass for a file.
"""

from dataclasses import dataclass
from datetime import timedelta
from functools import cached_property

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from wagtail.documents.models import Document
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from accounts import roles
from cms.models import Translation
from consultation.models import (
    AbuseReport,
    Comment,
    ConsultationPage,
    ConsultationReport,
    Follow,
    ModerationStatus,
    Poll,
    Proposal,
    Support,
    Vote,
)
from council.models import (
    Attendance,
    AuditEntry,
    Meeting,
    MeetingDocument,
    Membership,
    Minutes,
    MinutesComment,
    MinutesEntry,
    Motion,
    NamedVote,
)

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "participant", "moderator", "editor", "publisher", "member", "secretary", "chair")
ACCOUNTS = {
    "participant": "participant@example.org",
    "moderator": "moderator@example.org",
    "editor": "editor@example.org",
    "publisher": "publisher@example.org",
    "member": "member1@example.org",
    "secretary": "secretary@example.org",
    "chair": "chair@example.org",
}

LOGIN, HOME, DONE, PASSWORD = "LOGIN", "HOME", "DONE", "PASSWORD"

OPEN = "/en/consultations/action-plan-2026/"
UPCOMING = "/en/consultations/intercultural-festival-2027/"
CLOSED = "/en/consultations/bureau-services-2026/"


@dataclass(frozen=True)
class Row:
    """One address or action: how to build it from the demo objects, and what it would change."""

    id: str
    url: object  # demo -> str
    method: str = "GET"
    data: object = None  # demo -> dict, for POST
    state: object = None  # demo -> a snapshot of what the action would change
    needs: tuple = ()  # demo objects to make before the request (the demo lacks them)
    content_type: str = "text/html"  # of a 200 answer


def get(row_id, url, needs=(), content_type="text/html"):
    return Row(row_id, url, needs=needs, content_type=content_type)


def post(row_id, url, data=None, state=None, needs=()):
    return Row(f"{row_id}-post", url, "POST", data or (lambda d: {}), state, needs)


def council_log(d):
    return AuditEntry.objects.count()


# fmt: off
# Columns: anonymous, participant, moderator, editor, publisher, member, secretary, chair.
#                                                                                         anon  part  mod   edit  pub   memb  secr  chair
MATRIX = [
    # Public pages.
    (get("home", lambda d: "/en/"),                                                      (200,  200,  200,  200,  200,  200,  200,  200)),
    (get("search", lambda d: "/en/search/?q=plan"),                                      (200,  200,  200,  200,  200,  200,  200,  200)),
    (get("action-plan", lambda d: "/en/action-plan/?sphere=&target_group="),             (200,  200,  200,  200,  200,  200,  200,  200)),
    (get("action-plan-versions", lambda d: "/en/action-plan/versions/"),                 (200,  200,  200,  200,  200,  200,  200,  200)),
    (get("calendar", lambda d: "/en/bureau/calendar/?month=2026-12"),                    (200,  200,  200,  200,  200,  200,  200,  200)),
    (get("consultations", lambda d: "/en/consultations/"),                               (200,  200,  200,  200,  200,  200,  200,  200)),
    (get("public-decisions", lambda d: "/en/decisions/"),                                (200,  200,  200,  200,  200,  200,  200,  200)),
    # A consultation and its routes.
    (get("consultation", lambda d: OPEN),                                                (200,  200,  200,  200,  200,  200,  200,  200)),
    (get("consultation-comment", lambda d: f"{OPEN}comment/"),                           (302,  302,  302,  302,  302,  302,  302,  302)),
    (post("consultation-comment", lambda d: f"{OPEN}comment/",
          data=lambda d: {"text": "Access matrix comment.", "language": "en", "emails": "no"},
          state=lambda d: Comment.objects.filter(text="Access matrix comment.").count()),
                                                                                         (LOGIN, DONE, DONE, DONE, DONE, DONE, DONE, DONE)),
    (post("upcoming-consultation-comment", lambda d: f"{UPCOMING}comment/",
          data=lambda d: {"text": "Too early.", "language": "en"},
          state=lambda d: Comment.objects.filter(text="Too early.").count()),
                                                                                         (LOGIN, 403,  403,  403,  403,  403,  403,  403)),
    (get("consultation-new-proposal", lambda d: f"{OPEN}proposals/new/"),                (LOGIN, 200,  200,  200,  200,  200,  200,  200)),
    (get("closed-consultation-new-proposal", lambda d: f"{CLOSED}proposals/new/"),       (LOGIN, 403,  403,  403,  403,  403,  403,  403)),
    (get("someone-elses-comment-edit", lambda d: f"{OPEN}comments/{d.comment.pk}/edit/"),
                                                                                         (LOGIN, 403,  403,  403,  403,  403,  403,  403)),
    (post("someone-elses-comment-edit", lambda d: f"{OPEN}comments/{d.comment.pk}/edit/",
          data=lambda d: {"text": "Changed by someone else.", "language": "en"},
          state=lambda d: Comment.objects.get(pk=d.comment.pk).text),
                                                                                         (LOGIN, 403,  403,  403,  403,  403,  403,  403)),
    (post("someone-elses-comment-delete", lambda d: f"{OPEN}comments/{d.comment.pk}/delete/",
          state=lambda d: Comment.objects.get(pk=d.comment.pk).deleted_at),
                                                                                         (LOGIN, 403,  403,  403,  403,  403,  403,  403)),
    (get("comment-abuse-report", lambda d: f"{OPEN}comments/{d.comment.pk}/report/"),    (LOGIN, 200,  200,  200,  200,  200,  200,  200)),
    (post("comment-abuse-report", lambda d: f"{OPEN}comments/{d.comment.pk}/report/",
          data=lambda d: {"reason": "Insulting."},
          state=lambda d: AbuseReport.objects.filter(comment=d.comment).count()),
                                                                                         (LOGIN, DONE, DONE, DONE, DONE, DONE, DONE, DONE)),
    (get("proposal-abuse-report", lambda d: f"{OPEN}proposals/{d.proposal.pk}/report/"), (LOGIN, 200,  200,  200,  200,  200,  200,  200)),
    (get("consultation-follow", lambda d: f"{OPEN}follow/"),                             (302,  302,  302,  302,  302,  302,  302,  302)),
    (post("consultation-follow", lambda d: f"{OPEN}follow/",
          state=lambda d: Follow.objects.filter(consultation=d.open).count()),
                                                                                         (LOGIN, DONE, DONE, DONE, DONE, DONE, DONE, DONE)),
    (get("poll-vote", lambda d: f"{OPEN}polls/{d.poll.pk}/vote/"),                       (302,  302,  302,  302,  302,  302,  302,  302)),
    # The participant answered the demo poll already: a second answer is refused, said at the poll.
    (post("poll-vote", lambda d: f"{OPEN}polls/{d.poll.pk}/vote/",
          data=lambda d: {"choice": d.poll.choices.first().pk},
          state=lambda d: Vote.objects.filter(poll=d.poll).count()),
                                                                                         (LOGIN, 400,  DONE, DONE, DONE, DONE, DONE, DONE)),
    (get("proposal-support", lambda d: f"{OPEN}proposals/{d.proposal.pk}/support/"),     (302,  302,  302,  302,  302,  302,  302,  302)),
    (post("proposal-support", lambda d: f"{OPEN}proposals/{d.proposal.pk}/support/",
          state=lambda d: Support.objects.filter(proposal=d.proposal).count()),
                                                                                         (LOGIN, DONE, DONE, DONE, DONE, DONE, DONE, DONE)),
    # The demo's participant wrote this proposal: supporting it is refused, said at the proposal.
    (post("own-proposal-support", lambda d: f"{OPEN}proposals/{d.participants_proposal.pk}/support/",
          state=lambda d: Support.objects.filter(proposal=d.participants_proposal).count()),
                                                                                         (LOGIN, 400,  DONE, DONE, DONE, DONE, DONE, DONE)),
    # No reply to a comment others cannot read: the form comes back with the text and a message.
    (post("reply-to-hidden-comment", lambda d: f"{OPEN}comment/",
          data=lambda d: {"text": "A reply.", "language": "en", "reply_to": d.hidden_comment.pk, "emails": "no"},
          state=lambda d: d.hidden_comment.replies.count()),
                                                                                         (LOGIN, 400,  400,  400,  400,  400,  400,  400)),
    (post("reply-to-rejected-comment", lambda d: f"{OPEN}comment/",
          data=lambda d: {"text": "A reply.", "language": "en", "reply_to": d.rejected_comment.pk, "emails": "no"},
          state=lambda d: d.rejected_comment.replies.count()),
                                                                                         (LOGIN, 400,  400,  400,  400,  400,  400,  400)),
    # The outcome report: public once published; before that only to the staff who prepare it.
    (get("published-report", lambda d: f"{CLOSED}report/"),                              (200,  200,  200,  200,  200,  200,  200,  200)),
    (get("published-report-csv", lambda d: "/en/consultations/bureau-services-2026/report.csv", content_type="text/csv"),
                                                                                         (200,  200,  200,  200,  200,  200,  200,  200)),
    (get("published-report-pdf", lambda d: "/en/consultations/bureau-services-2026/report.pdf"),
                                                                                         (202,  202,  202,  202,  202,  202,  202,  202)),
    (get("draft-report", lambda d: f"{OPEN}report/", needs=("draft_report",)),            (404,  404,  200,  404,  200,  404,  404,  404)),
    (get("draft-report-csv", lambda d: "/en/consultations/action-plan-2026/report.csv", needs=("draft_report",), content_type="text/csv"),
                                                                                         (404,  404,  200,  404,  200,  404,  404,  404)),
    (get("draft-report-pdf", lambda d: "/en/consultations/action-plan-2026/report.pdf", needs=("draft_report",)),
                                                                                         (404,  404,  202,  404,  202,  404,  404,  404)),
    # A consultation made private with a password: every door of its report asks for it.
    (get("private-consultation", lambda d: CLOSED, needs=("private_closed",)),            (PASSWORD, PASSWORD, PASSWORD, PASSWORD, PASSWORD, PASSWORD, PASSWORD, PASSWORD)),
    (get("private-report", lambda d: f"{CLOSED}report/", needs=("private_closed",)),     (PASSWORD, PASSWORD, PASSWORD, PASSWORD, PASSWORD, PASSWORD, PASSWORD, PASSWORD)),
    (get("private-report-csv", lambda d: "/en/consultations/bureau-services-2026/report.csv", needs=("private_closed",)),
                                                                                         (PASSWORD, PASSWORD, PASSWORD, PASSWORD, PASSWORD, PASSWORD, PASSWORD, PASSWORD)),
    (get("private-report-pdf", lambda d: "/en/consultations/bureau-services-2026/report.pdf", needs=("private_closed",)),
                                                                                         (PASSWORD, PASSWORD, PASSWORD, PASSWORD, PASSWORD, PASSWORD, PASSWORD, PASSWORD)),
    # The council area: members only; officers (chair, secretary, secretariat) run meetings.
    (get("council-index", lambda d: "/en/council/"),                                     (LOGIN, 403,  403,  403,  403,  200,  200,  200)),
    (get("council-meeting", lambda d: f"/en/council/meetings/{d.held.pk}/"),             (LOGIN, 403,  403,  403,  403,  200,  200,  200)),
    (get("council-missing-meeting", lambda d: "/en/council/meetings/999999/"),           (LOGIN, 403,  403,  403,  403,  404,  404,  404)),
    (post("council-meeting-attendance", lambda d: f"/en/council/meetings/{d.followup.pk}/",
          data=lambda d: d.attendance_data,
          state=lambda d: sorted(Attendance.objects.filter(meeting=d.followup).values_list("membership", "status", "mode"))),
                                                                                         (LOGIN, 403,  403,  403,  403,  403,  DONE, DONE)),
    (get("council-meeting-edit", lambda d: f"/en/council/meetings/{d.planned.pk}/edit/"), (LOGIN, 403,  403,  403,  403,  403,  200,  200)),
    (get("council-translations", lambda d: f"/en/council/meetings/{d.held.pk}/translations/"),
                                                                                         (LOGIN, 403,  403,  403,  403,  403,  200,  200)),
    (post("council-translations", lambda d: f"/en/council/meetings/{d.held.pk}/translations/",
          data=lambda d: {f"meeting-{d.held.pk}-title-en": "A meeting of the matrix"},
          state=lambda d: sorted(Translation.objects.values_list("object_id", "field", "language", "text"))),
                                                                                         (LOGIN, 403,  403,  403,  403,  403,  DONE, DONE)),
    (get("council-new-meeting", lambda d: "/en/council/meetings/new/"),                  (LOGIN, 403,  403,  403,  403,  403,  200,  200)),
    (post("council-new-meeting", lambda d: "/en/council/meetings/new/",
          data=lambda d: d.meeting_data,
          state=lambda d: Meeting.objects.count()),
                                                                                         (LOGIN, 403,  403,  403,  403,  403,  DONE, DONE)),
    # An address that takes a form, opened by someone who may enter, leads back to the form.
    (get("council-add-document", lambda d: f"/en/council/meetings/{d.planned.pk}/documents/"),
                                                                                         (LOGIN, 403,  403,  403,  403,  302,  302,  302)),
    (post("council-add-document", lambda d: f"/en/council/meetings/{d.planned.pk}/documents/",
          data=lambda d: {"title": "Programme", "agenda_item": "",
                          "file": SimpleUploadedFile("programme.pdf", b"%PDF-1.7 matrix", "application/pdf")},
          state=lambda d: d.planned.documents.count()),
                                                                                         (LOGIN, 403,  403,  403,  403,  403,  DONE, DONE)),
    (get("council-new-motion", lambda d: f"/en/council/meetings/{d.planned.pk}/motions/"),
                                                                                         (LOGIN, 403,  403,  403,  403,  302,  302,  302)),
    (post("council-new-motion", lambda d: f"/en/council/meetings/{d.planned.pk}/motions/",
          data=lambda d: {"text": "The council agrees.", "method": "named", "majority": "simple", "agenda_item": ""},
          state=lambda d: d.planned.motions.count()),
                                                                                         (LOGIN, 403,  403,  403,  403,  403,  DONE, DONE)),
    (post("council-invite", lambda d: f"/en/council/meetings/{d.planned.pk}/invite/", state=council_log),
                                                                                         (LOGIN, 403,  403,  403,  403,  403,  DONE, DONE)),
    (get("council-open-vote", lambda d: f"/en/council/motions/{d.draft_motion.pk}/open/"),
                                                                                         (LOGIN, 403,  403,  403,  403,  302,  302,  302)),
    (post("council-open-vote", lambda d: f"/en/council/motions/{d.draft_motion.pk}/open/",
          state=lambda d: Motion.objects.get(pk=d.draft_motion.pk).opened_at),
                                                                                         (LOGIN, 403,  403,  403,  403,  403,  DONE, DONE)),
    (post("council-close-vote", lambda d: f"/en/council/motions/{d.open_motion.pk}/close/",
          state=lambda d: Motion.objects.get(pk=d.open_motion.pk).closed_at),
                                                                                         (LOGIN, 403,  403,  403,  403,  403,  DONE, DONE)),
    (get("council-vote", lambda d: f"/en/council/motions/{d.open_motion.pk}/vote/"),     (LOGIN, 403,  403,  403,  403,  302,  302,  302)),
    (post("council-vote", lambda d: f"/en/council/motions/{d.open_motion.pk}/vote/",
          data=lambda d: {"option": "for"},
          state=lambda d: NamedVote.objects.filter(motion=d.open_motion).count()),
                                                                                         (LOGIN, 403,  403,  403,  403,  DONE, DONE, DONE)),
    (post("council-make-public", lambda d: f"/en/council/motions/{d.decision.pk}/public/",
          state=lambda d: Motion.objects.get(pk=d.decision.pk).is_public),
                                                                                         (LOGIN, 403,  403,  403,  403,  403,  DONE, DONE)),
    (get("council-minutes", lambda d: f"/en/council/meetings/{d.held.pk}/minutes/"),     (LOGIN, 403,  403,  403,  403,  200,  200,  200)),
    # The planned meeting has no minutes yet: an officer's visit starts the draft.
    (get("council-draft-minutes", lambda d: f"/en/council/meetings/{d.planned.pk}/minutes/"),
                                                                                         (LOGIN, 403,  403,  403,  403,  404,  200,  200)),
    (post("council-circulated-minutes-save", lambda d: f"/en/council/meetings/{d.followup.pk}/minutes/",
          data=lambda d: {"action": "save", f"item_{d.circulated_item.pk}": "Rewritten."},
          state=lambda d: list(MinutesEntry.objects.filter(minutes__meeting=d.followup).values_list("discussion", flat=True)),
          needs=("circulated_item",)),
                                                                                         (LOGIN, 403,  403,  403,  403,  403,  DONE, DONE)),
    (post("council-circulated-minutes-remark", lambda d: f"/en/council/meetings/{d.followup.pk}/minutes/",
          data=lambda d: {"action": "comment", "text": "A remark."},
          state=lambda d: MinutesComment.objects.count(), needs=("circulated_item",)),
                                                                                         (LOGIN, 403,  403,  403,  403,  DONE, DONE, DONE)),
    (post("council-approved-minutes-save", lambda d: f"/en/council/meetings/{d.held.pk}/minutes/",
          data=lambda d: {"action": "save"},
          state=lambda d: list(MinutesEntry.objects.filter(minutes__meeting=d.held).values_list("discussion", flat=True))),
                                                                                         (LOGIN, 403,  403,  403,  403,  403,  403,  403)),
    (get("council-minutes-pdf", lambda d: f"/en/council/meetings/{d.held.pk}/minutes.pdf"),
                                                                                         (LOGIN, 403,  403,  403,  403,  202,  202,  202)),
    (get("council-result-pdf", lambda d: f"/en/council/motions/{d.decision.pk}/result.pdf"),
                                                                                         (LOGIN, 403,  403,  403,  403,  202,  202,  202)),
    (get("council-open-vote-result-pdf", lambda d: f"/en/council/motions/{d.open_motion.pk}/result.pdf"),
                                                                                         (LOGIN, 403,  403,  403,  403,  404,  404,  404)),
    (get("council-document", lambda d: f"/en/council/documents/{d.document.pk}/", content_type="application/pdf"),
                                                                                         (LOGIN, 403,  403,  403,  403,  200,  200,  200)),
    # A Wagtail document of a collection for signed-in people: from the private storage, by Wagtail's view.
    (get("signed-in-document", lambda d: d.signed_in_document.url, content_type="application/pdf"),
                                                                                         (LOGIN, 200,  200,  200,  200,  200,  200,  200)),
    (get("council-decisions", lambda d: "/en/council/decisions/"),                       (LOGIN, 403,  403,  403,  403,  200,  200,  200)),
    (get("council-decisions-pdf", lambda d: "/en/council/decisions.pdf"),
                                                                                         (LOGIN, 403,  403,  403,  403,  202,  202,  202)),
    (get("council-audit", lambda d: "/en/council/audit/"),                               (LOGIN, 403,  403,  403,  403,  403,  200,  200)),
    # The Wagtail admin: access_admin for moderators, editors, publishers and the secretariat.
    (get("admin", lambda d: "/admin/"),                                                  (LOGIN, LOGIN, 200,  200,  200,  LOGIN, 200, LOGIN)),
    (get("admin-moderate-comments", lambda d: "/admin/moderate_comments/"),              (LOGIN, LOGIN, 200,  HOME, HOME, LOGIN, HOME, LOGIN)),
    (get("admin-moderate-proposals", lambda d: "/admin/moderate_proposals/"),            (LOGIN, LOGIN, 200,  HOME, HOME, LOGIN, HOME, LOGIN)),
    (get("admin-reports", lambda d: "/admin/consultation_reports/"),                     (LOGIN, LOGIN, 200,  HOME, 200,  LOGIN, HOME, LOGIN)),
    (get("admin-answer-in-bulk", lambda d: "/admin/answer-contributions/"),              (LOGIN, LOGIN, 200,  HOME, HOME, LOGIN, HOME, LOGIN)),
    (get("admin-overdue-reports", lambda d: "/admin/overdue-reports/"),                  (LOGIN, LOGIN, 200,  HOME, 200,  LOGIN, HOME, LOGIN)),
    (get("admin-pages", lambda d: "/admin/pages/"),                                      (LOGIN, LOGIN, HOME, 200,  200,  LOGIN, HOME, LOGIN)),
    # Accounts.
    (get("login", lambda d: "/en/accounts/login/"),                                      (200,  200,  200,  200,  200,  200,  200,  200)),
    (get("account-email", lambda d: "/en/accounts/email/"),                              (LOGIN, 200,  200,  200,  200,  200,  200,  200)),
    (get("password-change", lambda d: "/en/accounts/password/change/"),                  (LOGIN, 200,  200,  200,  200,  200,  200,  200)),
    (get("my-data", lambda d: "/en/accounts/my-data/"),                                  (LOGIN, 200,  200,  200,  200,  200,  200,  200)),
    (get("my-data-download", lambda d: "/en/accounts/my-data/download/", content_type="application/json"),
                                                                                         (LOGIN, 200,  200,  200,  200,  200,  200,  200)),
    # Only allauth signs in and resets passwords: Wagtail's login and the admin's reset lead there.
    (get("wagtail-login", lambda d: "/en/_util/login/?next=/admin/"),                    (LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN)),
    (post("wagtail-login", lambda d: "/en/_util/login/",
          data=lambda d: {"username": ACCOUNTS["moderator"], "password": "otvoren-grad-demo"},
          state=lambda d: get_user_model().objects.get(email=ACCOUNTS["moderator"]).last_login),
                                                                                         (LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN)),
    (get("admin-password-reset", lambda d: "/admin/password_reset/"),                    (302,  302,  302,  302,  302,  302,  302,  302)),
    (post("admin-password-reset", lambda d: "/admin/password_reset/",
          data=lambda d: {"email": ACCOUNTS["editor"]}, state=lambda d: len(mail.outbox)),
                                                                                         (302,  302,  302,  302,  302,  302,  302,  302)),
]
# fmt: on


def cells():
    for row, expected in MATRIX:
        assert len(expected) == len(ROLES), row.id
        for role, cell in zip(ROLES, expected, strict=True):
            yield pytest.param(row, role, cell, id=f"{row.id}-{role}")


class Demo:
    """The demo objects the addresses are made of, found (or, for the few a row needs and the demo
    lacks, made) only when a row asks for them, so that each cell costs one request."""

    @cached_property
    def open(self):
        return ConsultationPage.objects.get(slug="action-plan-2026", locale__language_code="bg")

    @cached_property
    def comment(self):
        """A published comment of someone other than every column's account."""
        return Comment.objects.filter(
            consultation=self.open,
            author__email="participant2@example.org",
            parent=None,
            status=ModerationStatus.PUBLISHED,
        ).first()

    @cached_property
    def proposal(self):
        """Published, and supported by none of the columns' accounts."""
        return Proposal.objects.get(
            consultation=self.open,
            author__email="participant3@example.org",
            status=ModerationStatus.PUBLISHED,
        )

    @cached_property
    def participants_proposal(self):
        """Published, written by the participant column's account, supported by no column."""
        return Proposal.objects.get(
            consultation=self.open, author__email=ACCOUNTS["participant"], status=ModerationStatus.PUBLISHED
        )

    def moderated_comment(self, status):
        return Comment.objects.create(
            consultation=self.open,
            author=self.comment.author,
            language="en",
            text=f"A {status} comment.",
            status=status,
            moderation_reason="Personal data.",
        )

    @cached_property
    def hidden_comment(self):
        return self.moderated_comment(ModerationStatus.HIDDEN)

    @cached_property
    def rejected_comment(self):
        return self.moderated_comment(ModerationStatus.REJECTED)

    @cached_property
    def poll(self):
        return Poll.objects.get(consultation=self.open, locale=self.open.locale)

    @cached_property
    def draft_report(self):
        return ConsultationReport.objects.create(consultation=self.open)

    @cached_property
    def private_closed(self):
        """The closed consultation's English page behind a page password."""
        page = ConsultationPage.objects.get(slug="bureau-services-2026", locale__language_code="en")
        return PageViewRestriction.objects.create(page=page, restriction_type="password", password="pw-1")

    @cached_property
    def held(self):
        """The first held meeting: two closed votes, approved (frozen) minutes."""
        return Meeting.objects.filter(status="held").order_by("starts_at").first()

    @cached_property
    def followup(self):
        """The second held meeting, where the minutes of the first were approved; no minutes yet."""
        return Meeting.objects.filter(status="held").order_by("starts_at").last()

    @cached_property
    def planned(self):
        return Meeting.objects.get(status="planned")

    @cached_property
    def decision(self):
        return self.held.motions.exclude(decision_number=None).first()

    @cached_property
    def draft_motion(self):
        return Motion.objects.create(meeting=self.planned, text="Not yet put to the vote.")

    @cached_property
    def open_motion(self):
        """A named vote in progress at the follow-up meeting, where the columns' members were present."""
        motion = Motion.objects.create(meeting=self.followup, text="On the vote now.")
        motion.open_vote()
        return motion

    @cached_property
    def circulated_item(self):
        """The follow-up meeting's minutes, circulated for remarks, with one written item."""
        minutes = Minutes.objects.create(meeting=self.followup, status=Minutes.Status.CIRCULATED)
        item = self.followup.agenda_items.first()
        MinutesEntry.objects.create(minutes=minutes, agenda_item=item, discussion="As written.")
        return item

    @cached_property
    def document(self):
        return MeetingDocument.objects.create(
            meeting=self.planned,
            title="Agenda notes",
            file=SimpleUploadedFile("notes.pdf", b"%PDF-1.7 notes", content_type="application/pdf"),
        )

    @cached_property
    def signed_in_document(self):
        collection = Collection.get_first_root_node().add_child(name="Signed-in only")
        CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=CollectionViewRestriction.LOGIN
        )
        file = SimpleUploadedFile("internal.pdf", b"%PDF-1.7 internal")
        return Document.objects.create(title="Internal", collection=collection, file=file)

    @cached_property
    def attendance_data(self):
        """The follow-up meeting's attendance as recorded, with the first person's status changed."""
        data = {}
        attendances = list(self.followup.attendances.order_by("pk"))
        for attendance in attendances:
            data[f"status_{attendance.membership_id}"] = attendance.status
            data[f"mode_{attendance.membership_id}"] = attendance.mode
        first = attendances[0]
        other = (
            Attendance.Status.EXCUSED
            if first.status != Attendance.Status.EXCUSED
            else Attendance.Status.PRESENT
        )
        data[f"status_{first.membership_id}"] = other
        return data

    @property
    def meeting_data(self):
        return {
            "title": "Extra meeting",
            "starts_at": (timezone.localtime() + timedelta(days=30)).strftime("%Y-%m-%dT%H:%M"),
            "place": "The bureau",
            "online_link": "",
            "status": "planned",
            "agenda-TOTAL_FORMS": "0",
            "agenda-INITIAL_FORMS": "0",
            "agenda-MIN_NUM_FORMS": "0",
            "agenda-MAX_NUM_FORMS": "1000",
        }


@pytest.fixture
def demo(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path  # where the consultation report's PDF would be stored
    # Every PDF is made by the background worker: without one, whoever may read it gets the 202
    # page; tests/test_pdf_documents.py runs the worker and reads the PDFs themselves.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    yield Demo()
    # Council documents live in private storage, outside the test's MEDIA_ROOT.
    for document in MeetingDocument.objects.all():
        document.file.delete(save=False)


def sign_in(client, role):
    if role != "anonymous":
        client.force_login(get_user_model().objects.get(email=ACCOUNTS[role]))


def goes_to_login(response):
    return response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize(("row", "role", "expected"), list(cells()))
def test_access(client, demo, row, role, expected):
    for name in row.needs:
        getattr(demo, name)
    sign_in(client, role)
    url = row.url(demo)
    before = row.state(demo) if row.state else None

    response = client.post(url, row.data(demo)) if row.method == "POST" else client.get(url)

    status = response.status_code
    if expected == LOGIN:
        assert goes_to_login(response), (status, response.get("Location"))
    elif expected == HOME:
        assert status == 302 and response["Location"] == "/admin/", (status, response.get("Location"))
    elif expected == PASSWORD:
        assert status == 200 and b'name="password"' in response.content, status
        assert response["Content-Type"].startswith("text/html")
        return
    elif expected == DONE:
        assert status == 302 and not goes_to_login(response), (status, response.get("Location"))
    else:
        assert status == expected, (status, response.get("Location"))
    if status == 200:
        assert response["Content-Type"].split(";")[0] == row.content_type
    if row.state is None:
        return
    after = row.state(demo)
    if expected == DONE:
        assert after != before, "the action changed nothing"
    else:
        assert after == before, "a refused action changed the data"


def test_the_demo_accounts_have_the_roles_of_the_columns():
    """The matrix is only as good as its columns: each demo account is what its column says."""
    users = {role: get_user_model().objects.get(email=email) for role, email in ACCOUNTS.items()}
    current = {m.user_id: m.role for m in Membership.objects.current()}
    groups = {role: set(user.groups.values_list("name", flat=True)) for role, user in users.items()}

    assert groups["participant"] == set() and users["participant"].pk not in current
    assert groups["moderator"] == {roles.MODERATORS}
    assert groups["editor"] == {roles.EDITORS}
    assert groups["publisher"] == {roles.PUBLISHERS}
    assert current[users["member"].pk] == Membership.Role.MEMBER
    assert groups["member"] == {roles.COUNCIL_MEMBERS}
    assert current[users["secretary"].pk] == Membership.Role.SECRETARY
    assert groups["secretary"] == {roles.COUNCIL_SECRETARIAT}
    assert current[users["chair"].pk] == Membership.Role.CHAIR
    assert groups["chair"] == {roles.COUNCIL_MEMBERS}
    for role in ("participant", "moderator", "editor", "publisher"):
        assert users[role].pk not in current
    assert not any(user.is_superuser or user.is_staff for user in users.values())
