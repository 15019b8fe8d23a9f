"""The council's texts in the readers' languages (issue #16, items 2 and 3): the secretariat enters
translations beside the Bulgarian, after the minutes are approved too; members, the public decisions
page and the PDFs read their language or the Bulgarian marked as such, each text isolated with its
own language and direction, joined strings included; officers see what is not yet translated."""

import re
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django.utils.translation import gettext

from cms.models import Translation
from cms.models.translations import save_translations
from council.models import AuditEntry, Meeting, Minutes, MinutesEntry, Motion
from council.pdf import MinutesPdf
from tests.council.helpers import a_meeting_of_its_own, a_passed_vote, member, officer
from tests.factories import AgendaItemFactory, MeetingFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

IN_ARABIC = {
    "title": "اجتماع حول السكن",
    "place": "قاعة البلدية",
    "item": "الاستشارات السكنية",
    "description": "الإيجارات في صوفيا.",
    "discussion": "ناقش الأعضاء الإيجارات.",
    "motion": "فتح شباك للسكن",
}
TRANSLATION_NOTE = "Translation: the original text is authoritative."
FALLBACK_NOTE = "Not yet translated into your language: this is the original in %(language)s."


def in_language(code, text, **values):
    with translation.override(code):
        return gettext(text) % values if values else gettext(text)


@pytest.fixture
def frozen(held):
    """A meeting of its own, its minutes approved (by a decision of the demo's held meeting), with
    an item, its description and discussion, and a public decision on it: nothing translated yet."""
    meeting = a_meeting_of_its_own("Мила", "Надя", "Омар")
    meeting.place = "Зала на общината"
    meeting.title = "Заседание за жилищата"
    meeting.save()
    item = AgendaItemFactory(meeting=meeting, title="Жилищни консултации", description="Наемите в София.")
    decision = a_passed_vote(
        meeting, Motion.Method.NAMED, agenda_item=item, text="Откриване на гише за жилища"
    )
    decision.is_public = True
    decision.save(update_fields=["is_public"])
    minutes = Minutes.objects.create(meeting=meeting, status=Minutes.Status.CIRCULATED)
    MinutesEntry.objects.create(minutes=minutes, agenda_item=item, discussion="Обсъдиха наемите.")
    minutes.approve(held.motions.exclude(decision_number=None).first())
    assert meeting.is_frozen
    return meeting


def arabic_data(meeting):
    """The translations page's fields for Arabic, as the secretary fills them in."""
    meeting = Meeting.objects.get(pk=meeting.pk)
    keys = {
        "title": f"meeting-{meeting.pk}-title",
        "place": f"meeting-{meeting.pk}-place",
        **{
            what: f"{model}-{obj.pk}-{field}"
            for what, model, obj, field in [
                ("item", "agendaitem", meeting.agenda_items.get(), "title"),
                ("description", "agendaitem", meeting.agenda_items.get(), "description"),
                (
                    "discussion",
                    "minutesentry",
                    MinutesEntry.objects.get(minutes__meeting=meeting),
                    "discussion",
                ),
                ("motion", "motion", meeting.motions.get(), "text"),
            ]
        },
    }
    return {f"{keys[what]}-ar": text for what, text in IN_ARABIC.items()}


def translate_into_arabic(client, meeting):
    client.force_login(officer())
    response = client.post(f"/bg/council/meetings/{meeting.pk}/translations/", arabic_data(meeting))
    assert response.status_code == 302
    client.logout()


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


def text_of(element):
    return re.sub(r"\s+", " ", element.get_text()).strip()


# The secretariat's page -------------------------------------------------------------------------


def test_the_secretary_translates_an_approved_meeting_and_it_is_audited(client, frozen):
    client.force_login(officer())
    form = page(client, f"/bg/council/meetings/{frozen.pk}/translations/").select_one("#translations-form")
    originals = [text_of(div) for div in form.select(".translation-original[lang=bg][dir=ltr]")]
    assert originals == [
        "Заседание за жилищата",
        "Зала на общината",
        "Жилищни консултации",
        "Наемите в София.",
        "Обсъдиха наемите.",
        "Откриване на гише за жилища",
    ]
    arabic = form.select('[name$="-ar"]')
    assert len(arabic) == 6 and all(field["lang"] == "ar" and field["dir"] == "rtl" for field in arabic)
    assert all(field["dir"] == "rtl" for field in form.select('[name$="-fa"]'))
    assert all(field["dir"] == "ltr" for field in form.select('[name$="-en"], [name$="-fr"]'))

    before = Translation.objects.count()
    response = client.post(f"/bg/council/meetings/{frozen.pk}/translations/", arabic_data(frozen))

    assert response.status_code == 302
    assert Translation.objects.count() - before == 6
    entry = AuditEntry.objects.filter(meeting=frozen).first()
    assert entry.actor == officer() and entry.action == in_language(
        "bg", "Translations saved: %(languages)s"
    ) % {"languages": in_language("bg", "Arabic")}
    # The approved record itself is untouched.
    assert Meeting.objects.get(pk=frozen.pk).title == "Заседание за жилищата"
    assert Motion.objects.get(meeting=frozen).text == "Откриване на гише за жилища"

    # Sent again unchanged: nothing is saved, nothing audited.
    client.post(f"/bg/council/meetings/{frozen.pk}/translations/", arabic_data(frozen))
    assert AuditEntry.objects.filter(meeting=frozen).count() == 1


def test_an_empty_field_removes_a_translation(client, frozen):
    translate_into_arabic(client, frozen)
    data = arabic_data(frozen)
    data[f"meeting-{frozen.pk}-title-ar"] = ""
    client.force_login(officer())

    client.post(f"/bg/council/meetings/{frozen.pk}/translations/", data)

    assert not Translation.objects.filter(object_id=frozen.pk, field="title", language="ar").exists()
    assert Translation.objects.filter(object_id=frozen.pk, field="place", language="ar").exists()


@pytest.mark.parametrize("method", ["get", "post"])
def test_only_officers_open_or_send_the_translations_page(client, frozen, method):
    url = f"/bg/council/meetings/{frozen.pk}/translations/"
    send = getattr(client, method)

    anonymous = send(url, arabic_data(frozen) if method == "post" else None)
    assert anonymous.status_code == 302 and "login" in anonymous["Location"]

    client.force_login(member())
    assert send(url, arabic_data(frozen) if method == "post" else None).status_code == 403

    client.force_login(MembershipFactory(role="observer").user)
    assert send(url, arabic_data(frozen) if method == "post" else None).status_code == 403
    assert not Translation.objects.filter(object_id=frozen.pk, language="ar").exists()
    assert not AuditEntry.objects.filter(meeting=frozen).exists()


# What readers see -------------------------------------------------------------------------------


def test_members_read_the_arabic_translation_marked_as_one(client, frozen):
    translate_into_arabic(client, frozen)
    client.force_login(member())

    meeting = page(client, f"/ar/council/meetings/{frozen.pk}/")
    assert text_of(meeting.h1) == IN_ARABIC["title"]
    assert IN_ARABIC["place"] in text_of(meeting.select_one(".event-facts"))
    heading = meeting.select_one(".motion h3")
    assert text_of(heading) == f"{IN_ARABIC['item']}: {IN_ARABIC['motion']}"
    assert [bdi.get("lang") for bdi in heading.select("bdi")] == [None, None]  # the page's language
    assert text_of(heading.find_next_sibling("p")) == in_language("ar", TRANSLATION_NOTE)
    description = meeting.select_one("ol .text-in-language")
    assert text_of(description) == IN_ARABIC["description"] and not description.get("lang")

    minutes = page(client, f"/ar/council/meetings/{frozen.pk}/minutes/")
    assert IN_ARABIC["title"] in text_of(minutes.h1)
    item = minutes.select_one(".minutes-item")
    assert IN_ARABIC["item"] in text_of(item.h3)
    assert text_of(item.select_one(".text-in-language")) == IN_ARABIC["discussion"]
    assert IN_ARABIC["motion"] in text_of(item.select_one(".decision"))
    assert text_of(item).count(in_language("ar", TRANSLATION_NOTE)) == 2


def test_a_farsi_member_reads_the_bulgarian_marked_as_the_original(client, frozen):
    translate_into_arabic(client, frozen)
    client.force_login(member())
    note = in_language("fa", FALLBACK_NOTE, language=in_language("fa", "Bulgarian"))

    meeting = page(client, f"/fa/council/meetings/{frozen.pk}/")
    title = meeting.h1.bdi
    assert (title["lang"], title["dir"], title.text) == ("bg", "ltr", "Заседание за жилищата")
    heading = meeting.select_one(".motion h3")
    assert [(bdi["lang"], bdi["dir"], bdi.text) for bdi in heading.select("bdi")] == [
        ("bg", "ltr", "Жилищни консултации"),
        ("bg", "ltr", "Откриване на гише за жилища"),
    ]
    description = meeting.select_one("ol .text-in-language")
    assert (description["lang"], description["dir"]) == ("bg", "ltr")
    assert text_of(description.find_next_sibling("p")) == note

    minutes = page(client, f"/fa/council/meetings/{frozen.pk}/minutes/")
    discussion = minutes.select_one(".minutes-item .text-in-language")
    assert (discussion["lang"], discussion["dir"], text_of(discussion)) == ("bg", "ltr", "Обсъдиха наемите.")
    assert text_of(discussion.find_next_sibling("p")) == note
    # "Decision Р-…: text": the number and the text each isolated, the text with its language.
    decision = minutes.select_one(".decision p")
    number, text = decision.select("bdi")
    assert number.text == frozen.motions.get().decision_number and not number.get("lang")
    assert (text["lang"], text["dir"], text.text) == ("bg", "ltr", "Откриване на гише за жилища")


@pytest.mark.parametrize(
    ("code", "expected", "lang", "notes"),
    [
        ("ar", IN_ARABIC["motion"], None, [in_language("ar", TRANSLATION_NOTE)]),
        (
            "fa",
            "Откриване на гише за жилища",
            "bg",
            [in_language("fa", FALLBACK_NOTE, language=in_language("fa", "Bulgarian"))],
        ),
        ("bg", "Откриване на гише за жилища", None, []),
    ],
)
def test_the_public_decisions_page_in_the_readers_language(client, frozen, code, expected, lang, notes):
    translate_into_arabic(client, frozen)
    number = frozen.motions.get().decision_number

    rows = page(client, f"/{code}/decisions/").select("tbody tr")

    row = next(row for row in rows if number in text_of(row))
    cell = row.select("td")[2]
    text = cell.select("bdi")[-1] if cell.select("bdi") else cell
    assert text.text == expected and text.get("lang") == lang
    if lang:
        assert text["dir"] == "ltr"
    assert [text_of(p) for p in cell.select(".translation-note")] == notes


def test_the_minutes_pdf_in_arabic_uses_the_translation_and_changes_with_it(client, frozen):
    document = MinutesPdf(frozen.pk, "ar")
    before = document.path()
    assert "Обсъдиха наемите." in document.html()

    translate_into_arabic(client, frozen)

    html = BeautifulSoup(document.html(), "html.parser")
    assert html.html["lang"] == "ar"
    assert IN_ARABIC["title"] in text_of(html.h1)
    assert text_of(html.select_one(".minutes-item .text-in-language")) == IN_ARABIC["discussion"]
    assert IN_ARABIC["motion"] in text_of(html.select_one(".decision"))
    assert document.path() != before  # a new state: the PDF is made again

    farsi = BeautifulSoup(MinutesPdf(frozen.pk, "fa").html(), "html.parser")
    discussion = farsi.select_one(".minutes-item .text-in-language")
    assert (discussion["lang"], discussion["dir"], text_of(discussion)) == ("bg", "ltr", "Обсъдиха наемите.")


# What officers see ------------------------------------------------------------------------------


def test_officers_see_what_is_not_yet_translated(client, frozen):
    client.force_login(officer())
    gaps = page(client, f"/en/council/meetings/{frozen.pk}/").select_one(".translation-gaps")
    assert text_of(gaps).startswith("Not yet translated: English (6), French (6), Arabic (6), Persian (6)")
    assert gaps.a["href"] == f"/en/council/meetings/{frozen.pk}/translations/"

    translate_into_arabic(client, frozen)
    client.force_login(officer())

    gaps = page(client, f"/en/council/meetings/{frozen.pk}/").select_one(".translation-gaps")
    assert text_of(gaps).startswith("Not yet translated: English (6), French (6), Persian (6) ·")
    listed = page(client, "/en/council/").select_one(f'a[href="/en/council/meetings/{frozen.pk}/"]')
    assert text_of(listed.find_parent("li").select_one(".translation-gaps")).startswith(
        "Not yet translated: English (6), French (6), Persian (6)"
    )

    client.force_login(member())
    assert not page(client, f"/en/council/meetings/{frozen.pk}/").select(".translation-gaps")
    assert not page(client, "/en/council/").select(".translation-gaps")


def test_the_demo_minutes_are_translated_into_arabic_and_farsi(client, held):
    client.force_login(member())
    minutes = page(client, f"/fa/council/meetings/{held.pk}/minutes/")
    assert "جلسهٔ شورای مشورتی پناهندگان" in text_of(minutes.h1)
    assert not minutes.select(".minutes-item .text-in-language[lang]")  # every discussion in Farsi
    public = page(client, "/ar/decisions/")
    assert "أن يعمل المكتب حتى الساعة 19:00 كل يوم أربعاء." in text_of(public.select_one("tbody"))

    client.force_login(officer())
    gaps = page(client, f"/en/council/meetings/{held.pk}/").select_one(".translation-gaps")
    assert text_of(gaps).startswith("Not yet translated: English (12), French (12) ·")


# Query counts -----------------------------------------------------------------------------------


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200, url
    return len(captured)


def test_the_pages_ask_the_same_number_of_queries_however_much_is_translated(client, frozen, held):
    translate_into_arabic(client, frozen)
    client.force_login(officer())
    urls = [
        f"/ar/council/meetings/{frozen.pk}/",
        f"/ar/council/meetings/{frozen.pk}/minutes/",
        f"/ar/council/meetings/{frozen.pk}/translations/",
        "/ar/council/",
        "/ar/council/decisions/",
        "/ar/decisions/",
    ]
    for url in urls:
        client.get(url)  # the site, the locale and the like, cached
    before = {url: queries(client, url) for url in urls}

    minutes = frozen.minutes
    for n in range(3):
        item = AgendaItemFactory(meeting=frozen, title=f"Точка {n}", description="Описание")
        MinutesEntry.objects.create(minutes=minutes, agenda_item=item, discussion=f"Обсъждане {n}")
        motion = Motion.objects.create(meeting=frozen, agenda_item=item, text=f"Предложение {n}")
        Motion.objects.filter(pk=motion.pk).update(
            closed_at=frozen.starts_at,
            decision_number=f"Р-1999-{n:02d}",
            is_public=True,
            passed=True,
            **dict.fromkeys(["votes_cast", "voting_members", "present", "votes_for"], 3),
            **dict.fromkeys(["quorum_required", "votes_against", "votes_abstain"], 0),
        )
        Meeting.objects.create(title=f"Заседание {n}", starts_at=frozen.starts_at)
    data = {}
    for text in Meeting.objects.get(pk=frozen.pk).translatable_texts():
        data[f"{text.key}-ar"] = f"ترجمة {text.key}"
        data[f"{text.key}-fa"] = f"ترجمه {text.key}"
    client.post(f"/bg/council/meetings/{frozen.pk}/translations/", data)

    for url in urls:
        assert queries(client, url) <= before[url], url


def test_the_public_calendar_in_arabic_carries_the_translated_title_and_place(client, held):
    unfolded = client.get("/ar/council/meetings.ics").content.decode().replace("\r\n ", "")

    assert "SUMMARY:اجتماع المجلس الاستشاري للاجئين" in unfolded
    assert "LOCATION:مكتب مواطني الدول الثالثة، سوق النساء (جينسكي بازار)" in unfolded
    assert "1. افتتاح الاجتماع واعتماد جدول الأعمال" in unfolded
    bulgarian = client.get("/bg/council/meetings.ics").content.decode().replace("\r\n ", "")
    assert "SUMMARY:Заседание на Бежанския консултативен съвет" in bulgarian


def test_a_farsi_member_is_invited_with_the_farsi_title_agenda_and_place(client, held):
    farsi = member(starts_on=timezone.localdate(held.starts_at) - timedelta(days=1))  # a seat that day
    farsi.preferred_language = "fa"
    farsi.save()
    client.force_login(officer())

    client.post(f"/bg/council/meetings/{held.pk}/invite/")

    message = next(m for m in mail.outbox if m.to == [farsi.email])
    assert "جلسهٔ شورای مشورتی پناهندگان" in message.body
    assert "دفتر اتباع کشورهای ثالث، بازار زنان (ژنسکی بازار)" in message.body
    assert "2. پیش\u200cنویس برنامهٔ اقدام محلی" in message.body
    calendar = message.attachments[0][1].replace("\r\n ", "")
    assert "SUMMARY:جلسهٔ شورای مشورتی پناهندگان" in calendar


def test_a_deleted_meeting_takes_its_translations_with_it(client):
    planned = MeetingFactory(starts_at=timezone.now() + timedelta(days=20))
    item = AgendaItemFactory(meeting=planned)
    save_translations(planned, "title", {"ar": "اجتماع"})
    save_translations(item, "title", {"fa": "بند"})
    superuser = UserFactory()
    superuser.is_superuser = True
    superuser.save()
    client.force_login(superuser)

    client.post(f"/admin/council_meetings/delete/{planned.pk}/")

    assert not Meeting.objects.filter(pk=planned.pk).exists()
    assert not Translation.objects.filter(text__in=["اجتماع", "بند"]).exists()
