"""The council's public record as OParl 1.1 objects (https://oparl.org), served read-only under
/oparl/v1/ by council/oparl_views.py.

Only what the council made public, and names only by consent:
- one System, one Body (Sofia Municipality), the council as its one Organization and one
  LegislativeTerm: the council is appointed, not elected, so its one term runs from its first seat
  and has no end;
- public meetings (Meeting.objects.public()) with their place as a Location, their open agenda
  items (AgendaItem.objects.public()) and, once their minutes are approved, the minutes' public
  edition as a File (council.pdf.PublicMinutesPdf); never an online link, draft minutes or a
  closed item;
- an agenda item's result and resolution text from its public decisions only, with the counts
  unless the council's rules show only the outcome of a secret vote;
- one Paper per public decision (Motion.objects.public_decisions()), its reference the decision's
  number;
- Person and Membership only for members who agreed to be named (Membership.named_publicly), and
  as a meeting's participants only those of them who were present.
Texts are in the council's authoritative language (settings.LANGUAGE_CODE, Bulgarian). An object
that left the open data is answered as deleted (OParlTombstone), at its address and in its list.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import F, Max, Min, Prefetch
from django.db.models.functions import Greatest
from django.http import Http404
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .models import AgendaItem, Attendance, Meeting, Membership, Minutes, Motion, OParlTombstone

SCHEMA = "https://schema.oparl.org/1.1/"
BODY_WEBSITE = "https://www.sofia.bg/"


def moment(value):
    return timezone.localtime(value).isoformat(timespec="seconds")


class Api:
    """Absolute addresses on the host the client asked for."""

    def __init__(self, request):
        self.request = request

    def url(self, name, *args):
        return self.request.build_absolute_uri(reverse(f"oparl:{name}", args=args))

    def page(self, name):
        """A page of the site, in the language of the texts."""
        with translation.override(settings.LANGUAGE_CODE):
            return self.request.build_absolute_uri(reverse(name))

    def new(self, type_name, url_name, *args, created=None, modified=None, **fields):
        data = {"id": self.url(url_name, *args), "type": SCHEMA + type_name, **fields}
        if created:
            data["created"] = moment(created)
        if modified:
            data["modified"] = moment(modified)
        return data


def council_times():
    """The Body, the council and its term change with the memberships: when they began and when
    a membership last changed or left the open data."""
    times = Membership.objects.aggregate(
        created=Min("created_at"), modified=Max("modified_at"), since=Min("starts_on")
    )
    withdrawn = OParlTombstone.objects.filter(kind=OParlTombstone.Kind.MEMBERSHIP).aggregate(
        at=Max("deleted_at")
    )["at"]
    times["modified"] = max(filter(None, [times["modified"], withdrawn]), default=None)
    return times


def system(api):
    times = council_times()
    return api.new(
        "System",
        "system",
        oparlVersion=SCHEMA,
        body=api.url("bodies"),
        name=_("Otvoren Grad: the council's open data"),
        website=api.page("public_decisions"),
        license=settings.OPEN_DATA_LICENCE["url"],
        created=times["created"],
        modified=times["modified"],
    )


def body(api):
    times = council_times()
    return api.new(
        "Body",
        "body",
        system=api.url("system"),
        name=_("Sofia Municipality"),
        shortName=_("Sofia"),
        website=BODY_WEBSITE,
        license=settings.OPEN_DATA_LICENCE["url"],
        organization=api.url("organizations"),
        person=api.url("people"),
        meeting=api.url("meetings"),
        paper=api.url("papers"),
        agendaItem=api.url("agenda_items"),
        file=api.url("files"),
        membership=api.url("memberships"),
        locationList=api.url("locations"),
        legislativeTerm=[legislative_term(api, times)],
        legislativeTermList=api.url("legislative_terms"),
        web=api.page("public_decisions"),
        created=times["created"],
        modified=times["modified"],
    )


def legislative_term(api, times=None):
    times = times or council_times()
    data = api.new(
        "LegislativeTerm",
        "legislative_term",
        body=api.url("body"),
        name=_("Refugee advisory council"),
        created=times["created"],
        modified=times["modified"],
    )
    if times["since"]:
        data["startDate"] = times["since"].isoformat()
    return data


def organization(api):
    times = council_times()
    current = Membership.objects.current()
    data = api.new(
        "Organization",
        "organization",
        body=api.url("body"),
        name=_("Refugee advisory council"),
        classification=_("advisory council"),
        membership=[
            api.url("membership", pk)
            for pk in Membership.objects.named_publicly().order_by("pk").values_list("pk", flat=True)
        ],
        meeting=api.url("meetings"),
        memberCount=current.count(),
        votingMemberCount=current.voting().count(),
        web=api.page("public_decisions"),
        created=times["created"],
        modified=times["modified"],
    )
    if times["since"]:
        data["startDate"] = times["since"].isoformat()
    return data


class Kind:
    """A type of object with a list of its own: which rows are public now (`rows`, prepared so that
    writing a page of them takes a fixed number of queries), how they are written, and the
    tombstones of those that left. `created` and `modified` name what the list's filters compare."""

    type = ""
    detail = ""
    tombstone = None
    created, modified = "created_at", "modified_at"

    def rows(self):
        raise NotImplementedError

    def write(self, api, row):
        raise NotImplementedError

    def write_page(self, api, rows):
        return [self.write(api, row) for row in rows]

    def tombstones(self):
        return OParlTombstone.objects.filter(kind=self.tombstone).order_by("pk")

    def buried(self, api, tombstone):
        return api.new(
            self.type,
            self.detail,
            tombstone.object_id,
            **{**self.required(api, tombstone.object_id), **tombstone.stub},
            deleted=True,
            created=tombstone.created,
            modified=tombstone.deleted_at,
        )

    def required(self, api, pk):
        """What the schema asks of a deleted object besides its id and type."""
        return {}

    def one(self, api, pk):
        row = self.rows().filter(pk=pk).first()
        if row is not None:
            return self.write_page(api, [row])[0]
        tombstone = self.tombstones().filter(object_id=pk).first()
        if tombstone is None:
            raise Http404
        return self.buried(api, tombstone)


def public_decisions():
    return Prefetch("motions", queryset=Motion.objects.public_decisions(), to_attr="decisions")


def numbered(items):
    """Items with their number on the whole agenda, closed ones counted, as in the minutes."""
    return [(str(position), item) for position, item in enumerate(items, 1)]


def result(decisions):
    return "; ".join(_("Adopted: decision %(number)s") % {"number": d.decision_number} for d in decisions)


def resolution_text(decisions):
    texts = []
    for decision in decisions:
        outcome = decision.result()
        if outcome.counts:
            votes = _(
                "For: %(for)s, against: %(against)s, abstained: %(abstain)s; %(present)s of the "
                "%(members)s voting members present."
            ) % {
                **outcome.counts,
                "present": outcome.quorum.present,
                "members": outcome.quorum.voting_members,
            }
        else:
            votes = _("By the council's rules only the outcome of this secret vote is shown.")
        texts.append(f"{decision.decision_number}: {decision.text}\n{votes}")
    return "\n\n".join(texts)


class AgendaItems(Kind):
    type, detail, tombstone = "AgendaItem", "agenda_item", OParlTombstone.Kind.AGENDA_ITEM

    def rows(self):
        return AgendaItem.objects.public().prefetch_related(public_decisions()).order_by("pk")

    def write_page(self, api, rows):
        """Numbered on their agendas: the items of the page's meetings, in one query."""
        meetings = {item.meeting_id for item in rows}
        agendas = {}
        for pk, meeting in (
            AgendaItem.objects.filter(meeting__in=meetings)
            .order_by("sort_order", "pk")
            .values_list("pk", "meeting")
        ):
            agendas.setdefault(meeting, []).append(pk)
        numbers = {pk: number for agenda in agendas.values() for number, pk in numbered(agenda)}
        return [self.write(api, item, numbers[item.pk]) for item in rows]

    def write(self, api, item, number):
        data = api.new(
            self.type,
            self.detail,
            item.pk,
            meeting=api.url("meeting", item.meeting_id),
            number=number,
            order=item.sort_order or 0,
            name=item.title,
            public=True,
            created=item.created_at,
            modified=item.modified_at,
        )
        if item.decisions:
            data["result"] = result(item.decisions)
            data["resolutionText"] = resolution_text(item.decisions)
        return data


class Locations(Kind):
    """A public meeting's place (its id is the meeting's)."""

    type, detail, tombstone = "Location", "location", OParlTombstone.Kind.LOCATION

    def rows(self):
        return Meeting.objects.public().exclude(place="").order_by("pk")

    def write(self, api, meeting):
        return api.new(
            self.type,
            self.detail,
            meeting.pk,
            description=meeting.place,
            locality=_("Sofia"),
            meetings=[api.url("meeting", meeting.pk)],
            created=meeting.created_at,
            modified=meeting.modified_at,
        )


class Files(Kind):
    """The public edition of a public meeting's approved minutes (its id is the meeting's)."""

    type, detail, tombstone = "File", "results_protocol", OParlTombstone.Kind.FILE
    created, modified = "file_created", "file_modified"

    def rows(self):
        return (
            Meeting.objects.public()
            .filter(minutes__status=Minutes.Status.APPROVED)
            .select_related("minutes")
            .annotate(
                file_created=F("minutes__created_at"),
                file_modified=Greatest("modified_at", "minutes__modified_at"),
            )
            .order_by("pk")
        )

    def write(self, api, meeting):
        minutes = meeting.minutes
        return api.new(
            self.type,
            self.detail,
            meeting.pk,
            name=_("Minutes: %(title)s") % {"title": meeting.title},
            fileName=f"minutes-{meeting.pk}.pdf",
            mimeType="application/pdf",
            **self.required(api, meeting.pk),
            fileLicense=settings.OPEN_DATA_LICENCE["url"],
            meeting=[api.url("meeting", meeting.pk)],
            created=minutes.created_at,
            modified=max(minutes.modified_at, meeting.modified_at),
        )

    def required(self, api, pk):
        address = api.url("results_protocol_pdf", pk)
        return {"accessUrl": address, "downloadUrl": address}


class Meetings(Kind):
    type, detail, tombstone = "Meeting", "meeting", OParlTombstone.Kind.MEETING

    def rows(self):
        named_present = Attendance.objects.filter(
            status=Attendance.Status.PRESENT, membership__named_publicly=True
        ).select_related("membership")
        return (
            Meeting.objects.public()
            .select_related("minutes")
            .prefetch_related(
                Prefetch(
                    "agenda_items",
                    queryset=AgendaItem.objects.order_by("sort_order", "pk").prefetch_related(
                        public_decisions()
                    ),
                ),
                Prefetch("attendances", queryset=named_present, to_attr="named_present"),
            )
            .order_by("pk")
        )

    def write(self, api, meeting):
        data = api.new(
            self.type,
            self.detail,
            meeting.pk,
            name=meeting.title,
            meetingState=meeting.get_status_display(),
            cancelled=meeting.status == Meeting.Status.CANCELLED,
            start=moment(meeting.starts_at),
            organization=[api.url("organization")],
            participant=sorted(
                {api.url("person", attendance.membership.user_id) for attendance in meeting.named_present}
            ),
            agendaItem=[
                AgendaItems().write(api, item, number)
                for number, item in numbered(meeting.agenda_items.all())
                if item.is_public
            ],
            created=meeting.created_at,
            modified=meeting.modified_at,
        )
        if meeting.place:
            data["location"] = Locations().write(api, meeting)
        minutes = getattr(meeting, "minutes", None)
        if minutes is not None and minutes.is_frozen:
            data["resultsProtocol"] = Files().write(api, meeting)
        return data


class Papers(Kind):
    """A public decision."""

    type, detail, tombstone = "Paper", "paper", OParlTombstone.Kind.PAPER

    def rows(self):
        return Motion.objects.public_decisions().select_related("meeting").order_by("pk")

    def write(self, api, motion):
        return api.new(
            self.type,
            self.detail,
            motion.pk,
            body=api.url("body"),
            name=motion.text,
            reference=motion.decision_number,
            date=timezone.localdate(motion.meeting.starts_at).isoformat(),
            paperType=_("Decision"),
            originatorOrganization=[api.url("organization")],
            web=api.page("public_decisions"),
            created=motion.created_at,
            modified=motion.modified_at,
        )


class Memberships(Kind):
    type, detail, tombstone = "Membership", "membership", OParlTombstone.Kind.MEMBERSHIP

    def rows(self):
        return Membership.objects.named_publicly().order_by("pk")

    def write(self, api, membership):
        data = api.new(
            self.type,
            self.detail,
            membership.pk,
            person=api.url("person", membership.user_id),
            organization=api.url("organization"),
            role=membership.get_role_display(),
            votingRight=Membership.Role(membership.role).votes,
            startDate=membership.starts_on.isoformat(),
            created=membership.created_at,
            modified=membership.modified_at,
        )
        if membership.ends_on:
            data["endDate"] = membership.ends_on.isoformat()
        return data


class People(Kind):
    """Members who agreed to be named in at least one of their memberships (the user's id)."""

    type, detail, tombstone = "Person", "person", OParlTombstone.Kind.PERSON
    created, modified = "named_since", "named_modified"

    def rows(self):
        named = Membership.objects.named_publicly().order_by("starts_on", "pk")
        # Filtered first, so that the dates are those of the named memberships only.
        return (
            get_user_model()
            .objects.filter(council_memberships__named_publicly=True)
            .annotate(
                named_since=Min("council_memberships__created_at"),
                named_modified=Max("council_memberships__modified_at"),
            )
            .prefetch_related(Prefetch("council_memberships", queryset=named, to_attr="named_memberships"))
            .order_by("pk")
        )

    def write(self, api, user):
        return api.new(
            self.type,
            self.detail,
            user.pk,
            body=api.url("body"),
            name=user.display_name,
            membership=[Memberships().write(api, membership) for membership in user.named_memberships],
            created=user.named_since,
            modified=user.named_modified,
        )


KINDS = {
    kind.detail: kind
    for kind in (AgendaItems(), Locations(), Files(), Meetings(), Papers(), Memberships(), People())
}
