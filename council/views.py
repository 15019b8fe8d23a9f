from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from .forms import AttendanceForm, MotionForm
from .models import Meeting, Membership, Motion, Option, VoteRefused, can_enter_council, is_council_officer


def members_only(view):
    """Anonymous visitors sign in; signed-in people who are not members get a clear refusal."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not can_enter_council(request.user):
            return TemplateResponse(request, "council/members_only.html", status=403)
        return view(request, *args, **kwargs)

    return wrapped


@members_only
def index(request):
    now = timezone.now()
    meetings = Meeting.objects.prefetch_related("agenda_items")
    context = {
        "upcoming": meetings.filter(starts_at__gte=now).order_by("starts_at"),
        "past": meetings.filter(starts_at__lt=now).order_by("-starts_at"),
        "members": Membership.objects.current().select_related("user"),
    }
    return TemplateResponse(request, "council/index.html", context)


@members_only
def meeting(request, pk):
    meeting = get_object_or_404(Meeting.objects.prefetch_related("agenda_items"), pk=pk)
    day = timezone.localdate(meeting.starts_at)
    memberships = list(Membership.objects.current(day).select_related("user"))
    attendances = list(meeting.attendances.all())
    officer = is_council_officer(request.user)
    form = None
    if officer:
        form = AttendanceForm(memberships, attendances, request.POST or None)
        if request.method == "POST" and form.is_valid():
            form.save(meeting)
            messages.success(request, _("Attendance recorded."))
            return HttpResponseRedirect(request.path)
    elif request.method == "POST":
        return TemplateResponse(request, "council/members_only.html", {"officers_only": True}, status=403)
    recorded = {attendance.membership_id: attendance for attendance in attendances}
    quorum = meeting.quorum()
    mine = next((m for m in memberships if m.user_id == request.user.pk), None)
    motions = meeting.motions.prefetch_related(
        "named_votes__membership__user", "secret_tally", "secret_participations"
    )
    context = {
        "meeting": meeting,
        "attendance": [(membership, recorded.get(membership.pk)) for membership in memberships],
        "quorum": quorum,
        "attendance_form": form,
        "officer": officer,
        "motions": [MotionView(motion, quorum, mine) for motion in motions],
        "motion_form": MotionForm(meeting) if officer else None,
        "options": Option.choices,
    }
    return TemplateResponse(request, "council/meeting.html", context)


class MotionView:
    """A motion as one member sees it: the result once closed, their own vote while open."""

    def __init__(self, motion, quorum, membership):
        self.motion = motion
        self.result = motion.result(quorum)
        self.can_vote = membership is not None and motion.is_open
        named = {vote.membership_id: vote.option for vote in motion.named_votes.all()}
        secret = {participation.membership_id for participation in motion.secret_participations.all()}
        self.my_option = named.get(membership.pk) if membership else None
        self.voted = bool(membership) and (membership.pk in named or membership.pk in secret)
        self.roll_call = [(vote.membership, vote.get_option_display()) for vote in motion.named_votes.all()]


def officer_action(view):
    @wraps(view)
    @members_only
    def wrapped(request, pk):
        if request.method != "POST" or not is_council_officer(request.user):
            return TemplateResponse(request, "council/members_only.html", {"officers_only": True}, status=403)
        return view(request, pk)

    return wrapped


@officer_action
def new_motion(request, pk):
    meeting = get_object_or_404(Meeting, pk=pk)
    form = MotionForm(meeting, request.POST)
    if form.is_valid():
        form.save()
        messages.success(request, _("The motion is added. Open the vote when the council is ready."))
    else:
        messages.error(request, _("The motion could not be added: write its text."))
    return HttpResponseRedirect(reverse("council:meeting", args=[meeting.pk]) + "#motions")


@officer_action
def open_vote(request, pk):
    motion = get_object_or_404(Motion, pk=pk)
    motion.open_vote()
    return HttpResponseRedirect(reverse("council:meeting", args=[motion.meeting_id]) + f"#motion-{motion.pk}")


@officer_action
def close_vote(request, pk):
    motion = get_object_or_404(Motion, pk=pk).close_vote()
    return HttpResponseRedirect(reverse("council:meeting", args=[motion.meeting_id]) + f"#motion-{motion.pk}")


@members_only
def cast_vote(request, pk):
    motion = get_object_or_404(Motion.objects.select_related("meeting"), pk=pk)
    day = timezone.localdate(motion.meeting.starts_at)
    membership = Membership.objects.current(day).filter(user=request.user).first()
    if request.method != "POST" or membership is None:
        return TemplateResponse(request, "council/members_only.html", {"officers_only": False}, status=403)
    try:
        motion.cast(membership, request.POST.get("option", ""))
        messages.success(request, _("Your vote is recorded."))
    except VoteRefused as refusal:
        messages.error(request, str(refusal))
    return HttpResponseRedirect(reverse("council:meeting", args=[motion.meeting_id]) + f"#motion-{motion.pk}")
