"""The council's open data, OParl 1.1 at /oparl/v1/system (issue #19): every object valid against
the OParl schemas and found at its id, lists in pages with OParl's filters, objects that left the
open data answered as deleted, and nothing the council did not make public: no closed item, no
private decision, no draft minutes, no member who did not agree to be named."""

import functools
import io
import json
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tasks import default_task_backend
from jsonschema import Draft7Validator
from pypdf import PdfReader
from referencing import Registry, Resource

from council.models import AgendaItem, Meeting, Membership, Minutes, Motion
from tests.council.helpers import officer
from tests.factories import PASSWORD, AgendaItemFactory, MeetingFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

SCHEMAS = Path(__file__).parent / "oparl_schema"
OPARL = "http://localhost/oparl/v1/"
TYPE = "https://schema.oparl.org/1.1/"


@functools.cache
def registry():
    """The schemas under their `$id`s (https://schema.oparl.org/1.1/Meeting) and under the names
    their `$ref`s give ("File.json", resolved against the `$id`): both are the local copies."""
    resources = []
    for path in SCHEMAS.glob("*.json"):
        resource = Resource.from_contents(json.loads(path.read_text("utf-8")))
        resources += [(resource.id(), resource), (f"{resource.id()}.json", resource)]
    return Registry().with_resources(resources)


def validate(data):
    schema = registry().contents(data["type"])
    validator = Draft7Validator(schema, registry=registry(), format_checker=Draft7Validator.FORMAT_CHECKER)
    errors = [f"{list(error.absolute_path)}: {error.message}" for error in validator.iter_errors(data)]
    assert not errors, (data["id"], errors)


def local(url):
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


def objects_in(value):
    """An object and the objects embedded in it, at any depth."""
    if isinstance(value, dict):
        if str(value.get("type", "")).startswith(TYPE):
            yield value
        for inner in value.values():
            yield from objects_in(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from objects_in(inner)


def addresses_in(value):
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, list):
        for inner in value:
            yield from addresses_in(inner)
    elif isinstance(value, str) and value.startswith(OPARL):
        yield value


def crawl(client):
    """Everything an OParl client finds from the System: every address under /oparl/v1/ in the
    answers followed (lists through all their pages), every object validated. Returns the objects
    by id, the PDFs' texts by address and the JSON answers' texts."""
    objects, pdfs, answers = {}, {}, []
    queue, visited = [f"{OPARL}system"], set()
    while queue:
        url = queue.pop()
        if url in visited:
            continue
        visited.add(url)
        response = client.get(local(url))
        assert response.status_code == 200, url
        assert response["Access-Control-Allow-Origin"] == "*", url
        if response["Content-Type"] == "application/pdf":
            pdfs[url] = " ".join(
                page.extract_text() for page in PdfReader(io.BytesIO(response.getvalue())).pages
            )
            continue
        assert response["Content-Type"] == "application/json", url
        answers.append(response.content.decode())
        data = response.json()
        for found in objects_in(data["data"] if "pagination" in data else data):
            validate(found)
            objects.setdefault(found["id"], found)
        queue += [address for address in addresses_in(data) if address not in visited]
    return objects, pdfs, answers


def get(client, address, **params):
    response = client.get(local(address), params)
    assert response["Content-Type"] == "application/json"
    return response


def whole_list(client, address, **params):
    items, page = [], get(client, address, **params).json()
    items += page["data"]
    while "next" in page["links"]:
        page = get(client, page["links"]["next"]).json()
        items += page["data"]
    return items


@pytest.fixture
def small_pages(settings):
    settings.OPARL_PAGE_SIZE = 2


def held():
    return Meeting.objects.get(minutes__status=Minutes.Status.APPROVED)


def not_named():
    """The demo's members who did not agree to be named: every one but the chair and member 1."""
    return [m.user for m in Membership.objects.filter(named_publicly=False).select_related("user")]


# The crawler ----------------------------------------------------------------------------------


def test_an_oparl_client_finds_every_public_object_valid_and_at_its_id(client, small_pages):
    objects, pdfs, _answers = crawl(client)

    assert {data["type"].removeprefix(TYPE) for data in objects.values()} == {
        "System",
        "Body",
        "Organization",
        "LegislativeTerm",
        "Meeting",
        "AgendaItem",
        "Location",
        "File",
        "Paper",
        "Person",
        "Membership",
    }
    for address, data in objects.items():
        assert get(client, address).json() == data, address  # embedded or not, the same object
    assert len(pdfs) == 1  # the approved minutes of the public held meeting
    meetings = [data for data in objects.values() if data["type"] == f"{TYPE}Meeting"]
    assert sorted(data["name"] for data in meetings) == sorted(m.title for m in Meeting.objects.public())
    protocol = next(data["resultsProtocol"] for data in meetings if "resultsProtocol" in data)
    assert protocol["accessUrl"] in pdfs


def test_the_system_leads_to_sofia_and_its_council(client):
    system = get(client, f"{OPARL}system").json()
    assert system["oparlVersion"] == "https://schema.oparl.org/1.1/" and system["id"] == f"{OPARL}system"
    body = get(client, system["body"]).json()["data"][0]
    organization = get(client, body["organization"]).json()["data"][0]
    voting = Membership.objects.current().voting().count()

    MembershipFactory(role=Membership.Role.OBSERVER)  # observers sit but do not vote

    council = get(client, organization["id"]).json()
    assert council["votingMemberCount"] == voting == 9
    assert council["memberCount"] == voting + 1
    assert council["classification"] and council["body"] == body["id"]
    assert (
        body["legislativeTerm"][0]["startDate"]
        == min(m.starts_on for m in Membership.objects.all()).isoformat()
    )


def test_a_meetings_agenda_items_carry_the_public_decisions_with_their_counts(client):
    meeting = get(client, f"{OPARL}meeting/{held().pk}").json()
    items = meeting["agendaItem"]

    assert [item["number"] for item in items] == ["1", "2", "3"]
    assert all(item["public"] for item in items)
    hours = items[2]
    public = Motion.objects.public_decisions().get(agenda_item_id=hours["id"].rsplit("/", 1)[1])
    assert public.decision_number in hours["result"]
    assert "5" in hours["resolutionText"] and "2" in hours["resolutionText"]
    assert public.text in hours["resolutionText"]
    # The named vote on the plan passed too, but its decision is not public.
    assert "result" not in items[1] and "resolutionText" not in items[1]
    assert meeting["meetingState"] and meeting["cancelled"] is False
    assert meeting["location"]["description"] == held().place


# What stays out --------------------------------------------------------------------------------


def test_a_member_who_did_not_agree_to_be_named_appears_nowhere(client):
    held_meeting = held()
    stranger = UserFactory(display_name="Nasrin Unnamed")
    membership = MembershipFactory(
        user=stranger, starts_on=timezone.localdate(held_meeting.starts_at) - timedelta(1)
    )
    snapshot = held_meeting.minutes.attendance
    snapshot["people"].append(
        {
            "membership": membership.pk,
            "name": stranger.display_name,
            "role": "member",
            "status": "present",
            "mode": "online",
        }
    )
    Minutes.objects.filter(pk=held_meeting.minutes.pk).update(attendance=snapshot)

    objects, pdfs, answers = crawl(client)

    text = " ".join(answers)
    (minutes,) = pdfs.values()
    for user in [*not_named(), stranger]:
        assert user.display_name not in text and user.display_name not in minutes, user
        assert user.email not in text
    assert "@" not in text  # no email address at all
    for user in [m.user for m in Membership.objects.named_publicly()]:
        assert user.display_name in text and user.display_name in minutes
    people = [data for data in objects.values() if data["type"] == f"{TYPE}Person"]
    assert sorted(data["name"] for data in people) == sorted(
        m.user.display_name for m in Membership.objects.named_publicly()
    )


def test_the_public_minutes_leave_out_closed_items_and_private_decisions(client, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    default_task_backend.clear()
    meeting = held()
    plan, hours = list(meeting.agenda_items.all())[1:]
    private = Motion.objects.get(agenda_item=plan)
    AgendaItem.objects.filter(pk=hours.pk).update(is_public=False)  # closed after all
    address = f"/oparl/v1/meeting/{meeting.pk}/results-protocol.pdf"

    assert client.get(address).status_code == 202  # the worker makes it first
    for queued in default_task_backend.results:
        queued.task.call(*queued.args, **queued.kwargs)
    response = client.get(address)

    assert response.status_code == 200 and response["Access-Control-Allow-Origin"] == "*"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.getvalue())).pages)
    assert plan.title in text
    assert hours.title not in text and private.text[:30] not in text
    assert "Председател на съвета" in text and "Член на съвета 1" in text
    assert not any(f"Член на съвета {n}" in text for n in range(2, 8)) and "Секретар на съвета" not in text


def test_what_is_not_public_is_not_found(client):
    followup = Meeting.objects.exclude(is_public=True).get(status="held")  # the extraordinary meeting
    approval = followup.motions.get()
    closed = AgendaItemFactory(meeting=held(), is_public=False)

    for address in [
        f"meeting/{followup.pk}",
        f"meeting/{followup.pk}/location",
        f"agenda-item/{followup.agenda_items.first().pk}",
        f"agenda-item/{closed.pk}",
        f"paper/{approval.pk}",
        f"membership/{Membership.objects.get(role='secretary').pk}",
        f"person/{Membership.objects.get(role='secretary').user_id}",
        "no/such/address",
    ]:
        response = get(client, f"{OPARL}{address}")
        assert response.status_code == 404, address
        assert response["Access-Control-Allow-Origin"] == "*"
    meetings = {data["id"] for data in whole_list(client, f"{OPARL}body/sofia/meetings")}
    assert f"{OPARL}meeting/{followup.pk}" not in meetings
    items = {data["id"] for data in whole_list(client, f"{OPARL}body/sofia/agenda-items")}
    items |= {data["id"] for data in get(client, f"{OPARL}meeting/{held().pk}").json()["agendaItem"]}
    assert f"{OPARL}agenda-item/{closed.pk}" not in items
    papers = {data["id"] for data in whole_list(client, f"{OPARL}body/sofia/papers")}
    assert papers == {f"{OPARL}paper/{motion.pk}" for motion in Motion.objects.public_decisions()}


def test_draft_and_circulated_minutes_are_never_published(client):
    meeting = MeetingFactory(is_public=True)
    minutes = Minutes.objects.create(meeting=meeting, status=Minutes.Status.CIRCULATED)

    for status in (Minutes.Status.CIRCULATED, Minutes.Status.DRAFT):
        Minutes.objects.filter(pk=minutes.pk).update(status=status)
        assert "resultsProtocol" not in get(client, f"{OPARL}meeting/{meeting.pk}").json()
        assert get(client, f"{OPARL}meeting/{meeting.pk}/results-protocol").status_code == 404
        assert client.get(f"/oparl/v1/meeting/{meeting.pk}/results-protocol.pdf").status_code == 404
        files = whole_list(client, f"{OPARL}body/sofia/files")
        assert f"{OPARL}meeting/{meeting.pk}/results-protocol" not in {data["id"] for data in files}


# HTTP --------------------------------------------------------------------------------------------


def test_any_origin_reads_it_without_cookies_and_nobody_writes(client):
    for address in ["system", "body/sofia/meetings", f"meeting/{held().pk}", "meeting/0"]:
        response = client.get(f"/oparl/v1/{address}")
        assert response["Access-Control-Allow-Origin"] == "*"
        assert response["Content-Type"] == "application/json"
        assert not response.cookies and "Cookie" not in response.get("Vary", "")
        assert client.head(f"/oparl/v1/{address}").status_code == response.status_code
    for method in (client.post, client.put, client.delete):
        refused = method("/oparl/v1/system")
        assert refused.status_code == 405 and refused["Allow"] == "GET, HEAD"
        assert refused["Access-Control-Allow-Origin"] == "*" and "error" in refused.json()


def test_lists_come_in_pages_with_links(client, small_pages):
    first = get(client, f"{OPARL}body/sofia/agenda-items").json()

    total = AgendaItem.objects.public().count()
    assert first["pagination"] == {
        "totalElements": total,
        "elementsPerPage": 2,
        "currentPage": 1,
        "totalPages": (total + 1) // 2,
    }
    assert "prev" not in first["links"] and first["links"]["next"].endswith("page=2")
    assert len(whole_list(client, first["links"]["first"])) == total
    last = get(client, first["links"]["last"]).json()
    assert "next" not in last["links"] and last["links"]["prev"]
    assert get(client, f"{OPARL}body/sofia/agenda-items", page="99").status_code == 404
    assert get(client, f"{OPARL}body/sofia/agenda-items", page="two").status_code == 400


@pytest.mark.parametrize(
    "address",
    ["meetings", "agenda-items", "papers", "files", "locations", "memberships", "people", "organizations"],
)
def test_lists_filter_by_their_times(client, small_pages, address):
    url = f"{OPARL}body/sofia/{address}"
    everything = whole_list(client, url)
    past, future = (timezone.localtime() + timedelta(days=days) for days in (-1, 1))

    assert everything
    assert whole_list(client, url, created_since=past.isoformat()) == everything
    assert whole_list(client, url, modified_until=future.isoformat()) == everything
    assert whole_list(client, url, created_since=future.isoformat()) == []
    assert whole_list(client, url, modified_until=past.isoformat()) == []
    assert whole_list(client, url, modified_since=past.replace(tzinfo=None).isoformat()) == everything
    typed = client.get(f"{url}?created_since={past.isoformat()}")  # the "+" of the offset, unencoded
    assert typed.status_code == 200 and typed.json()["pagination"]["totalElements"] == len(everything)
    page = get(client, url, created_since=past.isoformat()).json()
    assert page["links"]["first"].startswith(url) and "created_since=" in page["links"]["first"]
    for name in ("created_since", "created_until", "modified_since", "modified_until"):
        bad = get(client, url, **{name: "last tuesday"})
        assert bad.status_code == 400 and name in bad.json()["error"]


def test_a_list_page_takes_the_same_number_of_queries_however_long(client, django_assert_max_num_queries):
    addresses = ["meetings", "agenda-items", "papers", "files", "memberships", "people", "locations"]

    def queries(address):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"/oparl/v1/body/sofia/{address}").status_code == 200
        return len(captured)

    before = {address: queries(address) for address in addresses}
    for n in range(8):
        meeting = MeetingFactory(is_public=True, place=f"Room {n}")
        for position in range(3):
            item = AgendaItemFactory(meeting=meeting, sort_order=position)
            Motion.objects.create(
                meeting=meeting,
                agenda_item=item,
                text=f"Decision {n}.{position}",
                decision_number=f"Т-{n}-{position}",
                is_public=True,
                closed_at=timezone.now(),
                passed=True,
                votes_for=5,
                votes_against=1,
                votes_abstain=0,
                votes_cast=6,
                voting_members=9,
                present=7,
                quorum_required=5,
            )
        Minutes.objects.create(meeting=meeting, status=Minutes.Status.APPROVED)
        membership = MembershipFactory(named_publicly=True)
        meeting.attendances.create(membership=membership, status="present")
    for address in addresses:
        with django_assert_max_num_queries(before[address]):
            assert client.get(f"/oparl/v1/body/sofia/{address}").status_code == 200


# Leaving the open data -------------------------------------------------------------------------


def deleted(client, address, list_address):
    data = get(client, address).json()
    validate(data)
    listed = [item for item in whole_list(client, list_address) if item["id"] == address]
    return data.get("deleted") is True and listed == [data]


def test_what_leaves_the_open_data_is_answered_as_deleted(client):
    meeting = held()
    item = meeting.agenda_items.first()
    secretary = officer()
    client.force_login(secretary)
    decision = Motion.objects.public_decisions().get()
    membership = Membership.objects.named_publicly().get(role="member")
    before = timezone.now()

    client.post(f"/en/council/motions/{decision.pk}/public/")  # the officers make it private
    closed = AgendaItem.objects.get(pk=item.pk)  # an officer closes it in the admin
    closed.is_public = False
    closed.save()
    client.force_login(membership.user)
    client.post(f"/en/council/memberships/{membership.pk}/consent/", {})  # withdraws
    client.logout()

    assert deleted(client, f"{OPARL}paper/{decision.pk}", f"{OPARL}body/sofia/papers")
    assert deleted(client, f"{OPARL}agenda-item/{item.pk}", f"{OPARL}body/sofia/agenda-items")
    assert deleted(client, f"{OPARL}membership/{membership.pk}", f"{OPARL}body/sofia/memberships")
    assert deleted(client, f"{OPARL}person/{membership.user_id}", f"{OPARL}body/sofia/people")
    assert membership.user.display_name not in json.dumps(
        get(client, f"{OPARL}meeting/{meeting.pk}").json(), ensure_ascii=False
    )
    since = get(client, f"{OPARL}body/sofia/people", modified_since=timezone.now().isoformat()).json()
    assert since["data"] == []  # deleted before that moment
    changed = whole_list(client, f"{OPARL}body/sofia/meetings", modified_since=before.isoformat())
    assert [data["id"] for data in changed] == [f"{OPARL}meeting/{meeting.pk}"]  # its decision left


def test_a_meeting_made_private_takes_its_items_place_and_minutes_with_it(client):
    meeting = held()
    items = list(meeting.agenda_items.all())
    client.force_login(officer())

    response = client.post(f"/en/council/meetings/{meeting.pk}/edit/", meeting_form(meeting, is_public=False))

    assert response.status_code == 302  # frozen, yet whether it is public can still change
    assert deleted(client, f"{OPARL}meeting/{meeting.pk}", f"{OPARL}body/sofia/meetings")
    assert deleted(client, f"{OPARL}meeting/{meeting.pk}/location", f"{OPARL}body/sofia/locations")
    assert deleted(client, f"{OPARL}meeting/{meeting.pk}/results-protocol", f"{OPARL}body/sofia/files")
    for item in items:
        assert deleted(client, f"{OPARL}agenda-item/{item.pk}", f"{OPARL}body/sofia/agenda-items")
    assert client.get(f"/oparl/v1/meeting/{meeting.pk}/results-protocol.pdf").status_code == 404

    client.post(f"/en/council/meetings/{meeting.pk}/edit/", meeting_form(meeting, is_public=True))

    again = get(client, f"{OPARL}meeting/{meeting.pk}").json()
    assert "deleted" not in again and len(again["agendaItem"]) == len(items)
    assert all("deleted" not in data for data in whole_list(client, f"{OPARL}body/sofia/agenda-items"))


def test_a_member_who_erases_their_account_leaves_the_open_data(client):
    membership = Membership.objects.named_publicly().get(role="member")
    membership.user.set_password(PASSWORD)
    membership.user.save()
    client.force_login(membership.user)

    client.post("/en/accounts/my-data/", {"password": PASSWORD})

    client.logout()
    assert deleted(client, f"{OPARL}person/{membership.user_id}", f"{OPARL}body/sofia/people")
    assert deleted(client, f"{OPARL}membership/{membership.pk}", f"{OPARL}body/sofia/memberships")


def test_a_deleted_public_agenda_item_is_answered_as_deleted(client):
    meeting = Meeting.objects.public().get(status="planned")
    item = meeting.agenda_items.last()
    address = f"{OPARL}agenda-item/{item.pk}"

    item.delete()

    assert deleted(client, address, f"{OPARL}body/sofia/agenda-items")


# The officers' and the members' forms --------------------------------------------------------------


def meeting_form(meeting, **changes):
    items = list(meeting.agenda_items.all())
    data = {
        "title": meeting.title,
        "starts_at": timezone.localtime(meeting.starts_at).strftime("%Y-%m-%dT%H:%M"),
        "place": meeting.place,
        "online_link": meeting.online_link,
        "status": meeting.status,
        "agenda-TOTAL_FORMS": len(items),
        "agenda-INITIAL_FORMS": len(items),
        "agenda-MIN_NUM_FORMS": 0,
        "agenda-MAX_NUM_FORMS": 1000,
    }
    if meeting.is_public:
        data["is_public"] = "on"
    for index, item in enumerate(items):
        data |= {
            f"agenda-{index}-id": item.pk,
            f"agenda-{index}-title": item.title,
            f"agenda-{index}-description": item.description,
            f"agenda-{index}-ORDER": index + 1,
        }
        if item.is_public:
            data[f"agenda-{index}-is_public"] = "on"
    for name, value in changes.items():
        if value is False:
            data.pop(name, None)
        elif value is True:
            data[name] = "on"
        else:
            data[name] = value
    return data


def test_officers_choose_in_the_meeting_form_what_is_public(client):
    meeting = MeetingFactory(status="planned", starts_at=timezone.now() + timedelta(days=3))
    first, second = AgendaItemFactory(meeting=meeting), AgendaItemFactory(meeting=meeting)
    client.force_login(officer())
    assert "is_public" in client.get(f"/en/council/meetings/{meeting.pk}/edit/").content.decode()

    client.post(
        f"/en/council/meetings/{meeting.pk}/edit/",
        meeting_form(meeting, is_public=True, **{"agenda-1-is_public": False}),
    )

    assert Meeting.objects.public().filter(pk=meeting.pk).exists()
    assert list(AgendaItem.objects.public().filter(meeting=meeting)) == [first]
    published = get(client, f"{OPARL}meeting/{meeting.pk}").json()
    assert [item["name"] for item in published["agendaItem"]] == [first.title]
    assert second.title not in json.dumps(published, ensure_ascii=False)


def test_a_frozen_meetings_record_still_cannot_change_with_its_publication(client):
    meeting = held()
    client.force_login(officer())

    response = client.post(
        f"/en/council/meetings/{meeting.pk}/edit/", meeting_form(meeting, is_public=False, title="Renamed")
    )

    assert response.status_code == 200
    meeting.refresh_from_db()
    assert meeting.is_public and meeting.title != "Renamed"


def test_a_member_alone_chooses_to_be_named_on_their_council_page(client):
    membership = Membership.objects.get(user__email="member2@example.org")
    address = f"/en/council/memberships/{membership.pk}/consent/"
    client.force_login(membership.user)

    page = client.get("/en/council/").content.decode()
    assert f'action="{address}"' in page and 'name="named_publicly"' in page
    opened = client.get(address)  # the form's address takes its submission only: opened, it leads back
    assert (opened.status_code, opened["Location"]) == (302, "/en/council/#consent")
    membership.refresh_from_db()
    assert not membership.named_publicly
    client.post(address, {"named_publicly": "on"})

    membership.refresh_from_db()
    assert membership.named_publicly
    person = get(client, f"{OPARL}person/{membership.user_id}").json()
    assert person["name"] == membership.user.display_name and "@" not in json.dumps(person)

    other = Membership.objects.get(user__email="member3@example.org")
    assert (
        client.post(f"/en/council/memberships/{other.pk}/consent/", {"named_publicly": "on"}).status_code
        == 404
    )
    client.force_login(officer())  # officers see who agreed, and cannot choose for them
    assert (
        client.post(f"/en/council/memberships/{other.pk}/consent/", {"named_publicly": "on"}).status_code
        == 404
    )
    assert not Membership.objects.get(pk=other.pk).named_publicly
    client.force_login(UserFactory())
    assert client.post(address, {}).status_code == 404  # nobody finds another person's seat
    client.logout()
    assert client.post(address, {}).status_code == 302
    assert Membership.objects.get(pk=membership.pk).named_publicly


def test_a_former_member_withdraws_from_my_data_for_every_seat(client):
    membership = Membership.objects.get(user__email="member2@example.org")
    earlier = MembershipFactory(
        user=membership.user,
        starts_on=membership.starts_on - timedelta(days=800),
        ends_on=membership.starts_on - timedelta(days=400),
        named_publicly=True,
    )
    Membership.objects.filter(pk=membership.pk).update(
        named_publicly=True, ends_on=timezone.localdate() - timedelta(days=1)
    )
    client.force_login(membership.user)
    assert client.get("/en/council/").status_code == 403  # no longer a member

    page = BeautifulSoup(client.get("/en/accounts/my-data/").content, "html.parser")
    form = page.select_one("#council-consent form")
    response = client.post(form["action"], {})

    assert response.status_code == 302 and response["Location"].endswith("/accounts/my-data/#council-consent")
    assert not Membership.objects.filter(pk__in=[membership.pk, earlier.pk], named_publicly=True).exists()
    assert get(client, f"{OPARL}person/{membership.user_id}").json().get("deleted") is True
    assert not BeautifulSoup(client.get("/en/accounts/my-data/").content, "html.parser").select(
        "#council-consent"
    )


def test_officers_see_who_agreed_to_be_named(client):
    client.force_login(officer())
    officers_page = client.get("/en/council/").content.decode()
    client.force_login(Membership.objects.get(user__email="member2@example.org").user)
    members_page = client.get("/en/council/").content.decode()

    marker = "named in the council's public record"
    assert officers_page.count(marker) == Membership.objects.current().named_publicly().count() == 2
    assert marker not in members_page.split('id="consent"')[0]


def test_the_demo_publishes_a_held_and_a_planned_meeting():
    assert sorted(Meeting.objects.public().values_list("status", flat=True)) == ["held", "planned"]
    assert Membership.objects.named_publicly().count() == 2


def test_attendance_and_consent_move_a_meetings_modified_time(client):
    meeting = Meeting.objects.public().filter(attendances__isnull=False).first()
    url = f"{OPARL}meeting/{meeting.pk}"
    Meeting.objects.filter(pk=meeting.pk).update(modified_at=timezone.now() - timedelta(days=3))
    since = (timezone.localtime() - timedelta(days=1)).isoformat()
    address = get(client, url).json()["id"]
    before = whole_list(client, f"{OPARL}body/sofia/meetings", modified_since=since)
    assert address not in {m["id"] for m in before}

    named = Membership.objects.named_publicly().filter(attendances__meeting=meeting).first()
    Membership.objects.filter(pk=named.pk).name_publicly(False)

    changed = whole_list(client, f"{OPARL}body/sofia/meetings", modified_since=since)
    assert named is not None and address in {m["id"] for m in changed}
