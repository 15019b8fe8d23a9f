"""Who may do what in the council area, in one place: worked out once per request, refused with a
reason under a heading that fits the refusal."""

from functools import cached_property

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.roles import COUNCIL_SECRETARIAT

from .models import Membership


class Refusal(PermissionDenied):
    """A council refusal: the reason (the message) under a heading. The council's views answer it
    with 403.html showing both (views.members_only); raised elsewhere, Django's 403 handler shows
    the reason under "Not allowed"."""

    heading = _("Not allowed")

    def response(self, request):
        context = {"exception": str(self), "heading": self.heading}
        return TemplateResponse(request, "403.html", context, status=403)


class NotAMember(Refusal):
    heading = _("Members only")


class OfficersOnly(Refusal):
    heading = _("For the council's officers")


class RecordFrozen(Refusal):
    heading = _("This cannot be changed")


class CouncilAccess:
    """What the signed-in person may do in the council area. Built once per request
    (`CouncilAccess.of(request)`, kept as `request.council_access`), so views and templates ask the
    same object: their memberships are read in one query; their groups and permissions once
    (Django keeps the permissions on the user)."""

    def __init__(self, user):
        self.user = user

    @classmethod
    def of(cls, request):
        if not hasattr(request, "council_access"):
            request.council_access = cls(request.user)
        return request.council_access

    @cached_property
    def memberships(self):
        """All of the person's seats, past and future too: one query, however many pages ask.
        Written out in SQL, in the order of the model's (its role, then the person's name, the
        same on every row here, so without the ORM's join for it): it runs on every council
        request, fifty votes at once among them (benchmarks/council_votes.py), at a third of the
        CPU (0.18 ms against 0.55)."""
        if not self.user.is_authenticated:
            return []
        query = f"SELECT * FROM {Membership._meta.db_table} WHERE user_id = %s ORDER BY role, id"  # noqa: S608 -- the model's own table
        return list(Membership.objects.raw(query, [self.user.pk]))

    def membership_on(self, day):
        """The seat the person holds on a day (Membership.objects.current(day), in memory)."""
        return next(
            (m for m in self.memberships if m.starts_on <= day and (m.ends_on is None or m.ends_on >= day)),
            None,
        )

    @cached_property
    def membership(self):
        """Today's seat, or None."""
        return self.membership_on(timezone.localdate())

    @cached_property
    def in_secretariat(self):
        return self.user.is_authenticated and self.user.groups.filter(name=COUNCIL_SECRETARIAT).exists()

    @cached_property
    def can_enter(self):
        """Members of the council, its secretariat, and staff allowed to see it."""
        return bool(self.membership or self.in_secretariat or self.user.has_perm("council.view_meeting"))

    @cached_property
    def is_officer(self):
        """The chair, the secretary and the council secretariat run meetings."""
        officers = (Membership.Role.CHAIR, Membership.Role.SECRETARY)
        return bool(
            (self.membership and self.membership.role in officers)
            or self.in_secretariat
            or self.user.has_perm("council.change_meeting")
        )

    def seat_at(self, meeting):
        """The seat the person held on the meeting's day: what their vote is cast with."""
        return self.membership_on(timezone.localdate(meeting.starts_at))

    def can_vote(self, meeting):
        """A seat on the meeting's day; Motion.cast refuses the absent and observers with a reason."""
        return self.seat_at(meeting) is not None

    def require_entry(self):
        if not self.can_enter:
            raise NotAMember(
                _(
                    "This area is for the members of the refugee advisory council. If you are a member "
                    "and cannot get in, please contact the council's secretariat."
                )
            )

    def require_officer(self):
        if not self.is_officer:
            raise OfficersOnly(_("Only the chair and the secretary of the council can do this."))
