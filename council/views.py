from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from .forms import AttendanceForm
from .models import Meeting, Membership, can_enter_council, is_council_officer


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
    context = {
        "meeting": meeting,
        "attendance": [(membership, recorded.get(membership.pk)) for membership in memberships],
        "quorum": meeting.quorum(),
        "attendance_form": form,
    }
    return TemplateResponse(request, "council/meeting.html", context)
