"""The refugee advisory council: who is a member when, its meetings, agendas and attendance."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.models import Orderable


class MembershipQuerySet(models.QuerySet):
    def current(self, on=None):
        day = on or timezone.localdate()
        return self.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=day), starts_on__lte=day)

    def voting(self):
        return self.exclude(role=Membership.Role.OBSERVER)


class Membership(models.Model):
    """A person's seat on the council for a period: a member can leave and their record stays."""

    class Role(models.TextChoices):
        CHAIR = "chair", _("Chair")
        SECRETARY = "secretary", _("Secretary")
        MEMBER = "member", _("Member")
        OBSERVER = "observer", _("Observer (does not vote)")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="council_memberships",
        verbose_name=_("person"),
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    starts_on = models.DateField(_("from"), default=timezone.localdate)
    ends_on = models.DateField(_("until"), null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("council membership")
        verbose_name_plural = _("council memberships")
        ordering = ["role", "user__display_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="membership_ends_after_it_starts",
            )
        ]

    def __str__(self):
        return f"{self.user} ({self.get_role_display()})"


def is_council_officer(user):
    """The chair, the secretary and the council secretariat run meetings."""
    if not user.is_authenticated:
        return False
    if user.groups.filter(name="Council secretariat").exists() or user.has_perm("council.change_meeting"):
        return True
    officers = [Membership.Role.CHAIR, Membership.Role.SECRETARY]
    return Membership.objects.current().filter(user=user, role__in=officers).exists()


def can_enter_council(user):
    """Members of the council, its secretariat, and staff allowed to see it."""
    if not user.is_authenticated:
        return False
    return (
        Membership.objects.current().filter(user=user).exists()
        or user.groups.filter(name="Council secretariat").exists()
        or user.has_perm("council.view_meeting")
    )


class Meeting(ClusterableModel):
    class Status(models.TextChoices):
        PLANNED = "planned", pgettext_lazy("meeting", "Planned")
        HELD = "held", pgettext_lazy("meeting", "Held")
        CANCELLED = "cancelled", pgettext_lazy("meeting", "Cancelled")

    title = models.CharField(_("title"), max_length=255)
    starts_at = models.DateTimeField(_("date and time"))
    place = models.CharField(_("place"), max_length=255, blank=True)
    online_link = models.URLField(_("online link"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PLANNED)

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("status")]),
        FieldRowPanel([FieldPanel("place"), FieldPanel("online_link")]),
        InlinePanel("agenda_items", heading=_("Agenda"), label=_("Agenda item")),
    ]

    class Meta:
        verbose_name = _("council meeting")
        verbose_name_plural = _("council meetings")
        ordering = ["-starts_at"]

    def __str__(self):
        return f"{self.title} ({timezone.localtime(self.starts_at):%Y-%m-%d})"

    def quorum(self):
        """Present voting members against the members entitled to vote on the meeting's day."""
        return Quorum.of(self)


class AgendaItem(Orderable):
    meeting = ParentalKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)

    panels = [FieldPanel("title"), FieldPanel("description")]

    class Meta(Orderable.Meta):
        verbose_name = _("agenda item")

    def __str__(self):
        return self.title


class Attendance(models.Model):
    class Status(models.TextChoices):
        PRESENT = "present", _("Present")
        ABSENT = "absent", _("Absent")
        EXCUSED = "excused", _("Excused")

    class Mode(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        ONLINE = "online", _("Online")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    membership = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="attendances")
    status = models.CharField(_("attendance"), max_length=10, choices=Status.choices, default=Status.ABSENT)
    mode = models.CharField(_("how"), max_length=10, choices=Mode.choices, default=Mode.IN_PERSON)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "membership"], name="one_attendance_per_member")
        ]

    def __str__(self):
        return f"{self.membership} — {self.get_status_display()}"


class Quorum:
    """More than half of the voting members must be present (DESIGN.md)."""

    def __init__(self, voting_members, present):
        self.voting_members = voting_members
        self.present = present

    @classmethod
    def of(cls, meeting):
        day = timezone.localdate(meeting.starts_at)
        voting = Membership.objects.current(day).voting()
        present = meeting.attendances.filter(membership__in=voting, status=Attendance.Status.PRESENT).count()
        return cls(voting.count(), present)

    @property
    def required(self):
        return self.voting_members // 2 + 1

    @property
    def reached(self):
        return self.voting_members > 0 and self.present >= self.required
