"""The refugee advisory council: who is a member when, its meetings, agendas and attendance."""

import math
from fractions import Fraction

from django.conf import settings
from django.core.files.storage import storages
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.models import Orderable

from accounts.roles import COUNCIL_SECRETARIAT
from cms.uploads import validate_document


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
    if user.groups.filter(name=COUNCIL_SECRETARIAT).exists() or user.has_perm("council.change_meeting"):
        return True
    officers = [Membership.Role.CHAIR, Membership.Role.SECRETARY]
    return Membership.objects.current().filter(user=user, role__in=officers).exists()


def can_enter_council(user):
    """Members of the council, its secretariat, and staff allowed to see it."""
    if not user.is_authenticated:
        return False
    return (
        Membership.objects.current().filter(user=user).exists()
        or user.groups.filter(name=COUNCIL_SECRETARIAT).exists()
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
        InlinePanel("documents", heading=_("Documents"), label=_("Document")),
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
    """More than a share of the voting members must be present: by default half (DESIGN.md);
    the council's rules may set another share in COUNCIL_QUORUM (e.g. "2/3")."""

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
        share = Fraction(settings.COUNCIL_QUORUM)
        return math.floor(self.voting_members * share) + 1

    @property
    def reached(self):
        return self.voting_members > 0 and self.present >= self.required


class Option(models.TextChoices):
    FOR = "for", _("For")
    AGAINST = "against", _("Against")
    ABSTAIN = "abstain", _("Abstain")


class Motion(models.Model):
    """A proposal put to the vote at a meeting. A passed motion becomes a numbered decision."""

    class Method(models.TextChoices):
        NAMED = "named", _("Named (roll-call)")
        SECRET = "secret", _("Secret")

    class Majority(models.TextChoices):
        SIMPLE = "simple", _("Simple: more for than against")
        ABSOLUTE = "absolute", _("Absolute: more than half of the members present")
        TWO_THIRDS = "two_thirds", _("Two thirds of the voting members")

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="motions")
    agenda_item = models.ForeignKey(
        AgendaItem,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="motions",
        verbose_name=_("agenda item"),
    )
    text = models.TextField(_("motion"))
    method = models.CharField(_("vote"), max_length=10, choices=Method.choices, default=Method.NAMED)
    majority = models.CharField(
        _("majority"), max_length=12, choices=Majority.choices, default=Majority.SIMPLE
    )
    opened_at = models.DateTimeField(_("vote opened at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("vote closed at"), null=True, blank=True)
    decision_number = models.CharField(
        _("decision number"), max_length=20, blank=True, unique=True, null=True
    )
    is_public = models.BooleanField(_("public decision"), default=False)

    class Meta:
        verbose_name = _("motion")
        ordering = ["pk"]

    def __str__(self):
        return self.text[:60]

    @property
    def is_open(self):
        return self.opened_at is not None and self.closed_at is None

    def counts(self):
        """{option: count}, from the named votes or the secret tally (prefetch them for lists)."""
        counts = dict.fromkeys(Option.values, 0)
        if self.method == self.Method.SECRET:
            counts.update({tally.option: tally.count for tally in self.secret_tally.all()})
        else:
            for vote in self.named_votes.all():
                counts[vote.option] += 1
        return counts

    def result(self, quorum=None):
        return Result(self, self.counts(), quorum or self.meeting.quorum())

    def open_vote(self):
        if self.opened_at is None:
            self.opened_at = timezone.now()
            self.save(update_fields=["opened_at"])
            if self.method == self.Method.SECRET:
                SecretTally.objects.bulk_create(
                    SecretTally(motion=self, option=option) for option in Option.values
                )

    @transaction.atomic
    def cast(self, membership, option):
        """Record one member's vote; raises VoteRefused with the reason a member can read."""
        motion = Motion.objects.select_for_update().get(pk=self.pk)
        if not motion.is_open:
            raise VoteRefused(_("This vote is not open."))
        if option not in Option.values:
            raise VoteRefused(_("Choose for, against or abstain."))
        if not motion.meeting.attendances.filter(
            membership=membership, status=Attendance.Status.PRESENT
        ).exists():
            raise VoteRefused(_("Only members present at the meeting can vote."))
        if membership.role == Membership.Role.OBSERVER:
            raise VoteRefused(_("Observers do not vote."))
        if motion.method == self.Method.NAMED:
            NamedVote.objects.update_or_create(
                motion=motion, membership=membership, defaults={"option": option}
            )
            return
        try:
            with transaction.atomic():
                SecretParticipation.objects.create(motion=motion, membership=membership)
        except IntegrityError:
            raise VoteRefused(_("You have already voted: a secret vote cannot be changed.")) from None
        SecretTally.objects.filter(motion=motion, option=option).update(count=models.F("count") + 1)

    @transaction.atomic
    def close_vote(self):
        """Close the vote; a passed motion gets the next decision number of its year (Р-2026-07)."""
        motion = Motion.objects.select_for_update().get(pk=self.pk)
        if not motion.is_open:
            return motion
        motion.closed_at = timezone.now()
        if motion.result().passed:
            year = timezone.localdate(motion.meeting.starts_at).year
            taken = Motion.objects.filter(decision_number__startswith=f"Р-{year}-").count()
            motion.decision_number = f"Р-{year}-{taken + 1:02d}"
        motion.save(update_fields=["closed_at", "decision_number"])
        return motion


class VoteRefused(Exception):
    pass


class Result:
    """The outcome by the motion's majority rule; ties do not pass, abstentions are not "for"."""

    def __init__(self, motion, counts, quorum):
        self.motion = motion
        self.counts = counts
        self.quorum = quorum

    @property
    def votes_for(self):
        return self.counts[Option.FOR]

    @property
    def passed(self):
        if not self.quorum.reached:
            return False
        majority = self.motion.majority
        if majority == Motion.Majority.SIMPLE:
            return self.votes_for > self.counts[Option.AGAINST]
        if majority == Motion.Majority.ABSOLUTE:
            return self.votes_for * 2 > self.quorum.present
        return self.votes_for * 3 >= self.quorum.voting_members * 2


class NamedVote(models.Model):
    """A roll-call vote: who voted what, changeable until the vote closes."""

    motion = models.ForeignKey(Motion, on_delete=models.CASCADE, related_name="named_votes")
    membership = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="+")
    option = models.CharField(max_length=10, choices=Option.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["motion", "membership"], name="one_named_vote_per_member")
        ]

    def __str__(self):
        return f"{self.membership_id}: {self.option}"


class SecretParticipation(models.Model):
    """That a member took part in a secret vote, and nothing else: no option, no time."""

    motion = models.ForeignKey(Motion, on_delete=models.CASCADE, related_name="secret_participations")
    membership = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["motion", "membership"], name="one_secret_vote_per_member")
        ]

    def __str__(self):
        return str(self.membership_id)


class SecretTally(models.Model):
    """How many chose each option in a secret vote: a counter, not a ballot, with no time."""

    motion = models.ForeignKey(Motion, on_delete=models.CASCADE, related_name="secret_tally")
    option = models.CharField(max_length=10, choices=Option.choices)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["motion", "option"], name="one_counter_per_option")]

    def __str__(self):
        return f"{self.option}: {self.count}"


class Minutes(models.Model):
    """The record of a meeting: written by the secretary, circulated to the members for comments,
    approved by a vote of the council (at a later meeting) and frozen from then on."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        CIRCULATED = "circulated", _("Circulated to the members")
        APPROVED = "approved", _("Approved")

    meeting = models.OneToOneField(Meeting, on_delete=models.PROTECT, related_name="minutes")
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    approved_by = models.OneToOneField(
        Motion,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="approves_minutes",
        verbose_name=_("approved by the decision"),
    )

    class Meta:
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")

    def __str__(self):
        return str(self.meeting)

    @property
    def is_frozen(self):
        return self.status == self.Status.APPROVED

    def approve(self, motion):
        """Approval is a passed motion of a later meeting; from then nothing changes."""
        if self.is_frozen:
            raise MinutesFrozen(_("Approved minutes cannot be changed."))
        if (
            motion.meeting.starts_at <= self.meeting.starts_at
            or not motion.closed_at
            or not motion.decision_number
        ):
            raise MinutesFrozen(_("Minutes are approved by a passed decision of a later meeting."))
        self.status = self.Status.APPROVED
        self.approved_by = motion
        self.save(update_fields=["status", "approved_by"])


class MinutesEntry(models.Model):
    """What was discussed under one agenda item."""

    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="entries")
    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.PROTECT, related_name="+")
    discussion = models.TextField(_("discussion"), blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["minutes", "agenda_item"], name="one_entry_per_agenda_item")
        ]

    def __str__(self):
        return self.discussion[:60]


class MinutesComment(models.Model):
    """A member's remark on circulated minutes, before the council approves them."""

    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="comments")
    membership = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("your remark"), max_length=3000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at"]

    def __str__(self):
        return self.text[:60]


class MinutesFrozen(Exception):
    pass


class AuditEntry(models.Model):
    """Who changed what in the council's meetings, votes and minutes, and when."""

    created_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("who"),
    )
    meeting = models.ForeignKey(Meeting, null=True, on_delete=models.SET_NULL, related_name="+")
    action = models.CharField(_("what"), max_length=255)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.action

    @classmethod
    def record(cls, request, meeting, action):
        return cls.objects.create(actor=request.user, meeting=meeting, action=str(action))


def private_storage():
    """Council documents never sit under MEDIA_URL: they are served only through a members-only view."""
    return storages["private"]


class MeetingDocument(Orderable):
    meeting = ParentalKey(Meeting, on_delete=models.CASCADE, related_name="documents")
    agenda_item = models.ForeignKey(
        AgendaItem,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="documents",
        verbose_name=_("agenda item"),
    )
    title = models.CharField(_("title"), max_length=255)
    file = models.FileField(
        _("file"), upload_to="council/%Y/%m/", storage=private_storage, validators=[validate_document]
    )

    panels = [FieldPanel("title"), FieldPanel("agenda_item"), FieldPanel("file")]

    class Meta(Orderable.Meta):
        verbose_name = _("document")

    def __str__(self):
        return self.title
