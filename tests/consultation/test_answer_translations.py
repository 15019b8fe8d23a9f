"""The city's answers in several languages: staff add the translations beside the Bulgarian answer
(one by one, in bulk, after the report is published); readers get their language's version, else the
Bulgarian answer marked as such with a note; the author's email is in their language; moderators
find the answers still missing in the contribution's language."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django.utils.translation import gettext
from wagtail.models import Locale

from cms.models import Translation
from cms.models.translations import in_language, translations
from consultation.models import Comment, ConsultationPage, ConsultationReport, Follow, Proposal
from consultation.pdf import ReportPdf
from tests.factories import CommentFactory, ProposalFactory, UserFactory

pytestmark = pytest.mark.django_db

OPEN = "/{code}/consultations/action-plan-2026/"
CLOSED = "/{code}/consultations/bureau-services-2026/"
EDIT = "/admin/moderate_proposals/edit/{pk}/"
EDIT_COMMENT = "/admin/moderate_comments/edit/{pk}/"
QUEUE = "/admin/moderate_proposals/"
BULK = "/admin/answer-contributions/?consultation={pk}"

ANSWER = "Частично прието: от 2027 г."
IN_FARSI = "تا حدی پذیرفته‌شده: از سال 2027."
IN_ENGLISH = "Partly accepted: from 2027."


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def fallback_note(code):
    with translation.override(code):
        bulgarian = translation.get_language_info("bg")["name_translated"]
        return gettext("Not yet translated into your language: this is the original in %(language)s.") % {
            "language": bulgarian
        }


def answer_one(client, proposal, **translated):
    return client.post(
        EDIT.format(pk=proposal.pk),
        {
            "status": "published",
            "moderation_reason": "",
            "outcome": "partly_accepted",
            "taken_into_account": "partly",
            "answer": ANSWER,
            **{f"answer_{code}": text for code, text in translated.items()},
        },
    )


def shown_answer(client, code, proposal):
    article = soup(client.get(OPEN.format(code=code))).find(id=f"proposal-{proposal.pk}")
    return article.select_one(".official-answer")


@pytest.fixture
def proposal(consultation):
    return ProposalFactory(consultation=consultation, language="fa")


def test_the_moderation_form_offers_each_language_beside_the_answer(client, moderator, proposal):
    form = soup(client.get(EDIT.format(pk=proposal.pk)))

    fields = {
        code: form.find("textarea", attrs={"name": f"answer_{code}"}) for code in ("en", "fr", "ar", "fa")
    }
    assert all(fields.values()) and form.find("textarea", attrs={"name": "answer_bg"}) is None
    assert {code: (field["lang"], field["dir"]) for code, field in fields.items()} == {
        "en": ("en", "ltr"),
        "fr": ("fr", "ltr"),
        "ar": ("ar", "rtl"),
        "fa": ("fa", "rtl"),
    }


def test_a_farsi_reader_reads_the_farsi_answer_as_a_translation(client, moderator, proposal):
    answer_one(client, proposal, fa=IN_FARSI, en=IN_ENGLISH)
    client.logout()

    shown = shown_answer(client, "fa", proposal)

    text = shown.select_one(".text-in-language")
    assert text.get_text(strip=True) == IN_FARSI and not text.has_attr("lang")  # the page is in Farsi
    with translation.override("fa"):
        assert shown.select_one(".translation-note").get_text(strip=True) == gettext(
            "Translation: the original text is authoritative."
        )
    english = shown_answer(client, "en", proposal).select_one(".text-in-language")
    assert english.get_text(strip=True) == IN_ENGLISH and not english.has_attr("lang")


def test_an_arabic_reader_without_an_arabic_version_reads_the_marked_bulgarian(client, moderator, proposal):
    answer_one(client, proposal, fa=IN_FARSI)
    client.logout()

    shown = shown_answer(client, "ar", proposal)

    text = shown.select_one(".text-in-language")
    assert text.get_text(strip=True) == ANSWER
    assert (text["lang"], text["dir"]) == ("bg", "ltr")
    assert shown.select_one(".translation-note").get_text(strip=True) == fallback_note("ar")
    bulgarian = shown_answer(client, "bg", proposal)
    assert bulgarian.select_one(".translation-note") is None  # the original, on its own page
    assert not bulgarian.select_one(".text-in-language").has_attr("lang")


def test_a_translation_can_be_added_after_the_report_froze_the_answer(
    client, moderator, consultation, proposal
):
    answer_one(client, proposal)
    ConsultationReport.objects.create(consultation=consultation, published_at=timezone.now())

    response = client.post(
        EDIT.format(pk=proposal.pk),
        {"status": "published", "moderation_reason": "", "outcome": "partly_accepted", "answer_fa": IN_FARSI},
    )

    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.answer == ANSWER and translations(proposal, "answer") == {"fa": IN_FARSI}


def test_a_translation_needs_the_bulgarian_answer(client, moderator, proposal):
    response = client.post(
        EDIT.format(pk=proposal.pk),
        {"status": "published", "moderation_reason": "", "outcome": "submitted", "answer_fa": IN_FARSI},
    )

    assert response.status_code == 200 and "answer" in response.context["form"].errors
    assert translations(Proposal.objects.get(pk=proposal.pk), "answer") == {}


def test_answering_in_bulk_stores_the_translations_and_emails_each_author_in_their_language(
    client, moderator, consultation
):
    farsi, arabic = UserFactory(preferred_language="fa"), UserFactory(preferred_language="ar")
    proposals = [
        ProposalFactory(consultation=consultation, author=author, language="fa") for author in (farsi, arabic)
    ]
    for author in (farsi, arabic):
        Follow.objects.get_or_create(user=author, consultation=consultation)
    mail.outbox.clear()

    response = client.post(
        BULK.format(pk=consultation.pk),
        {
            "proposals": [proposal.pk for proposal in proposals],
            "taken_into_account": "partly",
            "answer": ANSWER,
            "answer_fa": IN_FARSI,
            "answer_en": IN_ENGLISH,
        },
    )

    assert response.status_code == 302
    for proposal in proposals:
        assert translations(Proposal.objects.get(pk=proposal.pk), "answer") == {
            "fa": IN_FARSI,
            "en": IN_ENGLISH,
        }
    bodies = {message.to[0]: message.body for message in mail.outbox}
    assert IN_FARSI in bodies[farsi.email] and ANSWER not in bodies[farsi.email]
    assert ANSWER in bodies[arabic.email] and fallback_note("ar") in bodies[arabic.email]


def test_the_bulk_form_offers_the_translations(client, moderator, consultation):
    ProposalFactory(consultation=consultation)

    form = soup(client.get(BULK.format(pk=consultation.pk))).find("form", method="post")

    assert form.find("textarea", attrs={"name": "answer_ar", "lang": "ar", "dir": "rtl"})


def test_the_queue_lists_the_answers_missing_in_the_contributions_language(client, moderator, consultation):
    missing = ProposalFactory(consultation=consultation, language="fa", title="Missing farsi")
    done = ProposalFactory(consultation=consultation, language="fa", title="Has farsi")
    other = ProposalFactory(consultation=consultation, language="ar", title="Has only farsi")
    bulgarian = ProposalFactory(consultation=consultation, language="bg", title="Bulgarian one")
    unanswered = ProposalFactory(consultation=consultation, language="fa", title="Not answered")
    answer_one(client, missing)
    answer_one(client, done, fa=IN_FARSI)
    answer_one(client, other, fa=IN_FARSI)
    answer_one(client, bulgarian)

    rows = soup(client.get(QUEUE, {"untranslated": "true", "consultation": consultation.pk})).select(
        "tbody tr"
    )
    listed = " ".join(row.get_text() for row in rows)

    assert "Missing farsi" in listed and "Has only farsi" in listed
    assert not [title for title in ("Has farsi", "Bulgarian one", unanswered.title) if title in listed]


def test_an_official_reply_is_translated_where_staff_edit_it(client, moderator, consultation):
    comment = CommentFactory(consultation=consultation, language="fa")
    reply = Comment.objects.create(
        consultation=consultation,
        parent=comment,
        author=moderator,
        text="از نظر شما سپاسگزاریم.",
        language="fa",
        is_official=True,
    )
    form = soup(client.get(EDIT_COMMENT.format(pk=reply.pk)))
    assert form.find("textarea", attrs={"name": "text_bg", "lang": "bg", "dir": "ltr"})
    assert form.find("textarea", attrs={"name": "text_fa"}) is None  # the language it is written in

    client.post(
        EDIT_COMMENT.format(pk=reply.pk),
        {
            "status": "published",
            "moderation_reason": "",
            "official_answer": "",
            "answer_language": "bg",
            "text_bg": "Благодарим за мнението Ви.",
        },
    )
    client.logout()

    bulgarian = soup(client.get(OPEN.format(code="bg"))).find(id=f"comment-{reply.pk}")
    assert bulgarian.select_one(".text-in-language").get_text(strip=True) == "Благодарим за мнението Ви."
    farsi = (
        soup(client.get(OPEN.format(code="fa")))
        .find(id=f"comment-{reply.pk}")
        .select_one(".text-in-language")
    )
    assert farsi.get_text(strip=True) == "از نظر شما سپاسگزاریم." and not farsi.has_attr("lang")
    english = (
        soup(client.get(OPEN.format(code="en")))
        .find(id=f"comment-{reply.pk}")
        .select_one(".text-in-language")
    )
    assert (english["lang"], english["dir"]) == ("fa", "rtl")


def test_the_official_answer_is_written_with_its_translations(client, moderator, consultation):
    comment = CommentFactory(consultation=consultation, language="ar")

    client.post(
        EDIT_COMMENT.format(pk=comment.pk),
        {
            "status": "published",
            "moderation_reason": "",
            "official_answer": "Благодарим Ви.",
            "answer_language": "bg",
            "official_answer_ar": "شكراً لكم.",
        },
    )

    reply = Comment.objects.get(parent=comment, is_official=True)
    assert (reply.text, reply.language) == ("Благодарим Ви.", "bg")
    assert translations(reply, "text") == {"ar": "شكراً لكم."}


def test_the_page_runs_the_same_queries_for_2_and_12_translated_answers(
    client, consultation, participant, django_assert_num_queries
):
    url = OPEN.format(code="fa")

    def add(count):
        proposals = Proposal.objects.bulk_create(
            Proposal(
                consultation=consultation,
                language="fa",
                title="п",
                text="т",
                answer=ANSWER,
                taken_into_account="partly",
            )
            for _ in range(count)
        )
        comments = Comment.objects.bulk_create(
            Comment(consultation=consultation, language="fa", text="к") for _ in range(count)
        )
        replies = Comment.objects.bulk_create(
            Comment(
                consultation=consultation, parent=comment, language="bg", text="отговор", is_official=True
            )
            for comment in comments
        )
        Translation.objects.bulk_create(
            [
                Translation(
                    content_type=ContentType.objects.get_for_model(Proposal),
                    object_id=p.pk,
                    field="answer",
                    language="fa",
                    text=IN_FARSI,
                )
                for p in proposals
            ]
            + [
                Translation(
                    content_type=ContentType.objects.get_for_model(Comment),
                    object_id=r.pk,
                    field="text",
                    language="fa",
                    text="پاسخ",
                )
                for r in replies
            ]
        )

    add(2)
    client.get(url)
    with CaptureQueriesContext(connection) as with_two:
        page = client.get(url)
    assert IN_FARSI in page.content.decode() and "پاسخ" in page.content.decode()
    add(10)
    with django_assert_num_queries(len(with_two)):
        client.get(url)


@pytest.fixture
def closed():
    return ConsultationPage.objects.get(slug="bureau-services-2026", locale__language_code="bg")


def test_the_demo_answers_the_closed_consultation_in_the_languages_of_its_contributions(closed):
    answered = [
        item
        for model in (Proposal, Comment)
        for item in model.objects.filter(consultation=closed).exclude(answer="").exclude(language="bg")
    ]
    assert answered
    assert all(item.language in translations(item, "answer") for item in answered)


@pytest.mark.parametrize("code", ["fa", "fr"])
def test_the_report_and_its_pdf_give_the_answers_in_the_readers_language(client, closed, code):
    proposal = Proposal.objects.filter(consultation=closed, language=code).exclude(answer="").first()
    other = Proposal.objects.filter(consultation=closed).exclude(language=code).exclude(answer="").first()
    expected = in_language(proposal, "answer", code)
    assert expected.is_translation

    page = soup(client.get(CLOSED.format(code=code) + "report/"))
    translated_page = closed.get_translation(Locale.objects.get(language_code=code))
    pdf = BeautifulSoup(ReportPdf(translated_page.pk, code).html(), "html.parser")

    for html in (page, pdf):
        answers = html.find("section", id="answers").select(".text-in-language")
        by_text = {answer.get_text(strip=True): answer for answer in answers}
        assert expected.text in by_text and not by_text[expected.text].has_attr("lang")
        fallback = in_language(other, "answer", code)
        if fallback.is_fallback:
            assert by_text[other.answer]["lang"] == "bg" and by_text[other.answer]["dir"] == "ltr"


@pytest.mark.parametrize("code", ["ar", "en", "bg"])
def test_the_pdf_says_once_above_its_table_which_answers_are_originals(closed, code):
    """A note under each of thousands of rows would say the same each time: the PDF says it once,
    above the table, and each answer untranslated into the reader's language keeps its own."""
    translated_page = closed.get_translation(Locale.objects.get(language_code=code))
    answers = BeautifulSoup(ReportPdf(translated_page.pk, code).html(), "html.parser").find(
        "section", id="answers"
    )

    notes = answers.select(".translation-note")
    if code == "bg":
        assert notes == []  # every answer is the original
        return
    with translation.override(code):
        expected = gettext(
            "The city's answers not yet translated into your language are given in the original in "
            "%(language)s; where an answer is translated, the original is authoritative."
        ) % {"language": translation.get_language_info("bg")["name_translated"]}
    assert [note.get_text(strip=True) for note in notes] == [expected]
    assert notes[0].find_next_sibling("table") is answers.find("table")
    originals = [
        item
        for model in (Proposal, Comment)
        for item in model.objects.filter(consultation=closed).exclude(answer="")
        if in_language(item, "answer", code).is_fallback
    ]
    shown = {text.get_text(strip=True): text for text in answers.select(".text-in-language")}
    assert originals and all(
        (shown[item.answer]["lang"], shown[item.answer]["dir"]) == ("bg", "ltr") for item in originals
    )
