from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_safe

from cms.ical import calendar_response, subscription_links
from cms.models.translations import attach_translations

from .forms import (
    AgendaFormSet,
    ApprovalForm,
    AttendanceForm,
    ConsentForm,
    DecisionSearchForm,
    DocumentForm,
    FormAndFormSet,
    MeetingForm,
    MinutesCommentForm,
    MinutesForm,
    MotionForm,
    TranslationsForm,
    VoteForm,
)
from .ical import public_meetings_calendar
from .invitations import send_invitation
from .models import (
    AuditEntry,
    ChangeRefused,
    Meeting,
    MeetingDocument,
    Membership,
    Minutes,
    MinutesComment,
    Motion,
    Option,
)
from .pdf import DecisionsPdf, MinutesPdf, ResultSheetPdf, decision_rows, minutes_context
from .permissions import CouncilAccess, RecordFrozen, Refusal


def members_only(view):
    """Anonymous visitors sign in; the others get their council access, worked out once for the
    request (`request.council_access`). A refusal raised on the way (permissions.Refusal) is
    answered with its reason under its heading."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        try:
            CouncilAccess.of(request).require_entry()
            return view(request, *args, **kwargs)
        except Refusal as refusal:
            return refusal.response(request)

    return wrapped


def takes_form(back):
    """An address that takes a form sent from a council page: opened instead (a refused form's
    page reloaded, a link from history), it leads back to that page at the form, `back(request,
    pk)`, rather than to a refusal; nothing is done."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, pk):
            if request.method in ("GET", "HEAD"):
                return HttpResponseRedirect(back(request, pk))
            if request.method != "POST":
                return HttpResponseNotAllowed(["POST"])
            return view(request, pk)

        return wrapped

    return decorator


def meeting_url(pk, anchor=""):
    return reverse("council:meeting", args=[pk]) + anchor


def motion_url(motion):
    """The motion on its meeting's page: where its vote, its result and their messages are."""
    return meeting_url(motion.meeting_id, f"#motion-{motion.pk}")


def at_motion(request, pk):
    return motion_url(get_object_or_404(Motion, pk=pk))


def at_form(anchor):
    return lambda request, pk: meeting_url(pk, anchor)


def consent_page(request, pk=None):
    """Where a person's consent is asked: the council's page for a member, "My data" for a former one."""
    if Membership.objects.current().filter(user=request.user).exists():
        return reverse("council:index") + "#consent"
    return reverse("my_data") + "#council-consent"


@members_only
def index(request):
    now = timezone.now()
    meetings = Meeting.objects.all()
    membership = request.council_access.membership
    upcoming = list(meetings.filter(starts_at__gte=now).order_by("starts_at"))
    past = list(meetings.filter(starts_at__lt=now).order_by("-starts_at"))
    if request.council_access.is_officer:
        texts = Meeting.texts_to_translate(upcoming + past)
        gaps = {pk: Meeting.translation_gaps(meeting_texts) for pk, meeting_texts in texts.items()}
    else:
        attach_translations(upcoming + past, "title", "place")
        gaps = {}
    context = {
        "upcoming": upcoming,
        "past": past,
        "translation_gaps": gaps,
        "members": Membership.objects.current().select_related("user"),
        "consent_form": ConsentForm(instance=membership) if membership else None,
    }
    return TemplateResponse(request, "council/index.html", context)


@login_required
@takes_form(consent_page)
def consent(request, pk):
    """A person's own choice to be named in the council's public record, for every seat they held:
    a former member, who may no longer enter the council area, withdraws it from "My data"."""
    membership = get_object_or_404(Membership, pk=pk, user=request.user)
    form = ConsentForm(request.POST, instance=membership)
    if form.is_valid() and Membership.objects.filter(user=request.user).name_publicly(
        form.cleaned_data["named_publicly"]
    ):
        named = form.cleaned_data["named_publicly"]
        AuditEntry.record(
            request,
            None,
            _("%(name)s agreed to be named publicly") % {"name": request.user.display_name}
            if named
            else _("%(name)s no longer agrees to be named publicly") % {"name": request.user.display_name},
        )
        messages.success(
            request,
            _("Your name is now published in the council's open data and public minutes.")
            if named
            else _("Your name is removed from the council's open data and public minutes."),
        )
    return HttpResponseRedirect(consent_page(request))


@members_only
def meeting(request, pk):
    if request.method == "POST":
        return record_attendance(request, pk)
    return meeting_page(request, pk)


def meeting_page(request, pk, **bound_forms):
    """The meeting as members see it; officers also get its forms, refused ones with their errors
    and what was typed (`bound_forms`)."""
    meeting = get_object_or_404(Meeting.objects.prefetch_related("agenda_items", "documents"), pk=pk)
    memberships, attendances = meeting.people()
    access = request.council_access
    frozen = meeting.is_frozen
    forms = {"attendance_form": None, "motion_form": None, "document_form": None}
    if access.is_officer and not frozen:
        forms = {
            "attendance_form": AttendanceForm(meeting, memberships, attendances),
            "motion_form": MotionForm(meeting),
            "document_form": DocumentForm(meeting),
        }
    forms.update(bound_forms)
    record = meeting.attendance_record()
    seat = access.seat_at(meeting)
    items = {
        item.pk: item for item in attach_translations(meeting.agenda_items.all(), "title", "description")
    }
    motions = attach_translations(
        meeting.motions.prefetch_related("named_votes__membership__user", "secret_participations"), "text"
    )
    for motion in motions:
        motion.agenda_item = items.get(motion.agenda_item_id)  # with its translations
    context = {
        "meeting": meeting,
        "frozen": frozen,
        "outcome_only_below": settings.COUNCIL_SECRET_OUTCOME_ONLY_BELOW,
        # Documents of the meeting as a whole; the others are listed under their agenda item.
        "general_documents": [doc for doc in meeting.documents.all() if doc.agenda_item_id is None],
        "attendance": record.rows,
        "quorum": record.quorum,
        "motions": [MotionView(motion, seat) for motion in motions],
        "options": Option.choices,
        "form_refused": any(form.errors for form in bound_forms.values()),
        "translation_gaps": Meeting.translation_gaps(meeting.translatable_texts())
        if access.is_officer
        else None,
        **forms,
    }
    return TemplateResponse(request, "council/meeting.html", context)


@members_only
def translations(request, pk):
    """The secretariat's translations of the meeting's texts, beside their Bulgarian originals: they
    may be added or corrected at any time, after the minutes are approved too."""
    request.council_access.require_officer()
    meeting = get_object_or_404(Meeting, pk=pk)
    form = TranslationsForm(meeting, request.POST or None)
    if request.method == "POST" and form.is_valid():
        if form.save(request.user):
            messages.success(request, _("The translations are saved."))
        else:
            messages.info(request, _("No translation was changed."))
        return HttpResponseRedirect(reverse("council:translations", args=[meeting.pk]))
    context = {"meeting": meeting, "form": form, "form_refused": bool(form.errors)}
    return TemplateResponse(request, "council/translations.html", context)


class MotionView:
    """A motion as one member sees it: the result once closed, their own vote while open (and
    how many have voted: never a count by option before the vote closes)."""

    def __init__(self, motion, membership):
        self.motion = motion
        self.result = motion.result()
        self.can_vote = membership is not None and motion.is_open
        named = {vote.membership_id: vote.option for vote in motion.named_votes.all()}
        secret = {participation.membership_id for participation in motion.secret_participations.all()}
        self.my_option = named.get(membership.pk) if membership else None
        self.my_option_label = Option(self.my_option).label if self.my_option else None
        self.voted = bool(membership) and (membership.pk in named or membership.pk in secret)
        self.votes_cast = len(named) + len(secret)
        self.roll_call = [(vote.membership, vote.get_option_display()) for vote in motion.named_votes.all()]


def officer_action(back):
    """An officer's form submission; the form is on the page `back(request, pk)` leads to."""

    def decorator(view):
        @wraps(view)
        @members_only
        @takes_form(back)
        def wrapped(request, pk):
            request.council_access.require_officer()
            return view(request, pk)

        return wrapped

    return decorator


@officer_action(at_form("#attendance-form"))
def record_attendance(request, pk):
    meeting = get_object_or_404(Meeting, pk=pk)
    form = AttendanceForm(meeting, *meeting.people(), request.POST)
    if not form.is_valid():
        return meeting_page(request, pk, attendance_form=form)
    form.save()
    AuditEntry.record(request, meeting, _("Attendance recorded"))
    messages.success(request, _("Attendance recorded."))
    return HttpResponseRedirect(request.path)


@officer_action(at_form("#motion-form"))
def new_motion(request, pk):
    meeting = get_object_or_404(Meeting, pk=pk)
    form = MotionForm(meeting, request.POST)
    if not form.is_valid():
        return meeting_page(request, pk, motion_form=form)
    motion = form.save()
    AuditEntry.record(request, meeting, _("Motion added: %(text)s") % {"text": motion.text[:80]})
    messages.success(request, _("The motion is added. Open the vote when the council is ready."))
    return HttpResponseRedirect(meeting_url(meeting.pk, "#motions"))


@officer_action(at_motion)
def open_vote(request, pk):
    motion = get_object_or_404(Motion, pk=pk)
    try:
        motion.open_vote()
    except ChangeRefused as refusal:
        messages.error(request, str(refusal))
        return HttpResponseRedirect(motion_url(motion))
    AuditEntry.record(request, motion.meeting, _("Vote opened: %(text)s") % {"text": motion.text[:80]})
    return HttpResponseRedirect(motion_url(motion))


@officer_action(at_motion)
def close_vote(request, pk):
    motion = get_object_or_404(Motion, pk=pk)
    try:
        motion = motion.close_vote()
    except ChangeRefused as refusal:
        messages.error(request, str(refusal))
        AuditEntry.record(
            request,
            motion.meeting,
            _("Closing the vote refused: %(text)s: %(reason)s")
            % {"text": motion.text[:80], "reason": refusal},
        )
    else:
        AuditEntry.record(request, motion.meeting, _("Vote closed: %(text)s") % {"text": motion.text[:80]})
    return HttpResponseRedirect(motion_url(motion))


@sensitive_post_parameters("option")  # an error report never carries a member's choice
@members_only
@takes_form(at_motion)
def cast_vote(request, pk):
    """A member's vote. Once cast it leads back to the motion, whose place on the meeting page says
    what was chosen. A secret vote to be confirmed, and a refused vote with its reason, get a small
    page of their own (the motion, the choice or the reason, the way back), not the whole meeting
    page, which costs several times as much with every member and motion on it: fifty members
    vote at the same moment (benchmarks/council_votes.py)."""
    try:
        motion = Motion.with_meeting(pk)
    except Motion.DoesNotExist:
        raise Http404 from None
    access = request.council_access
    if not access.can_vote(motion.meeting):
        raise Refusal(_("Only those who had a seat on the council on the day of the meeting vote."))
    form = VoteForm(motion, access.seat_at(motion.meeting), request.POST)
    if form.is_valid() and not form.awaits_confirmation and form.save():
        return HttpResponseRedirect(motion_url(motion))
    context = {"motion": motion, "form": form, "back": motion_url(motion)}
    response = TemplateResponse(request, "council/vote.html", context)
    add_never_cache_headers(response)  # a choice to confirm stays in this answer alone
    return response


def visible_minutes(request, meeting):
    """Officers see the draft; members see circulated and approved minutes."""
    minutes = Minutes.objects.filter(meeting=meeting).first()
    officer = request.council_access.is_officer
    if minutes is None and officer:
        minutes = Minutes(meeting=meeting)  # stored with the first text written, not on reading
    if minutes is None or (minutes.status == Minutes.Status.DRAFT and not officer):
        raise Http404
    return minutes


@members_only
def minutes(request, pk):
    """Officers write and circulate the draft, members remark on it, a later decision approves it.
    A refused form comes back with its errors and everything that was typed."""
    meeting = get_object_or_404(Meeting, pk=pk)
    minutes = visible_minutes(request, meeting)
    access = request.council_access
    editable = access.is_officer and not minutes.is_frozen
    membership = access.membership
    forms = {
        "minutes_form": MinutesForm(minutes) if editable else None,
        "approval_form": ApprovalForm(minutes) if editable else None,
        # Members (not the secretariat without a seat) remark on circulated minutes.
        "comment_form": MinutesCommentForm()
        if membership and minutes.status == Minutes.Status.CIRCULATED
        else None,
    }
    if request.method == "POST":
        if minutes.is_frozen:
            raise RecordFrozen(_("Approved minutes cannot be changed."))
        action = request.POST.get("action")
        if action == "comment":
            if not forms["comment_form"]:
                raise Refusal(_("Members of the council remark on the minutes while they are circulated."))
            done = remark_on_minutes(request, minutes, membership, forms)
        else:
            access.require_officer()
            if action == "approve":
                done = approve_minutes(request, minutes, forms)
            else:
                done = write_minutes(request, minutes, action, forms)
        if done:
            return HttpResponseRedirect(reverse("council:minutes", args=[meeting.pk]))
    context = minutes_context(meeting)
    comments = minutes.comments.select_related("membership__user") if minutes.pk else []
    context.update(
        comments=comments, form_refused=any(form and form.errors for form in forms.values()), **forms
    )
    return TemplateResponse(request, "council/minutes.html", context)


def remark_on_minutes(request, minutes, membership, forms):
    form = forms["comment_form"] = MinutesCommentForm(request.POST)
    if form.is_valid():
        MinutesComment.objects.create(minutes=minutes, membership=membership, text=form.cleaned_data["text"])
        messages.success(request, _("Your remark is sent to the secretary."))
    return form.is_valid()


def approve_minutes(request, minutes, forms):
    form = forms["approval_form"] = ApprovalForm(minutes, request.POST)
    if not (form.is_valid() and form.save()):
        return False
    AuditEntry.record(request, minutes.meeting, _("Minutes approved"))
    messages.success(request, _("The minutes are approved and can no longer be changed."))
    return True


def write_minutes(request, minutes, action, forms):
    form = forms["minutes_form"] = MinutesForm(minutes, request.POST)
    if not form.is_valid():
        return False
    form.save()
    circulate = action == "circulate"
    AuditEntry.record(request, minutes.meeting, _("Minutes circulated") if circulate else _("Minutes saved"))
    if circulate:
        minutes.status = Minutes.Status.CIRCULATED
        minutes.save(update_fields=["status"])
        messages.success(request, _("The draft minutes are circulated to the members for their remarks."))
    else:
        messages.success(request, _("The minutes are saved."))
    return True


@members_only
def minutes_pdf(request, pk):
    meeting = get_object_or_404(Meeting, pk=pk)
    visible_minutes(request, meeting)
    return MinutesPdf(meeting.pk, get_language()).response(
        request, reverse("council:minutes", args=[meeting.pk])
    )


def decision_search(request, decisions):
    """The rows of the decisions a search of the register finds, with its form."""
    form = DecisionSearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    return {
        "form": form,
        "query": query,
        "rows": decision_rows(decisions.matching(query)),
        "options": Option.choices,
    }


@members_only
def decisions(request):
    context = decision_search(request, Motion.objects.exclude(decision_number=None))
    return TemplateResponse(request, "council/decisions.html", context)


@members_only
def decisions_pdf(request):
    return DecisionsPdf("all", get_language()).response(request, reverse("council:decisions"))


def public_decisions(request):
    """The decisions the council chose to make public: open to everyone."""
    context = decision_search(request, Motion.objects.public_decisions())
    context["feed"] = subscription_links(request, reverse("council:meetings_feed"))
    return TemplateResponse(request, "council/public_decisions.html", context)


@require_safe
def meetings_feed(request):
    """The public meetings as a calendar subscription: open to everyone, since calendar programs
    fetch it without signing in, and showing only what the officers made public."""
    text = public_meetings_calendar(request.build_absolute_uri(reverse("public_decisions")))
    return calendar_response(text, f"council-meetings-{get_language()}.ics")


@officer_action(lambda request, pk: reverse("council:decisions"))
def toggle_public(request, pk):
    motion = get_object_or_404(Motion.objects.exclude(decision_number=None), pk=pk)
    motion.is_public = not motion.is_public
    motion.save(update_fields=["is_public"])
    AuditEntry.record(
        request,
        motion.meeting,
        _("Decision %(number)s made public") % {"number": motion.decision_number}
        if motion.is_public
        else _("Decision %(number)s no longer public") % {"number": motion.decision_number},
    )
    return HttpResponseRedirect(reverse("council:decisions"))


@members_only
def audit_log(request):
    request.council_access.require_officer()
    entries = AuditEntry.objects.select_related("actor", "meeting")[:500]
    return TemplateResponse(request, "council/audit.html", {"entries": entries})


@members_only
def result_sheet(request, pk):
    """A closed vote's result sheet as a PDF; a named vote lists each member's choice."""
    motion = get_object_or_404(Motion, pk=pk, closed_at__isnull=False)
    return ResultSheetPdf(motion.pk, get_language()).response(request, motion_url(motion))


@officer_action(at_form(""))
def invite(request, pk):
    meeting = get_object_or_404(Meeting, pk=pk)
    day = timezone.localdate(meeting.starts_at)
    for user_id in Membership.objects.current(day).values_list("user_id", flat=True):
        send_invitation.enqueue(user_id, meeting.pk)
    AuditEntry.record(request, meeting, _("Invitations sent"))
    messages.success(request, _("The invitation with the agenda is being sent to every member."))
    return HttpResponseRedirect(meeting_url(meeting.pk))


@members_only
def document(request, pk):
    """A council document, only to those who may enter the council area."""
    item = get_object_or_404(MeetingDocument, pk=pk)
    return FileResponse(item.file.open("rb"), as_attachment=True, filename=item.file.name.rsplit("/", 1)[-1])


@members_only
def edit_meeting(request, pk=None):
    """Schedule a meeting or change it, with its agenda: the officers' plain form."""
    request.council_access.require_officer()
    meeting = get_object_or_404(Meeting, pk=pk) if pk else Meeting()
    form = MeetingForm(request.POST or None, instance=meeting)
    agenda = AgendaFormSet(request.POST or None, instance=meeting, prefix="agenda")
    if request.method == "POST" and form.is_valid() and agenda.is_valid():
        with transaction.atomic():
            meeting = form.save()
            agenda.instance = meeting
            agenda.save(commit=False)
            for item in agenda.deleted_objects:
                item.delete()
            for position, item_form in enumerate(agenda.ordered_forms):
                item = item_form.instance
                item.meeting, item.sort_order = meeting, position
                item.save()
            AuditEntry.record(request, meeting, _("Meeting changed") if pk else _("Meeting scheduled"))
            if "is_public" in form.changed_data:
                AuditEntry.record(
                    request,
                    meeting,
                    _("Meeting made public") if meeting.is_public else _("Meeting no longer public"),
                )
        messages.success(request, _("The meeting is saved."))
        return HttpResponseRedirect(reverse("council:meeting", args=[meeting.pk]))
    context = {
        "form": form,
        "agenda": agenda,
        "errors": FormAndFormSet(form, agenda),
        "meeting": meeting if pk else None,
        "frozen": meeting.is_frozen,
    }
    context["form_refused"] = context["errors"].errors
    return TemplateResponse(request, "council/meeting_form.html", context)


@officer_action(at_form("#document-form"))
def add_document(request, pk):
    meeting = get_object_or_404(Meeting, pk=pk)
    form = DocumentForm(meeting, request.POST, request.FILES)
    if not form.is_valid():
        return meeting_page(request, pk, document_form=form)
    document = form.save()
    AuditEntry.record(request, meeting, _("Document added: %(title)s") % {"title": document.title})
    messages.success(request, _("The document is added."))
    return HttpResponseRedirect(reverse("council:meeting", args=[meeting.pk]))
