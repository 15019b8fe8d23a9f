"""The refugee advisory council: who is a member when, its meetings, agendas and attendance."""

import contextlib
import functools
import math
import re
import uuid
from collections import Counter
from dataclasses import dataclass
from fractions import Fraction

from django.conf import settings
from django.core.files.storage import storages
from django.db import IntegrityError, connection, models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language_info, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from nacl.exceptions import CryptoError
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.models import Orderable

from cms.formats import format_list
from cms.models.translations import (
    Translated,
    Translation,
    attach_translations,
    missing_languages,
    save_translations,
    translations,
)
from cms.text import WithoutBidiControls
from cms.uploads import validate_document

from . import ballots


class OpenDataRecord(models.Model):
    """A row of the council's open data (council/oparl.py): when it was created and last changed,
    and, when it leaves the open data (made non-public, consent withdrawn, deleted), a tombstone
    (OParlTombstone) so that clients learn that it is gone. Whatever the door (the council's forms,
    the admin, a script), the save tells: `in_open_data` from the row's own fields, as loaded and
    as saved, and `left_open_data`/`entered_open_data` for what follows."""

    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    modified_at = models.DateTimeField(_("modified"), auto_now=True)
    open_data_fields = ("is_public",)

    class Meta:
        abstract = True

    def save(self, *args, update_fields=None, **kwargs):
        if update_fields is not None:
            update_fields = {*update_fields, "modified_at"}
        was = False if self._state.adding else getattr(self, "_open_data_was", None)
        now = self._open_data_state()
        moves = was is not None and now is not None and was != now
        with transaction.atomic() if moves else contextlib.nullcontext():
            super().save(*args, update_fields=update_fields, **kwargs)
            if moves:
                self.entered_open_data() if now else self.left_open_data()
        self._open_data_was = now

    def in_open_data(self):
        return self.is_public

    def left_open_data(self):
        raise NotImplementedError

    def entered_open_data(self):
        raise NotImplementedError

    def _open_data_state(self):
        """None when a field it depends on is deferred (it is then not being changed either)."""
        loaded = all(name in self.__dict__ for name in self.open_data_fields)
        return bool(self.in_open_data()) if loaded else None

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._open_data_was = instance._open_data_state()
        return instance


class MembershipQuerySet(models.QuerySet):
    def current(self, on=None):
        day = on or timezone.localdate()
        return self.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=day), starts_on__lte=day)

    def voting(self):
        return self.filter(role__in=[role for role in Membership.Role if role.votes])

    def named_publicly(self):
        return self.filter(named_publicly=True)

    def name_publicly(self, agreed):
        """Give or withdraw the consent on these seats, one by one so that each leaves or enters the
        open data (a tombstone for OParl clients); returns how many changed."""
        changed = list(self.exclude(named_publicly=agreed))
        for membership in changed:
            membership.named_publicly = agreed
            membership.save(update_fields=["named_publicly"])
        return len(changed)


class Membership(OpenDataRecord):
    """A person's seat on the council for a period: a member can leave and their record stays."""

    class Role(models.TextChoices):
        CHAIR = "chair", _("Chair")
        SECRETARY = "secretary", _("Secretary")
        MEMBER = "member", _("Member")
        OBSERVER = "observer", _("Observer (does not vote)")

        @property
        def votes(self):
            """Observers do not vote: the quorum, the votes and the open data count the others."""
            return self != "observer"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="council_memberships",
        verbose_name=_("person"),
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    starts_on = models.DateField(_("from"), default=timezone.localdate)
    ends_on = models.DateField(_("until"), null=True, blank=True)
    named_publicly = models.BooleanField(
        _("named in the council's public record"),
        default=False,
        help_text=_(
            "Set by the member alone: their name, role and dates on the council, and their attendance "
            "at public meetings, appear in the open data and the public minutes."
        ),
    )

    objects = MembershipQuerySet.as_manager()
    open_data_fields = ("named_publicly",)

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

    def in_open_data(self):
        return self.named_publicly

    def left_open_data(self):
        OParlTombstone.bury(OParlTombstone.Kind.MEMBERSHIP, self)
        if not Membership.objects.named_publicly().filter(user_id=self.user_id).exclude(pk=self.pk).exists():
            OParlTombstone.bury(OParlTombstone.Kind.PERSON, self, object_id=self.user_id)
        self.meetings_attended_changed()

    def entered_open_data(self):
        OParlTombstone.lift(OParlTombstone.Kind.MEMBERSHIP, [self.pk])
        OParlTombstone.lift(OParlTombstone.Kind.PERSON, [self.user_id])
        self.meetings_attended_changed()

    def meetings_attended_changed(self):
        """A public meeting lists its named participants: clients that ask what changed since
        their last visit get the meetings this person was present at."""
        Meeting.objects.filter(attendances__membership=self).update(modified_at=timezone.now())


class MeetingQuerySet(models.QuerySet):
    def public(self):
        """Meetings the officers made public (cancelled ones too): the public calendar and the open
        data show them."""
        return self.filter(is_public=True)


class Meeting(Translated, WithoutBidiControls, OpenDataRecord, ClusterableModel):
    class Status(models.TextChoices):
        PLANNED = "planned", pgettext_lazy("meeting", "Planned")
        HELD = "held", pgettext_lazy("meeting", "Held")
        CANCELLED = "cancelled", pgettext_lazy("meeting", "Cancelled")

    title = models.CharField(_("title"), max_length=255)
    starts_at = models.DateTimeField(_("date and time"))
    place = models.CharField(_("place"), max_length=255, blank=True)
    online_link = models.URLField(_("online link"), blank=True)
    bidi_free_fields = ("title", "place")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PLANNED)
    is_public = models.BooleanField(
        _("public meeting: announced in the public calendar and in open data"),
        default=False,
        help_text=_(
            "Its date, place and public agenda items, its public decisions and, once approved, its "
            "minutes without the closed items are published, with the discussion written under "
            "each item. Members are named only if they agreed to it. The online link stays private."
        ),
    )

    objects = MeetingQuerySet.as_manager()

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("status")]),
        FieldRowPanel([FieldPanel("place"), FieldPanel("online_link")]),
        FieldPanel("is_public"),
        InlinePanel("agenda_items", heading=_("Agenda"), label=_("Agenda item")),
        InlinePanel("documents", heading=_("Documents"), label=_("Document")),
    ]

    class Meta:
        verbose_name = _("council meeting")
        verbose_name_plural = _("council meetings")
        ordering = ["-starts_at"]

    def __str__(self):
        return f"{self.title} ({timezone.localtime(self.starts_at):%Y-%m-%d})"

    def left_open_data(self):
        """The meeting leaves the open data with its place, its public items and its minutes."""
        Kind = OParlTombstone.Kind
        OParlTombstone.bury(Kind.MEETING, self)
        OParlTombstone.bury(Kind.LOCATION, self)
        if self.has_approved_minutes:
            OParlTombstone.bury(Kind.FILE, self)
        for item in self.agenda_items.filter(is_public=True):
            OParlTombstone.bury(Kind.AGENDA_ITEM, item, stub={"order": item.sort_order or 0})

    def entered_open_data(self):
        Kind = OParlTombstone.Kind
        for kind in (Kind.MEETING, Kind.LOCATION, Kind.FILE):
            OParlTombstone.lift(kind, [self.pk])
        items = self.agenda_items.filter(is_public=True)
        OParlTombstone.lift(Kind.AGENDA_ITEM, items.values_list("pk", flat=True))
        # Clients that ask for what changed since their last visit get the items too.
        items.update(modified_at=timezone.now())

    @property
    def has_approved_minutes(self):
        return Minutes.objects.filter(meeting=self, status=Minutes.Status.APPROVED).exists()

    def quorum(self):
        """Present voting members against the members entitled to vote on the meeting's day."""
        return self.attendance_record().quorum

    def people(self):
        """The members on the meeting's day and what was recorded of their attendance."""
        day = timezone.localdate(self.starts_at)
        return list(Membership.objects.current(day).select_related("user")), list(self.attendances.all())

    def attendance_record(self):
        """Who sat, their attendance and the quorum: as stored when the minutes were approved,
        otherwise from today's memberships, attendance and COUNCIL_QUORUM."""
        stored = Minutes.objects.filter(meeting=self, status=Minutes.Status.APPROVED).values_list(
            "attendance", flat=True
        )
        if stored and stored[0] is not None:
            return AttendanceRecord(stored[0])
        return AttendanceRecord(attendance_snapshot(*self.people()))

    @property
    def is_planned(self):
        return self.status == self.Status.PLANNED

    @property
    def is_held(self):
        return self.status == self.Status.HELD

    @property
    def is_frozen(self):
        """Approved minutes freeze the meeting: its record stays what the council approved."""
        return self.pk is not None and self.has_approved_minutes

    def ensure_changeable(self):
        """The one check of every door that changes a meeting: the council area and the admin."""
        if self.is_frozen:
            raise MeetingFrozen

    @classmethod
    def texts_to_translate(cls, meetings):
        """{meeting's pk: [TextToTranslate]}: every text of these meetings the secretariat translates,
        in the order of the meeting's page, with their translations loaded; the same queries however
        many meetings and texts."""
        meetings = attach_translations(meetings, "title", "place")
        items = attach_translations(
            AgendaItem.objects.filter(meeting__in=meetings).order_by("sort_order", "pk"),
            "title",
            "description",
        )
        motions = attach_translations(Motion.objects.filter(meeting__in=meetings), "text")
        entries = attach_translations(
            MinutesEntry.objects.filter(minutes__meeting__in=meetings).select_related("minutes"), "discussion"
        )
        discussion = {entry.agenda_item_id: entry for entry in entries}
        texts = {
            meeting.pk: [TextToTranslate(meeting, "title", _("Title of the meeting"))]
            + ([TextToTranslate(meeting, "place", _("Place"))] if meeting.place else [])
            for meeting in meetings
        }
        numbers = Counter()
        for item in items:
            numbers[item.meeting_id] += 1
            number = {"number": numbers[item.meeting_id]}
            texts[item.meeting_id].append(
                TextToTranslate(item, "title", _("Item %(number)s: title") % number)
            )
            if item.description:
                label = _("Item %(number)s: description") % number
                texts[item.meeting_id].append(TextToTranslate(item, "description", label))
            if item.pk in discussion and discussion[item.pk].discussion:
                label = _("Item %(number)s: discussion in the minutes") % number
                texts[item.meeting_id].append(TextToTranslate(discussion[item.pk], "discussion", label))
            for motion in motions:
                if motion.agenda_item_id == item.pk:
                    texts[item.meeting_id].append(
                        TextToTranslate(motion, "text", motion.label(numbers[item.meeting_id]))
                    )
        for motion in motions:
            if motion.agenda_item_id is None:
                texts[motion.meeting_id].append(TextToTranslate(motion, "text", motion.label()))
        return texts

    def translatable_texts(self):
        return Meeting.texts_to_translate([self])[self.pk]

    @staticmethod
    def translation_gaps(texts):
        """For the officers: how many of these texts each reader's language still lacks, as
        [(language's name, count)] in the order of LANGUAGES; empty when all are translated."""
        counts = Counter(language for text in texts for language in text.missing())
        return [
            (get_language_info(code)["name_translated"], counts[code])
            for code, _name in settings.LANGUAGES
            if counts[code]
        ]

    @transaction.atomic
    def save_translations(self, user, changes):
        """The secretariat's translations of the meeting's texts, [(TextToTranslate, {language:
        text})], an empty text removing one, with an entry in the audit log; allowed on a frozen
        meeting too, since a translation changes nothing of the approved record. Returns the
        languages that changed."""
        changed = set()
        for text, versions in changes:
            versions = {
                language: version
                for language, version in versions.items()
                if version.strip() != text.translation(language)
            }
            if versions:
                save_translations(text.obj, text.field, versions, user)
                changed |= set(versions)
        if changed:
            names = [
                get_language_info(code)["name_translated"]
                for code, _n in settings.LANGUAGES
                if code in changed
            ]
            AuditEntry.objects.create(
                actor=user,
                meeting=self,
                action=str(_("Translations saved: %(languages)s") % {"languages": format_list(names)}),
            )
        return changed


@dataclass(frozen=True)
class TextToTranslate:
    """A text of a meeting in its Bulgarian original (`obj`'s `field`), what it is (`label`) and its
    translations."""

    obj: models.Model
    field: str
    label: str

    @property
    def key(self):
        """The same text in every request: a form's field names."""
        return f"{self.obj._meta.model_name}-{self.obj.pk}-{self.field}"

    @property
    def original(self):
        return getattr(self.obj, self.field)

    @property
    def is_long(self):
        return self.field not in ("title", "place")

    def translation(self, language):
        return translations(self.obj, self.field).get(language, "")

    def missing(self):
        return missing_languages(self.obj, self.field)


class ChangeRefused(Exception):
    """A change the council's record does not allow, with the reason a member can read."""


class MeetingFrozen(ChangeRefused):
    def __init__(self):
        super().__init__(
            _(
                "The minutes of this meeting are approved, so its attendance, motions, agenda, "
                "documents, title and date can no longer be changed."
            )
        )


class AgendaItemInMinutes(ChangeRefused):
    pass


class AgendaItemQuerySet(models.QuerySet):
    def public(self):
        """Open items of public meetings."""
        return self.filter(is_public=True, meeting__is_public=True)


class AgendaItem(Translated, WithoutBidiControls, OpenDataRecord, Orderable):
    meeting = ParentalKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    is_public = models.BooleanField(
        _("public item"),
        default=True,
        help_text=_(
            "Untick for an item discussed in closed session: it stays out of the open data and the "
            "public minutes. A decision on it is published only if you make the decision public. "
            "Items are published only with a public meeting."
        ),
    )

    objects = AgendaItemQuerySet.as_manager()

    panels = [FieldPanel("title"), FieldPanel("description"), FieldPanel("is_public")]

    class Meta(Orderable.Meta):
        verbose_name = _("agenda item")

    def __str__(self):
        return self.title

    def left_open_data(self):
        """Only an item of a public meeting was in the open data (Meeting.left_open_data)."""
        if Meeting.objects.public().filter(pk=self.meeting_id).exists():
            OParlTombstone.bury(OParlTombstone.Kind.AGENDA_ITEM, self, stub={"order": self.sort_order or 0})

    def entered_open_data(self):
        if Meeting.objects.public().filter(pk=self.meeting_id).exists():
            OParlTombstone.lift(OParlTombstone.Kind.AGENDA_ITEM, [self.pk])

    def ensure_deletable(self):
        """An item the minutes speak of stays: deleting it would take the minutes' text with it."""
        if self.pk and MinutesEntry.objects.filter(agenda_item=self).exists():
            raise AgendaItemInMinutes(
                _("The minutes have text under “%(title)s”: remove that text first, or keep the item.")
                % {"title": self.title}
            )


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

    def save(self, *args, **kwargs):
        """Who was present is part of a public meeting in the open data: the meeting changed too."""
        super().save(*args, **kwargs)
        Meeting.objects.filter(pk=self.meeting_id).update(modified_at=timezone.now())


def attendance_snapshot(memberships, attendances):
    """What minutes show about people and the quorum, as plain data that can be stored."""
    recorded = {attendance.membership_id: attendance for attendance in attendances}
    people = [
        {
            "membership": membership.pk,
            "name": membership.user.display_name,
            "role": membership.role,
            "status": recorded[membership.pk].status if membership.pk in recorded else None,
            "mode": recorded[membership.pk].mode if membership.pk in recorded else None,
        }
        for membership in memberships
    ]
    voting = [person for person in people if Membership.Role(person["role"]).votes]
    return {
        "people": people,
        "voting_members": len(voting),
        "present": sum(person["status"] == Attendance.Status.PRESENT for person in voting),
        "quorum_required": Quorum.required_of(len(voting)),
    }


class AttendanceRow:
    def __init__(self, name, role, status, mode, membership=None):
        """`membership`: its id, missing in minutes approved before it was stored."""
        self.name, self.role, self.status, self.mode = name, role, status, mode
        self.membership = membership
        self.role_label = Membership.Role(role).label
        self.status_label = Attendance.Status(status).label if status else None
        self.mode_label = Attendance.Mode(mode).label if mode else None

    @property
    def is_present(self):
        return self.status == Attendance.Status.PRESENT


class AttendanceRecord:
    """An attendance snapshot (attendance_snapshot) with labels in the reader's language."""

    def __init__(self, snapshot):
        self.snapshot = snapshot
        self.rows = [AttendanceRow(**person) for person in snapshot["people"]]
        self.quorum = Quorum(snapshot["voting_members"], snapshot["present"], snapshot["quorum_required"])
        self.chair = next((row.name for row in self.rows if row.role == Membership.Role.CHAIR), None)
        self.secretary = next((row.name for row in self.rows if row.role == Membership.Role.SECRETARY), None)


class Quorum:
    """More than a share of the voting members must be present: by default half (docs/domain.md);
    the council's rules may set another share in COUNCIL_QUORUM (e.g. "2/3")."""

    def __init__(self, voting_members, present, required=None):
        self.voting_members = voting_members
        self.present = present
        # A closed vote keeps the figure that applied then, whatever COUNCIL_QUORUM says today.
        self.required = required if required is not None else self.required_of(voting_members)

    @staticmethod
    def required_of(voting_members):
        return math.floor(voting_members * Fraction(settings.COUNCIL_QUORUM)) + 1

    @property
    def reached(self):
        return self.voting_members > 0 and self.present >= self.required


class Option(models.TextChoices):
    FOR = "for", _("For")
    AGAINST = "against", _("Against")
    ABSTAIN = "abstain", _("Abstain")


class MotionQuerySet(models.QuerySet):
    def public_decisions(self):
        """The decisions the council chose to make public."""
        return self.exclude(decision_number=None).filter(is_public=True)

    def matching(self, query):
        """The decisions a reader's search finds: by number however it is typed (a Latin or
        Cyrillic letter or none, Persian or Arabic digits, "2" for "02"), else by words of the
        decision, its agenda item or its meeting, in Bulgarian or in a translation."""
        query = query.strip()
        if not query:
            return self
        if reference := DecisionCounter.parse(query):
            year, number = reference
            # Earlier numbers start with a Cyrillic «Р», later ones with a Latin R: match the rest.
            return self.filter(decision_number__endswith=f"-{year}-{number:02d}")
        translated = Translation.objects
        return self.filter(
            Q(text__icontains=query)
            | Q(pk__in=translated.ids_matching(self.model, "text", query))
            | Q(agenda_item__title__icontains=query)
            | Q(agenda_item__in=translated.ids_matching(AgendaItem, "title", query))
            | Q(meeting__title__icontains=query)
            | Q(meeting__in=translated.ids_matching(Meeting, "title", query))
        )


class Motion(Translated, OpenDataRecord):
    """A proposal put to the vote at a meeting. A passed motion becomes a numbered decision.

    What decided a closed vote is stored on it when it closes (the counts, the voting members and
    those present, the quorum, the outcome): a later change to the attendance, the memberships or
    COUNCIL_QUORUM never changes a result."""

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
    # While a secret vote is open: its private key, wrapped under BALLOT_SECRET (council/ballots.py).
    ballot_key = models.BinaryField(null=True, editable=False)
    # Stored when the vote closes. The counts stay empty when only the outcome may be shown.
    votes_for = models.PositiveIntegerField(null=True, editable=False)
    votes_against = models.PositiveIntegerField(null=True, editable=False)
    votes_abstain = models.PositiveIntegerField(null=True, editable=False)
    votes_cast = models.PositiveIntegerField(null=True, editable=False)
    voting_members = models.PositiveIntegerField(null=True, editable=False)
    present = models.PositiveIntegerField(null=True, editable=False)
    quorum_required = models.PositiveIntegerField(null=True, editable=False)
    passed = models.BooleanField(null=True, editable=False)
    # A secret vote's COUNCIL_SECRET_OUTCOME_ONLY_BELOW when it closed (0: the rule was off).
    outcome_only_below = models.PositiveIntegerField(null=True, editable=False)

    objects = MotionQuerySet.as_manager()
    open_data_fields = ("is_public", "decision_number")

    class Meta:
        verbose_name = _("motion")
        ordering = ["pk"]

    def __str__(self):
        return self.text[:60]

    def label(self, item_number=None):
        """What the motion is on the secretariat's translations page: its decision, if it passed."""
        if self.decision_number:
            return _("Decision %(decision)s") % {"decision": self.decision_number}
        if item_number:
            return _("Item %(number)s: motion") % {"number": item_number}
        return _("Motion")

    def in_open_data(self):
        """A public decision is a paper of the open data (and the result of its agenda item)."""
        return self.is_public and bool(self.decision_number)

    def left_open_data(self):
        OParlTombstone.bury(OParlTombstone.Kind.PAPER, self)
        self.touch_agenda()

    def entered_open_data(self):
        OParlTombstone.lift(OParlTombstone.Kind.PAPER, [self.pk])
        self.touch_agenda()

    def touch_agenda(self):
        """Its agenda item and meeting show the decision: clients that ask what changed get them."""
        now = timezone.now()
        AgendaItem.objects.filter(pk=self.agenda_item_id).update(modified_at=now)
        Meeting.objects.filter(pk=self.meeting_id).update(modified_at=now)

    @property
    def is_secret(self):
        return self.method == self.Method.SECRET

    @property
    def is_open(self):
        return self.opened_at is not None and self.closed_at is None

    @property
    def outcome_only(self):
        """Too few secret votes to show the figures without showing who voted what."""
        return bool(self.outcome_only_below) and self.votes_cast < self.outcome_only_below

    def result(self):
        """What decided the vote, as stored when it closed; None while it is not closed."""
        return Result(self) if self.closed_at else None

    @classmethod
    def for_ballot(cls, pk, membership, *, lock=False):
        """The motion and, in the same statement, what `ensure_can_cast` asks about this member:
        present at the meeting, the meeting frozen, a secret vote already cast. `lock`: its row
        share-locked to the end of the transaction on PostgreSQL, so the members' votes are cast
        side by side, while opening or closing the vote (`locked`, an exclusive lock) waits for the
        votes being cast, and they wait for it; SQLite writes one transaction at a time. One
        statement written out in SQL where the ORM made four (the lock, the motion, then each
        check): fifty members vote at the same moment (benchmarks/council_votes.py)."""
        motion, attendance, minutes, participation = (
            model._meta.db_table for model in (cls, Attendance, Minutes, SecretParticipation)
        )
        lock = " FOR SHARE OF motion" if lock and connection.vendor == "postgresql" else ""
        query = f"""
            SELECT motion.*, %s AS facts_of,
                EXISTS (SELECT 1 FROM {attendance} WHERE meeting_id = motion.meeting_id
                        AND membership_id = %s AND status = %s) AS voter_present,
                EXISTS (SELECT 1 FROM {minutes} WHERE meeting_id = motion.meeting_id
                        AND status = %s) AS meeting_frozen,
                EXISTS (SELECT 1 FROM {participation} WHERE motion_id = motion.id
                        AND membership_id = %s) AS voter_voted
            FROM {motion} AS motion WHERE motion.id = %s{lock}
        """  # noqa: S608 -- the models' own table names; every value is a parameter
        member = membership.pk
        params = [member, member, Attendance.Status.PRESENT, Minutes.Status.APPROVED, member, pk]
        found = list(cls.objects.raw(query, params))
        if not found:
            raise cls.DoesNotExist
        return found[0]

    @classmethod
    def with_meeting(cls, pk):
        """The motion with its meeting and agenda item (None without one), as `select_related`
        would give them, in one statement written out in SQL: every vote request reads it first,
        at about half the time of the ORM's (0.45 ms against 0.8), and fifty members vote at the
        same moment (benchmarks/council_votes.py)."""
        tables = {"motion": cls, "meeting": Meeting, "item": AgendaItem}
        fields = {alias: model._meta.concrete_fields for alias, model in tables.items()}
        columns = ", ".join(f"{alias}.{field.column}" for alias, own in fields.items() for field in own)
        query = f"""
            SELECT {columns} FROM {cls._meta.db_table} AS motion
            JOIN {Meeting._meta.db_table} AS meeting ON meeting.id = motion.meeting_id
            LEFT JOIN {AgendaItem._meta.db_table} AS item ON item.id = motion.agenda_item_id
            WHERE motion.id = %s
        """  # noqa: S608 -- the models' own table and column names; the value is a parameter
        with connection.cursor() as cursor:
            cursor.execute(query, [pk])
            row = cursor.fetchone()
        if row is None:
            raise cls.DoesNotExist
        found = {}
        for alias, own in fields.items():
            values, row = row[: len(own)], row[len(own) :]
            values = [_from_database(field, value) for field, value in zip(own, values, strict=True)]
            found[alias] = tables[alias].from_db(connection.alias, [field.attname for field in own], values)
        motion = found["motion"]
        motion.meeting = found["meeting"]
        motion.agenda_item = found["item"] if motion.agenda_item_id is not None else None
        return motion

    @classmethod
    def locked(cls, pk):
        """The motion and its meeting, both locked: approving the minutes waits for a vote being
        opened or closed, and the other way round (Minutes.approve)."""
        motion = cls.objects.select_for_update().get(pk=pk)
        motion.meeting = Meeting.objects.select_for_update().get(pk=motion.meeting_id)
        return motion

    @transaction.atomic
    def open_vote(self):
        """Open the vote; a secret vote gets a key pair of its own, its private key wrapped."""
        motion = Motion.locked(self.pk)
        motion.meeting.ensure_changeable()
        if motion.opened_at is None:
            motion.opened_at = timezone.now()
            if motion.method == self.Method.SECRET:
                motion.ballot_key = ballots.new_wrapped_key(motion.pk)
            motion.save(update_fields=["opened_at", "ballot_key"])
        self.opened_at, self.ballot_key = motion.opened_at, motion.ballot_key

    def ensure_can_cast(self, membership, option):
        """Whether this member may cast this vote now; raises VoteRefused with the reason a member
        can read. Writes nothing: `cast` asks it again under the motion's lock, and a secret vote's
        confirmation step asks it first, so that a member is never asked to confirm a refused vote.
        What it asks the database comes with the motion when it was read for this member
        (`for_ballot`), else in one query."""
        if not self.is_open:
            raise VoteRefused(_("This vote is not open."))
        if option not in Option.values:
            raise VoteRefused(_("Choose for, against or abstain."))
        facts = self
        if getattr(self, "facts_of", None) != membership.pk:
            facts = Motion.for_ballot(self.pk, membership)
        if not facts.voter_present:
            raise VoteRefused(_("Only members present at the meeting can vote."))
        if membership.role == Membership.Role.OBSERVER:
            raise VoteRefused(_("Observers do not vote."))
        if facts.meeting_frozen:
            raise VoteRefused(str(MeetingFrozen()))
        if self.is_secret and facts.voter_voted:
            raise VoteRefused(_("You have already voted: a secret vote cannot be changed."))

    @transaction.atomic
    def cast(self, membership, option):
        """Record one member's vote; raises VoteRefused with the reason a member can read.

        A secret vote writes two rows in one transaction: that the member voted (a unique
        constraint refuses a second time) and the sealed ballot (random id, no member, no time).
        Nothing else changes while the vote is open, so there is no running count anywhere."""
        motion = Motion.for_ballot(self.pk, membership, lock=True)
        motion.ensure_can_cast(membership, option)
        if motion.method == self.Method.NAMED:
            # One statement, a member's second choice replacing the first (one row per member).
            NamedVote.objects.bulk_create(
                [NamedVote(motion=motion, membership=membership, option=option)],
                update_conflicts=True,
                unique_fields=["motion", "membership"],
                update_fields=["option"],
            )
            return
        try:
            # No savepoint of its own: a second participation (the same member's two requests at
            # once, both past the check above) ends this whole transaction, which writes nothing else.
            SecretParticipation.objects.create(motion=motion, membership=membership)
        except IntegrityError:
            raise VoteRefused(_("You have already voted: a secret vote cannot be changed.")) from None
        SecretBallot.objects.create(motion=motion, sealed=ballots.seal(motion.pk, motion.ballot_key, option))

    @transaction.atomic
    def close_vote(self):
        """Close the vote and store what decided it, in one transaction. A secret vote's ballots
        are opened in memory, only the totals are stored, and the ballots and the key are deleted.
        A passed motion gets the next decision number of its year (R-2026-07). Refused (ChangeRefused,
        nothing stored) on a frozen meeting and when the ballots are not what the members cast."""
        motion = Motion.locked(self.pk)
        if not motion.is_open:
            return motion
        motion.meeting.ensure_changeable()
        if motion.method == self.Method.SECRET:
            counts = motion.count_ballots()
            motion.secret_ballots.all().delete()
            motion.ballot_key = None
            motion.outcome_only_below = settings.COUNCIL_SECRET_OUTCOME_ONLY_BELOW
        else:
            counts = Counter(motion.named_votes.values_list("option", flat=True))
        quorum = motion.meeting.quorum()
        motion.votes_cast = sum(counts.values())
        motion.voting_members, motion.present = quorum.voting_members, quorum.present
        motion.quorum_required = quorum.required
        motion.passed = Result.passes(motion.majority, counts, quorum)
        if not motion.outcome_only:
            motion.votes_for, motion.votes_against, motion.votes_abstain = (
                counts[option] for option in Option.values
            )
        if motion.passed:
            motion.decision_number = DecisionCounter.next_number(
                timezone.localdate(motion.meeting.starts_at).year
            )
        motion.closed_at = timezone.now()
        motion.save()
        return motion

    def count_ballots(self):
        """The totals of the sealed ballots, after checking that they are the ones the members
        cast: one per participation, no copies, each opening with this vote's key to an option."""
        sealed = [bytes(value) for value in self.secret_ballots.values_list("sealed", flat=True)]
        voters = self.secret_participations.count()
        if len(sealed) != voters:
            raise BallotsRejected(
                _("There are %(ballots)s ballots for %(voters)s members who voted.")
                % {"ballots": len(sealed), "voters": voters}
            )
        if len(set(sealed)) != len(sealed):
            raise BallotsRejected(_("Some ballots are copies of another ballot."))
        try:
            counts = ballots.count(self.pk, self.ballot_key, sealed)
        except ballots.BallotKeyError:
            raise BallotsRejected(
                _("The vote's key does not open with this server's BALLOT_SECRET (was it changed?).")
            ) from None
        except (CryptoError, UnicodeDecodeError):
            raise BallotsRejected(_("A ballot does not open with this vote's key.")) from None
        if not set(counts) <= set(Option.values):
            raise BallotsRejected(_("A ballot does not open with this vote's key."))
        return counts


def _from_database(field, value):
    """A column's value as the ORM gives it (SQLite returns times as text, flags as numbers)."""
    column, converters = _converters(field, connection.ops)
    for converter in converters:
        value = converter(value, column, connection)
    return value


@functools.lru_cache(maxsize=512)
def _converters(field, operations):
    """A field's converters from the database's value, for one connection's operations (each
    thread has its own): worked out once, as they cost more than reading the row."""
    column = field.get_col(field.model._meta.db_table)
    return column, [*operations.get_db_converters(column), *field.get_db_converters(operations.connection)]


class VoteRefused(Exception):
    pass


class BallotsRejected(ChangeRefused):
    """The ballots in the database are not the ones the members cast: the vote is not counted."""

    def __init__(self, reason):
        super().__init__(
            _("The vote cannot be closed: %(reason)s Nothing is counted and the vote stays open.")
            % {"reason": reason}
        )


class Result:
    """What decided a closed vote, as stored on the motion when it closed (Motion.close_vote)."""

    def __init__(self, motion):
        self.motion = motion
        self.passed = motion.passed
        self.votes_cast = motion.votes_cast
        self.quorum = Quorum(motion.voting_members, motion.present, motion.quorum_required)
        self.outcome_only = motion.outcome_only
        stored = (motion.votes_for, motion.votes_against, motion.votes_abstain)
        self.counts = None if self.outcome_only else dict(zip(Option.values, stored, strict=True))

    @staticmethod
    def passes(majority, counts, quorum):
        """The majority rule; ties do not pass, abstentions are not "for"; no quorum, no decision."""
        if not quorum.reached:
            return False
        votes_for = counts[Option.FOR]
        if majority == Motion.Majority.SIMPLE:
            return votes_for > counts[Option.AGAINST]
        if majority == Motion.Majority.ABSOLUTE:
            return votes_for * 2 > quorum.present
        return votes_for * 3 >= quorum.voting_members * 2


class DecisionCounter(models.Model):
    """The last decision number of a year. Closing votes take the next one under this row's lock
    (the UPDATE locks it on PostgreSQL; SQLite writes one transaction at a time), so two votes
    closed at the same moment get two numbers.

    A number is ASCII (R-2026-07), so that it reads and is typed the same in every language;
    numbers given earlier started with a Cyrillic «Р», which looks like a Latin P, and stay as the
    council approved them: `parse` finds both."""

    # Whatever a reader may type for the letter, the dashes and the digits.
    LOOK_ALIKES = str.maketrans(
        {
            **dict.fromkeys("RrРрPp", ""),
            **dict.fromkeys("–—‐‑−/. ", "-"),
            **{chr(0x0660 + digit): str(digit) for digit in range(10)},  # Arabic digits
            **{chr(0x06F0 + digit): str(digit) for digit in range(10)},  # Persian digits
        }
    )

    year = models.PositiveSmallIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.year}: {self.last}"

    @classmethod
    def next_number(cls, year):
        if not cls.objects.filter(year=year).update(last=models.F("last") + 1):
            try:
                with transaction.atomic():
                    cls.objects.create(year=year, last=1)
            except IntegrityError:  # the first decision of the year, closed at the same moment
                cls.objects.filter(year=year).update(last=models.F("last") + 1)
        return f"R-{year}-{cls.objects.get(year=year).last:02d}"

    @classmethod
    def parse(cls, text):
        """(year, number) of a decision number as anyone may type it, or None if it is not one."""
        match = re.fullmatch(r"-*(\d{4})-+0*(\d{1,4})-*", text.strip().translate(cls.LOOK_ALIKES))
        return (int(match[1]), int(match[2])) if match else None


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


class SecretBallot(models.Model):
    """One choice in an open secret vote, sealed (council/ballots.py): a random id, so ids carry
    no order; no member, no time. Deleted when the vote closes, once counted."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    motion = models.ForeignKey(Motion, on_delete=models.CASCADE, related_name="secret_ballots")
    sealed = models.BinaryField()

    def __str__(self):
        return str(self.id)


class Minutes(models.Model):
    """The record of a meeting: written by the secretary, circulated to the members for comments,
    approved by a vote of the council (at a later meeting) and frozen from then on."""

    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    modified_at = models.DateTimeField(_("modified"), auto_now=True)

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
    # What the approved minutes show about people and the quorum (attendance_snapshot), stored at
    # approval: later changes to memberships, attendance or COUNCIL_QUORUM do not rewrite them.
    attendance = models.JSONField(null=True, editable=False)

    class Meta:
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")

    def __str__(self):
        return str(self.meeting)

    @property
    def is_draft(self):
        return self.status == self.Status.DRAFT

    @property
    def is_circulated(self):
        return self.status == self.Status.CIRCULATED

    @property
    def is_frozen(self):
        return self.status == self.Status.APPROVED

    def ensure_approvable(self, motion):
        """Approval is a passed motion of a later meeting, once no vote of the meeting is open."""
        if self.is_frozen:
            raise MinutesFrozen(_("Approved minutes cannot be changed."))
        if (
            motion.meeting.starts_at <= self.meeting.starts_at
            or not motion.closed_at
            or not motion.decision_number
        ):
            raise MinutesFrozen(_("Minutes are approved by a passed decision of a later meeting."))
        if self.meeting.motions.filter(opened_at__isnull=False, closed_at__isnull=True).exists():
            raise MinutesFrozen(
                _("A vote of this meeting is still open: close it before approving the minutes.")
            )

    @transaction.atomic
    def approve(self, motion):
        """Approve and freeze, storing the attendance and quorum the minutes show. The meeting's
        row lock makes a vote of the meeting opened or closed at the same moment wait or be refused."""
        self.meeting = Meeting.objects.select_for_update().get(pk=self.meeting_id)
        self.ensure_approvable(motion)
        self.status = self.Status.APPROVED
        self.approved_by = motion
        self.attendance = attendance_snapshot(*self.meeting.people())
        self.save()  # minutes never written before are stored now
        # The meeting now has its minutes (the open data's resultsProtocol).
        Meeting.objects.filter(pk=self.meeting_id).update(modified_at=self.modified_at)


class MinutesEntry(Translated):
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


class MinutesFrozen(ChangeRefused):
    pass


class OParlTombstone(models.Model):
    """An object that left the open data: OParl clients get it as `deleted: true` at its address
    and in its list, with its creation time and when it left (council/oparl.py)."""

    class Kind(models.TextChoices):
        MEETING = "meeting"
        LOCATION = "location"  # a meeting's place: the meeting's id
        FILE = "file"  # a meeting's public minutes: the meeting's id
        AGENDA_ITEM = "agenda_item"
        PAPER = "paper"  # a public decision: the motion's id
        PERSON = "person"  # the user's id
        MEMBERSHIP = "membership"

    kind = models.CharField(max_length=12, choices=Kind.choices)
    object_id = models.PositiveIntegerField()
    created = models.DateTimeField()
    deleted_at = models.DateTimeField(default=timezone.now)
    # What the object's schema requires besides its id and type (an agenda item's order).
    stub = models.JSONField(default=dict)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="one_tombstone_per_object")]

    def __str__(self):
        return f"{self.kind} {self.object_id}"

    @classmethod
    def bury(cls, kind, record, object_id=None, stub=None):
        cls.objects.get_or_create(
            kind=kind,
            object_id=object_id or record.pk,
            defaults={"created": record.created_at, "stub": stub or {}},
        )

    @classmethod
    def lift(cls, kind, object_ids):
        """Back in the open data (made public again, consent given again)."""
        cls.objects.filter(kind=kind, object_id__in=list(object_ids)).delete()


def left_open_data_on_delete(sender, instance, **kwargs):
    """A deleted row that was in the open data leaves a tombstone (connected in apps.py)."""
    if instance._open_data_state():
        instance.left_open_data()


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
