"""The council area: who gets in, meetings, attendance and quorum."""

from datetime import UTC, timedelta

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Permission
from django.utils import timezone

from accounts import roles
from council.models import Attendance, Meeting, Membership, Quorum
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def held():
    """The demo meeting with two votes and approved minutes (a follow-up meeting approved them)."""
    return Meeting.objects.filter(status="held").order_by("starts_at").first()


def urls(meeting):
    """Every council address: pages and PDFs."""
    motion = meeting.motions.first()
    return [
        "/bg/council/",
        f"/bg/council/meetings/{meeting.pk}/",
        f"/ar/council/meetings/{meeting.pk}/",
        f"/bg/council/meetings/{meeting.pk}/minutes/",
        f"/fa/council/meetings/{meeting.pk}/minutes.pdf",
        f"/bg/council/motions/{motion.pk}/result.pdf",
        "/bg/council/decisions/",
        "/fr/council/decisions.pdf",
    ]


def member(role=Membership.Role.MEMBER, **dates):
    user = UserFactory()
    Membership.objects.create(user=user, role=role, **dates)
    return user


def test_anonymous_visitors_are_sent_to_sign_in(client, held):
    for url in urls(held):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize(
    "who",
    [
        lambda: UserFactory(),
        lambda: UserFactory(roles=[roles.EDITORS]),
        lambda: UserFactory(roles=[roles.MODERATORS]),
        lambda: member(
            starts_on=timezone.localdate() - timedelta(days=400),
            ends_on=timezone.localdate() - timedelta(days=1),
        ),
    ],
    ids=["participant", "editor", "moderator", "former member"],
)
def test_everyone_else_gets_a_members_only_page(client, held, who):
    client.force_login(who())

    for url in urls(held):
        response = client.get(url)
        assert response.status_code == 403
        assert BeautifulSoup(response.content, "html.parser").h1


@pytest.mark.parametrize(
    "who",
    [
        lambda: member(),
        lambda: member(Membership.Role.OBSERVER),
        lambda: member(Membership.Role.CHAIR),
        lambda: UserFactory(roles=[roles.COUNCIL_SECRETARIAT]),
    ],
    ids=["member", "observer", "chair", "secretariat"],
)
def test_members_and_the_secretariat_get_in(client, held, who):
    client.force_login(who())

    for url in urls(held):
        assert client.get(url).status_code == 200


def test_staff_with_the_permission_get_in(client, held):
    user = UserFactory()
    user.user_permissions.add(Permission.objects.get(codename="view_meeting"))
    client.force_login(user)

    assert client.get(urls(held)[1]).status_code == 200


def test_the_seeded_meeting_has_a_quorum(client, held):
    client.force_login(member())

    page = BeautifulSoup(client.get(urls(held)[1]).content, "html.parser")

    assert "quorum-reached" in page.select_one(".quorum")["class"]


@pytest.mark.parametrize(
    ("voting", "present", "reached"),
    [(9, 5, True), (9, 4, False), (10, 5, False), (10, 6, True), (0, 0, False)],
)
def test_quorum_is_more_than_half_of_the_voting_members(voting, present, reached):
    assert Quorum(voting, present).reached is reached


def test_the_quorum_share_is_configurable(settings):
    settings.COUNCIL_QUORUM = "2/3"

    assert Quorum(9, 6).reached is False
    assert Quorum(9, 7).reached is True


def test_observers_do_not_count_for_the_quorum(held):
    before = held.quorum()
    observer = Membership.objects.create(
        user=UserFactory(),
        role=Membership.Role.OBSERVER,
        starts_on=timezone.localdate() - timedelta(days=400),
    )
    Attendance.objects.create(meeting=held, membership=observer, status=Attendance.Status.PRESENT)

    after = held.quorum()
    assert (after.voting_members, after.present) == (before.voting_members, before.present)


def attendance_data(meeting, status):
    day = timezone.localdate(meeting.starts_at)
    data = {}
    for membership in Membership.objects.current(day):
        data[f"status_{membership.pk}"] = status
        data[f"mode_{membership.pk}"] = "in_person"
    return data


def test_the_secretary_records_attendance(client, followup):
    client.force_login(member(Membership.Role.SECRETARY))

    client.post(urls(followup)[1], attendance_data(followup, "absent"))

    assert not followup.quorum().reached
    assert not followup.attendances.filter(status=Attendance.Status.PRESENT).exists()


def test_a_member_cannot_record_attendance(client, held):
    client.force_login(member())
    present_before = held.attendances.filter(status=Attendance.Status.PRESENT).count()

    response = client.post(urls(held)[1], attendance_data(held, "absent"))

    assert response.status_code == 403
    assert held.attendances.filter(status=Attendance.Status.PRESENT).count() == present_before


def test_the_meeting_page_runs_the_same_queries_with_more_members(client, held, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    secretary = member(Membership.Role.SECRETARY)
    client.force_login(secretary)
    client.get(urls(held)[1])
    with CaptureQueriesContext(connection) as before:
        client.get(urls(held)[1])
    for _n in range(20):
        Attendance.objects.create(
            meeting=held,
            membership=Membership.objects.create(
                user=UserFactory(), starts_on=timezone.localdate() - timedelta(days=400)
            ),
            status=Attendance.Status.PRESENT,
        )

    with django_assert_num_queries(len(before)):
        client.get(urls(held)[1])


def test_the_planned_meeting_shows_its_agenda(client):
    planned = Meeting.objects.get(status="planned")
    client.force_login(member())

    page = BeautifulSoup(client.get(f"/fr/council/meetings/{planned.pk}/").content, "html.parser")

    assert [item.strong.get_text() for item in page.select("#agenda-heading + ol li")] == list(
        planned.agenda_items.values_list("title", flat=True)
    )


def test_the_secretariat_keeps_meetings_in_the_admin_and_members_cannot(client):
    client.force_login(UserFactory(roles=[roles.COUNCIL_SECRETARIAT]))
    assert client.get("/admin/council_meetings/").status_code == 200
    assert client.get("/admin/council_members/").status_code == 200

    client.force_login(member())
    assert client.get("/admin/council_meetings/").status_code == 302


# Motions and votes ---------------------------------------------------------------------------

from django.db import connection  # noqa: E402

from council.models import Motion, NamedVote, Option, SecretBallot, SecretParticipation, VoteRefused  # noqa: E402


def present_members(meeting):
    return [
        a.membership
        for a in meeting.attendances.filter(status=Attendance.Status.PRESENT).select_related("membership")
    ]


@pytest.fixture
def named(followup):
    motion = Motion.objects.create(
        meeting=followup, text="Съветът подкрепя плана.", method=Motion.Method.NAMED
    )
    motion.open_vote()
    return motion


@pytest.fixture
def secret(followup):
    motion = Motion.objects.create(
        meeting=followup, text="Избор на заместник-председател.", method=Motion.Method.SECRET
    )
    motion.open_vote()
    return motion


def test_a_named_vote_can_be_changed_until_it_closes(named, followup):
    voter = present_members(followup)[0]
    named.cast(voter, Option.AGAINST)
    named.cast(voter, Option.FOR)

    assert named.close_vote().result().counts == {"for": 1, "against": 0, "abstain": 0}
    with pytest.raises(VoteRefused):
        named.cast(voter, Option.AGAINST)


def test_a_secret_vote_is_final_and_cannot_be_joined_to_the_voter(secret, followup):
    voters = present_members(followup)
    for voter, option in zip(voters[:3], [Option.FOR, Option.AGAINST, Option.FOR], strict=True):
        secret.cast(voter, option)
    with pytest.raises(VoteRefused):
        secret.cast(voters[0], Option.AGAINST)

    # The rows: who voted (no option, no time), and sealed ballots (random id, no member, no time).
    participation_columns = {field.column for field in SecretParticipation._meta.fields}
    ballot_columns = {field.column for field in SecretBallot._meta.fields}
    assert participation_columns == {"id", "motion_id", "membership_id"}
    assert ballot_columns == {"id", "motion_id", "sealed"}
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM council_secretparticipation WHERE motion_id = %s", [secret.pk])
        assert len(cursor.fetchall()) == 3
    assert not NamedVote.objects.filter(motion=secret).exists()
    assert secret.close_vote().result().counts == {"for": 2, "against": 1, "abstain": 0}


def test_absent_members_observers_and_closed_votes_are_refused(named, followup):
    absent = followup.attendances.exclude(status=Attendance.Status.PRESENT).first().membership
    with pytest.raises(VoteRefused):
        named.cast(absent, Option.FOR)
    observer = Membership.objects.create(
        user=UserFactory(), role=Membership.Role.OBSERVER, starts_on=followup.starts_at.date()
    )
    Attendance.objects.create(meeting=followup, membership=observer, status=Attendance.Status.PRESENT)
    with pytest.raises(VoteRefused):
        named.cast(observer, Option.FOR)
    unopened = Motion.objects.create(meeting=followup, text="Неоткрито")
    with pytest.raises(VoteRefused):
        unopened.cast(present_members(followup)[0], Option.FOR)


def vote(motion, followup, fors, againsts, abstains):
    voters = iter(present_members(followup))
    for option, count in [(Option.FOR, fors), (Option.AGAINST, againsts), (Option.ABSTAIN, abstains)]:
        for _n in range(count):
            motion.cast(next(voters), option)
    return motion.close_vote()


@pytest.mark.parametrize(
    ("majority", "votes", "passed"),
    [
        ("simple", (3, 2, 2), True),
        ("simple", (3, 3, 1), False),  # a tie does not pass
        ("simple", (1, 0, 6), True),  # abstentions count for neither side
        ("absolute", (4, 0, 3), True),  # 4 of 7 present
        ("absolute", (3, 0, 4), False),
        ("two_thirds", (6, 1, 0), True),  # 6 of 9 voting members
        ("two_thirds", (5, 0, 2), False),
    ],
)
def test_majority_rules(followup, majority, votes, passed):
    motion = Motion.objects.create(meeting=followup, text="Решение", majority=majority)
    motion.open_vote()

    closed = vote(motion, followup, *votes)

    assert closed.result().passed is passed
    assert bool(closed.decision_number) is passed


def test_passed_motions_become_numbered_decisions(followup):
    year = followup.starts_at.year
    before = Motion.objects.filter(decision_number__startswith=f"Р-{year}-").count()
    numbers = []
    for _n in range(2):
        motion = Motion.objects.create(meeting=followup, text="Решение")
        motion.open_vote()
        numbers.append(vote(motion, followup, 5, 0, 0).decision_number)

    assert numbers == [f"Р-{year}-{before + 1:02d}", f"Р-{year}-{before + 2:02d}"]


def test_no_quorum_no_decision(followup):
    followup.attendances.update(status=Attendance.Status.ABSENT)
    voter = Membership.objects.current().first()
    Attendance.objects.filter(meeting=followup, membership=voter).update(status=Attendance.Status.PRESENT)
    motion = Motion.objects.create(meeting=followup, text="Без кворум")
    motion.open_vote()
    motion.cast(voter, Option.FOR)

    assert not motion.close_vote().result().passed


def test_members_vote_from_the_meeting_page(client, followup):
    motion = Motion.objects.create(meeting=followup, text="Подкрепа", method=Motion.Method.NAMED)
    chair = Membership.objects.get(role=Membership.Role.CHAIR)
    client.force_login(chair.user)
    client.post(f"/bg/council/motions/{motion.pk}/open/")
    voter = next(m for m in present_members(followup) if m.role == Membership.Role.MEMBER)
    client.force_login(voter.user)

    client.post(f"/ar/council/motions/{motion.pk}/vote/", {"option": "for"})
    page = BeautifulSoup(client.get(urls(followup)[2]).content, "html.parser")

    assert NamedVote.objects.get(motion=motion, membership=voter).option == "for"
    assert page.select_one(f"#motion-{motion.pk} button[aria-pressed=true]")["value"] == "for"
    assert client.post(f"/bg/council/motions/{motion.pk}/close/").status_code == 403
    client.force_login(chair.user)
    client.post(f"/bg/council/motions/{motion.pk}/close/")
    motion.refresh_from_db()
    assert motion.closed_at and motion.decision_number


def test_outsiders_cannot_vote_or_run_votes(client, followup):
    motion = Motion.objects.create(meeting=followup, text="Подкрепа")
    motion.open_vote()
    for user in [UserFactory(), UserFactory(roles=[roles.MODERATORS])]:
        client.force_login(user)
        assert client.post(f"/bg/council/motions/{motion.pk}/vote/", {"option": "for"}).status_code == 403
        assert client.post(f"/bg/council/motions/{motion.pk}/close/").status_code == 403
        assert client.post(f"/bg/council/meetings/{followup.pk}/motions/", {"text": "x"}).status_code == 403
    client.logout()
    assert client.post(f"/bg/council/motions/{motion.pk}/vote/", {"option": "for"}).status_code == 302
    assert not motion.named_votes.exists()


# Minutes -------------------------------------------------------------------------------------

import io  # noqa: E402

from pypdf import PdfReader  # noqa: E402

from council.models import Minutes, MinutesComment, MinutesFrozen  # noqa: E402


@pytest.fixture
def followup():
    return Meeting.objects.filter(status="held").order_by("starts_at").last()


def officer():
    return Membership.objects.get(role=Membership.Role.SECRETARY).user


def test_draft_minutes_are_for_the_officers_only(client, followup):
    minutes_url = f"/bg/council/meetings/{followup.pk}/minutes/"
    client.force_login(member())
    assert client.get(minutes_url).status_code == 404
    assert client.get(minutes_url.replace("minutes/", "minutes.pdf")).status_code == 404

    client.force_login(officer())
    assert client.get(minutes_url).status_code == 200


def test_the_secretariat_cannot_remark_and_so_cannot_empty_the_minutes(client, followup):
    client.force_login(officer())
    item = followup.agenda_items.first()
    url = f"/bg/council/meetings/{followup.pk}/minutes/"
    client.post(url, {f"item_{item.pk}": "Обсъждане.", "action": "circulate"})
    client.force_login(UserFactory(roles=[roles.COUNCIL_SECRETARIAT]))  # an officer without a seat

    response = client.post(url, {"action": "comment", "text": "Забележка"})

    assert response.status_code == 403
    assert Minutes.objects.get(meeting=followup).entries.get(agenda_item=item).discussion == "Обсъждане."


def test_a_refused_motion_keeps_the_attendance_form_pointing_at_the_meeting(client, followup):
    client.force_login(officer())

    response = client.post(f"/bg/council/meetings/{followup.pk}/motions/", {"text": "", "method": "named"})

    assert response.status_code == 200
    attendance = BeautifulSoup(response.content, "html.parser").select_one("#attendance-heading ~ form")
    assert attendance["action"] == f"/bg/council/meetings/{followup.pk}/"


def test_reading_the_minutes_page_writes_nothing(client, followup):
    client.force_login(officer())

    client.get(f"/bg/council/meetings/{followup.pk}/minutes/")

    assert not Minutes.objects.filter(meeting=followup).exists()


def test_the_secretary_writes_and_circulates_and_members_remark(client, followup):
    client.force_login(officer())
    item = followup.agenda_items.first()
    url = f"/bg/council/meetings/{followup.pk}/minutes/"
    client.post(url, {f"item_{item.pk}": "Протоколът беше одобрен единодушно.", "action": "circulate"})

    minutes = Minutes.objects.get(meeting=followup)
    assert minutes.status == Minutes.Status.CIRCULATED
    voter = member()
    client.force_login(voter)
    page = client.get(url)
    assert "Протоколът беше одобрен единодушно." in page.content.decode()
    client.post(url, {"action": "comment", "text": "Добавете кой предложи срока."})
    assert MinutesComment.objects.get(minutes=minutes).membership.user == voter
    assert client.post(url, {f"item_{item.pk}": "Подменено", "action": "save"}).status_code == 403


def test_approved_minutes_are_frozen(client, held):
    minutes = Minutes.objects.get(meeting=held)
    assert minutes.is_frozen and minutes.approved_by.decision_number
    before = list(minutes.entries.values_list("discussion", flat=True))
    client.force_login(officer())

    item = held.agenda_items.first()
    response = client.post(
        f"/bg/council/meetings/{held.pk}/minutes/", {f"item_{item.pk}": "Нов текст", "action": "save"}
    )

    assert response.status_code == 403
    assert list(minutes.entries.values_list("discussion", flat=True)) == before
    with pytest.raises(MinutesFrozen):
        minutes.approve(minutes.approved_by)


def test_minutes_need_a_decision_of_a_later_meeting(held, followup):
    draft = Minutes.objects.create(meeting=followup)
    earlier_decision = Motion.objects.filter(meeting=held, decision_number__isnull=False).first()

    with pytest.raises(MinutesFrozen):
        draft.approve(earlier_decision)


@pytest.mark.parametrize(("code", "expected"), [("bg", "Работно време на Бюрото"), ("ar", "النصاب")])
def test_the_minutes_pdf_in_bulgarian_and_arabic(client, held, code, expected):
    client.force_login(member())

    response = client.get(f"/{code}/council/meetings/{held.pk}/minutes.pdf")

    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert expected in text
    decision = Motion.objects.filter(meeting=held, method=Motion.Method.SECRET).get().decision_number
    assert decision in text
    assert reader.trailer["/Root"]["/Lang"] == code


# Decisions, public decisions, audit log ---------------------------------------------------------

from council.models import AuditEntry  # noqa: E402


def test_members_read_the_register_of_decisions(client, held):
    client.force_login(member())

    page = BeautifulSoup(client.get("/bg/council/decisions/").content, "html.parser")

    numbers = [row.td.get_text(strip=True) for row in page.select(".decision-table tbody tr")]
    assert numbers == list(
        Motion.objects.exclude(decision_number=None)
        .order_by("meeting__starts_at", "pk")
        .values_list("decision_number", flat=True)
    )
    assert client.get("/ar/council/decisions.pdf")["Content-Type"] == "application/pdf"


def test_only_public_decisions_are_public(client):
    public = Motion.objects.filter(is_public=True).exclude(decision_number=None)
    private = Motion.objects.filter(is_public=False).exclude(decision_number=None)
    assert public.exists() and private.exists()

    text = client.get("/fa/decisions/").content.decode()

    assert all(motion.text in text for motion in public)
    assert not any(motion.text in text for motion in private)
    assert client.get("/bg/council/decisions/").status_code == 302


def test_officers_make_a_decision_public_and_it_is_logged(client):
    decision = Motion.objects.filter(is_public=False).exclude(decision_number=None).first()
    client.force_login(officer())

    client.post(f"/bg/council/motions/{decision.pk}/public/")

    decision.refresh_from_db()
    assert decision.is_public
    entry = AuditEntry.objects.first()
    assert decision.decision_number in entry.action and entry.actor == officer()
    assert decision.decision_number in client.get("/bg/council/audit/").content.decode()


def test_members_cannot_publish_decisions_or_read_the_audit_log(client):
    decision = Motion.objects.filter(is_public=False).exclude(decision_number=None).first()
    client.force_login(member())

    assert client.post(f"/bg/council/motions/{decision.pk}/public/").status_code == 403
    assert client.get("/bg/council/audit/").status_code == 403
    decision.refresh_from_db()
    assert not decision.is_public


def test_every_change_to_a_meeting_is_in_the_audit_log(client, followup):
    client.force_login(officer())
    client.post(f"/bg/council/meetings/{followup.pk}/", attendance_data(followup, "present"))
    client.post(
        f"/bg/council/meetings/{followup.pk}/motions/",
        {"text": "Ново предложение", "method": "named", "majority": "simple"},
    )
    motion = Motion.objects.get(text="Ново предложение")
    client.post(f"/bg/council/motions/{motion.pk}/open/")
    client.post(f"/bg/council/motions/{motion.pk}/close/")

    actions = list(AuditEntry.objects.filter(meeting=followup).values_list("action", flat=True))
    assert len(actions) == 4


@pytest.mark.parametrize("code", ["bg", "ar"])
def test_the_result_sheet_of_a_named_vote_lists_each_member(client, held, code):
    motion = Motion.objects.get(meeting=held, method=Motion.Method.NAMED)
    client.force_login(member())

    response = client.get(f"/{code}/council/motions/{motion.pk}/result.pdf")

    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert motion.decision_number in text
    assert all(vote.membership.user.display_name in text for vote in motion.named_votes.all())


def test_a_secret_result_sheet_names_no_one_and_outsiders_get_none(client, held):
    motion = Motion.objects.get(meeting=held, method=Motion.Method.SECRET)
    client.force_login(member())
    text = " ".join(
        page.extract_text()
        for page in PdfReader(
            io.BytesIO(client.get(f"/bg/council/motions/{motion.pk}/result.pdf").content)
        ).pages
    )
    assert "Член на съвета" not in text

    client.force_login(UserFactory())
    assert client.get(f"/bg/council/motions/{motion.pk}/result.pdf").status_code == 403


def test_members_are_invited_in_their_language_with_a_calendar_file(client):
    from django.core import mail

    planned = Meeting.objects.get(status="planned")
    arabic = member()
    arabic.preferred_language = "ar"
    arabic.save()
    client.force_login(officer())

    client.post(f"/bg/council/meetings/{planned.pk}/invite/")

    members = Membership.objects.current(timezone.localdate(planned.starts_at)).count()
    assert len(mail.outbox) == members
    message = next(m for m in mail.outbox if m.to == [arabic.email])
    assert "دعوة" in message.subject
    assert planned.agenda_items.first().title in message.body
    name, content, mimetype = message.attachments[0]
    assert mimetype == "text/calendar" and name.endswith(".ics")
    assert "BEGIN:VEVENT" in content and f"UID:council-meeting-{planned.pk}@otvoren-grad" in content
    assert "DTSTART:" + planned.starts_at.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ") in content


def test_members_cannot_send_invitations(client):
    from django.core import mail

    planned = Meeting.objects.get(status="planned")
    client.force_login(member())

    assert client.post(f"/bg/council/meetings/{planned.pk}/invite/").status_code == 403
    assert mail.outbox == []


# Documents -------------------------------------------------------------------------------------

from django.core.exceptions import ValidationError  # noqa: E402
from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402

from cms.uploads import validate_document  # noqa: E402
from council.models import MeetingDocument  # noqa: E402


def test_documents_are_for_members_only(client, settings):
    planned = Meeting.objects.get(status="planned")
    document = MeetingDocument.objects.create(
        meeting=planned,
        agenda_item=planned.agenda_items.first(),
        title="Проектопрограма",
        file=SimpleUploadedFile("programa.pdf", b"%PDF-1.7 demo", content_type="application/pdf"),
    )
    assert not document.file.path.startswith(str(settings.MEDIA_ROOT))  # so no public URL serves it

    client.force_login(member())
    page = client.get(f"/bg/council/meetings/{planned.pk}/").content.decode()
    assert f"/bg/council/documents/{document.pk}/" in page
    response = client.get(f"/bg/council/documents/{document.pk}/")
    assert b"".join(response.streaming_content) == b"%PDF-1.7 demo"

    client.force_login(UserFactory())
    assert client.get(f"/bg/council/documents/{document.pk}/").status_code == 403
    client.logout()
    assert client.get(f"/bg/council/documents/{document.pk}/").status_code == 302
    document.file.delete()


def test_each_document_is_listed_once_under_its_agenda_item_or_the_meeting(client):
    planned = Meeting.objects.get(status="planned")
    for title, item in [("Към точка 1", planned.agenda_items.first()), ("Общ", None)]:
        MeetingDocument.objects.create(
            meeting=planned, agenda_item=item, title=title, file=SimpleUploadedFile("d.pdf", b"%PDF-1.7")
        )
    client.force_login(member())

    page = client.get(f"/bg/council/meetings/{planned.pk}/").content.decode()

    assert page.count("Към точка 1") == 1 and page.count("Общ<") == 1


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("virus.exe", b"MZ\x90\x00"),
        ("fake.pdf", b"<html>not a pdf</html>"),
        ("big.pdf", b"%PDF" + b"0" * (10 * 1024 * 1024)),
    ],
)
def test_only_real_documents_of_the_allowed_kinds_and_size(name, content):
    with pytest.raises(ValidationError):
        validate_document(SimpleUploadedFile(name, content))


def test_allowed_documents_pass_the_check():
    for name, content in [
        ("a.pdf", b"%PDF-1.4"),
        ("b.odt", b"PK\x03\x04rest"),
        ("c.png", b"\x89PNG\r\n\x1a\nrest"),
    ]:
        validate_document(SimpleUploadedFile(name, content))


def test_the_secretary_schedules_a_meeting_with_its_agenda_in_the_council_area(client):
    client.force_login(officer())
    data = {
        "title": "Юнско заседание",
        "starts_at": "2027-06-10T17:00",
        "place": "Бюрото",
        "online_link": "",
        "status": "planned",
        "agenda-TOTAL_FORMS": "2",
        "agenda-INITIAL_FORMS": "0",
        "agenda-MIN_NUM_FORMS": "0",
        "agenda-MAX_NUM_FORMS": "1000",
        "agenda-0-ORDER": "2",
        "agenda-0-title": "Фестивал",
        "agenda-0-description": "",
        "agenda-1-ORDER": "1",
        "agenda-1-title": "Откриване",
        "agenda-1-description": "",
    }

    response = client.post("/bg/council/meetings/new/", data)

    meeting = Meeting.objects.get(title="Юнско заседание")
    assert response["Location"] == f"/bg/council/meetings/{meeting.pk}/"
    assert list(meeting.agenda_items.values_list("title", flat=True)) == ["Откриване", "Фестивал"]
    assert AuditEntry.objects.filter(meeting=meeting).exists()


def test_the_secretary_uploads_a_document_and_a_wrong_file_is_refused(client):
    planned = Meeting.objects.get(status="planned")
    client.force_login(officer())

    client.post(
        f"/bg/council/meetings/{planned.pk}/documents/",
        {"title": "Програма", "file": SimpleUploadedFile("p.pdf", b"%PDF-1.7 x")},
    )
    client.post(
        f"/bg/council/meetings/{planned.pk}/documents/",
        {"title": "Вирус", "file": SimpleUploadedFile("v.pdf", b"MZ not a pdf")},
    )

    titles = list(planned.documents.values_list("title", flat=True))
    assert titles == ["Програма"]
    planned.documents.get().file.delete()


def test_members_cannot_schedule_meetings_or_upload(client):
    planned = Meeting.objects.get(status="planned")
    client.force_login(member())

    assert client.get("/bg/council/meetings/new/").status_code == 403
    assert client.get(f"/bg/council/meetings/{planned.pk}/edit/").status_code == 403
    response = client.post(
        f"/bg/council/meetings/{planned.pk}/documents/",
        {"title": "x", "file": SimpleUploadedFile("p.pdf", b"%PDF")},
    )
    assert response.status_code == 403 and not planned.documents.exists()
