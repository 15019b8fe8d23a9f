"""Attacks on the answers in several languages (#16 item 1), through every door: nobody but a
moderator writes a translation (moderation form, bulk answer, the public forms, the admin's
other views); a hidden or rejected contribution's translated answer shows nowhere; the cached
pages and the PDF follow a translation at once; the email is in the author's language and says
what it is; what staff type is never thrown away silently; a deleted contribution takes its
translations with it."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.test import Client
from django.utils import timezone, translation
from django.utils.translation import gettext
from wagtail.models import Locale

from accounts import roles
from cms.models import Translation
from cms.models.translations import translations
from consultation.models import Comment, ConsultationReport, Follow, ModerationStatus, Proposal
from consultation.pdf import ReportPdf
from tests.factories import CommentFactory, ProposalFactory, UserFactory

pytestmark = pytest.mark.django_db

OPEN = "/{code}/consultations/action-plan-2026/"
EDIT = "/admin/moderate_proposals/edit/{pk}/"
EDIT_COMMENT = "/admin/moderate_comments/edit/{pk}/"
DELETE = "/admin/moderate_proposals/delete/{pk}/"
BULK = "/admin/answer-contributions/?consultation={pk}"

ANSWER = "Частично прието: от 2027 г."
IN_FARSI = "تا حدی پذیرفته‌شده: از سال 2027."


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def answered(consultation, **fields):
    return ProposalFactory(
        consultation=consultation, language="fa", answer=ANSWER, taken_into_account="partly", **fields
    )


def moderation_post(**extra):
    return {
        "status": "published",
        "moderation_reason": "",
        "outcome": "partly_accepted",
        "taken_into_account": "partly",
        "answer": ANSWER,
        **extra,
    }


def translation_rows():
    return Translation.objects.filter(content_type=ContentType.objects.get_for_model(Proposal))


# Nobody but a moderator writes a translation, whatever the door.


@pytest.mark.parametrize("who", ["anonymous", "participant", "editor", "publisher"])
def test_only_a_moderator_translates_an_answer_in_the_moderation_form(client, consultation, who):
    proposal = answered(consultation)
    if who != "anonymous":
        role = {"participant": [], "editor": [roles.EDITORS], "publisher": [roles.PUBLISHERS]}[who]
        client.force_login(UserFactory(roles=role))

    response = client.post(EDIT.format(pk=proposal.pk), moderation_post(answer_fa="نفوذ"))

    assert response.status_code in (302, 403)
    assert not response.get("Location", "").startswith("/admin/moderate_proposals/")  # not saved
    assert not translation_rows().filter(object_id=proposal.pk).exists()


@pytest.mark.parametrize("who", ["anonymous", "participant", "editor", "publisher"])
def test_only_a_moderator_translates_answers_in_bulk(client, consultation, who):
    proposal = ProposalFactory(consultation=consultation, language="fa")
    if who != "anonymous":
        role = {"participant": [], "editor": [roles.EDITORS], "publisher": [roles.PUBLISHERS]}[who]
        client.force_login(UserFactory(roles=role))

    response = client.post(
        BULK.format(pk=consultation.pk),
        {"proposals": [proposal.pk], "taken_into_account": "partly", "answer": ANSWER, "answer_fa": "نفوذ"},
    )

    assert response.status_code in (302, 403)
    assert not translation_rows().filter(object_id=proposal.pk).exists()
    assert Proposal.objects.get(pk=proposal.pk).answer == ""


def test_the_bulgarian_answer_is_typed_in_an_input_marked_bulgarian(client, moderator, consultation):
    """Beside the Arabic and Farsi inputs (right to left), the original's input says it is Bulgarian,
    so a moderator whose admin is in Farsi does not type it right to left."""
    proposal = answered(consultation)

    single = soup(client.get(EDIT.format(pk=proposal.pk))).find("textarea", attrs={"name": "answer"})
    bulk = soup(client.get(BULK.format(pk=consultation.pk))).find("textarea", attrs={"name": "answer"})

    for field in (single, bulk):
        assert (field.get("lang"), field.get("dir")) == ("bg", "ltr")


def test_the_author_cannot_translate_through_the_public_edit_form(client, consultation, participant):
    comment, _created = CommentFactory.build(author=None, language="fa").submit(consultation, participant)

    client.post(
        OPEN.format(code="fa") + f"comments/{comment.pk}/edit/",
        {"text": "متن تازه", "language": "fa", "text_bg": "нахлуване", "answer_bg": "нахлуване"},
    )

    assert not Translation.objects.filter(
        content_type=ContentType.objects.get_for_model(Comment), object_id=comment.pk
    ).exists()


def test_the_translation_model_has_no_admin_door_of_its_own(client, consultation):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))

    for url in ("/admin/snippets/cms/translation/", "/admin/cms/translation/", "/admin/translation/"):
        assert client.get(url, follow=True).status_code == 404, url


# A hidden or rejected contribution's translated answer shows nowhere.


@pytest.mark.parametrize("status", [ModerationStatus.HIDDEN, ModerationStatus.REJECTED])
def test_a_withdrawn_proposal_shows_its_translated_answer_nowhere(client, consultation, status):
    proposal = answered(consultation, status=status, moderation_reason="Обидно.")
    Translation.objects.create(
        content_type=ContentType.objects.get_for_model(Proposal),
        object_id=proposal.pk,
        field="answer",
        language="fa",
        text=IN_FARSI,
    )
    ConsultationReport.objects.create(consultation=consultation, published_at=timezone.now())

    for url in (OPEN.format(code="fa"), OPEN.format(code="fa") + "report/"):
        assert IN_FARSI not in client.get(url).content.decode(), url
    pdf = ReportPdf(farsi_page(consultation).pk, "fa").html()
    assert IN_FARSI not in pdf


def farsi_page(consultation):
    return consultation.get_translation(Locale.objects.get(language_code="fa"))


def test_a_hidden_official_reply_shows_no_translation(client, consultation):
    comment = CommentFactory(consultation=consultation, language="fa")
    reply = Comment.objects.create(
        consultation=consultation,
        parent=comment,
        text="Благодарим Ви.",
        language="bg",
        is_official=True,
        status=ModerationStatus.HIDDEN,
        moderation_reason="По грешка.",
    )
    Translation.objects.create(
        content_type=ContentType.objects.get_for_model(Comment),
        object_id=reply.pk,
        field="text",
        language="fa",
        text="از شما سپاسگزاریم.",
    )

    assert "از شما سپاسگزاریم." not in client.get(OPEN.format(code="fa")).content.decode()


def test_translations_are_not_markup(client, moderator, consultation):
    proposal = answered(consultation)
    client.post(EDIT.format(pk=proposal.pk), moderation_post(answer_fa="<script>alert(1)</script>"))

    page = Client(HTTP_HOST="localhost").get(OPEN.format(code="fa")).content.decode()

    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page


# The cached pages and the PDF follow a translation at once.


def test_a_cached_page_shows_a_translation_added_after_publication(client, moderator, consultation, settings):
    settings.PAGE_CACHE_SECONDS = 60
    proposal = answered(consultation)
    ConsultationReport.objects.create(consultation=consultation, published_at=timezone.now())
    anonymous = Client(HTTP_HOST="localhost")
    assert IN_FARSI not in anonymous.get(OPEN.format(code="fa")).content.decode()  # now cached

    response = client.post(
        EDIT.format(pk=proposal.pk),
        {"status": "published", "moderation_reason": "", "outcome": "partly_accepted", "answer_fa": IN_FARSI},
    )

    assert response.status_code == 302
    assert IN_FARSI in anonymous.get(OPEN.format(code="fa")).content.decode()


def test_the_report_pdf_moves_on_with_a_translation(client, moderator, consultation):
    proposal = answered(consultation)
    ConsultationReport.objects.create(consultation=consultation, published_at=timezone.now())
    pdf = ReportPdf(farsi_page(consultation).pk, "fa")
    before = pdf.path()

    client.post(
        EDIT.format(pk=proposal.pk),
        {"status": "published", "moderation_reason": "", "outcome": "partly_accepted", "answer_fa": IN_FARSI},
    )

    assert pdf.path() != before and IN_FARSI in pdf.html()


# The email: in the author's language, the answer marked as a translation as on the page.


def test_the_answer_email_is_in_the_authors_language_and_says_it_is_a_translation(
    client, moderator, consultation
):
    author = UserFactory(preferred_language="fa")
    proposal = ProposalFactory(consultation=consultation, author=author, language="fa")
    Follow.objects.get_or_create(user=author, consultation=consultation)
    mail.outbox.clear()

    with translation.override("en"):  # the moderator's admin speaks English
        client.post(
            EDIT.format(pk=proposal.pk), moderation_post(answer_fa=IN_FARSI), HTTP_ACCEPT_LANGUAGE="en"
        )

    [message] = mail.outbox
    with translation.override("fa"):
        subject = gettext("The city answered your proposal")
        note = gettext("Translation: the original text is authoritative.")
    assert message.subject == subject and subject != "The city answered your proposal"
    assert IN_FARSI in message.body and ANSWER not in message.body
    assert note in message.body  # as on the page: a translation is said to be one


# What staff type is never thrown away silently.


def test_an_official_answer_typed_in_its_own_language_twice_is_not_dropped_silently(
    client, moderator, consultation
):
    comment = CommentFactory(consultation=consultation, language="ar")

    response = client.post(
        EDIT_COMMENT.format(pk=comment.pk),
        {
            "status": "published",
            "moderation_reason": "",
            "official_answer": "Благодарим Ви.",
            "answer_language": "bg",
            "official_answer_bg": "Благодарим Ви за мнението.",  # typed, then lost without a word
        },
    )

    assert response.status_code == 200 and "official_answer_bg" in response.context["form"].errors


def test_a_refused_bulk_answer_keeps_the_typed_translations(client, moderator, consultation):
    ProposalFactory(consultation=consultation, language="fa")

    response = client.post(
        BULK.format(pk=consultation.pk),
        {"taken_into_account": "partly", "answer": ANSWER, "answer_fa": IN_FARSI},
    )  # no contribution chosen

    assert response.status_code == 200
    typed = soup(response).find("textarea", attrs={"name": "answer_fa"})
    assert typed.get_text(strip=True) == IN_FARSI and (typed["lang"], typed["dir"]) == ("fa", "rtl")


def test_the_form_of_an_official_reply_names_each_input_once(client, moderator, consultation):
    comment = CommentFactory(consultation=consultation, language="fa")
    reply = Comment.objects.create(
        consultation=consultation,
        parent=comment,
        author=moderator,
        text="Благодарим Ви.",
        language="bg",
        is_official=True,
    )

    form = soup(client.get(EDIT_COMMENT.format(pk=reply.pk)))
    labels = [label.get_text(" ", strip=True) for label in form.select("label")]

    assert len(labels) == len(set(labels)), sorted(label for label in labels if labels.count(label) > 1)


def test_a_frozen_official_answer_keeps_its_typed_translations(client, moderator, consultation):
    comment = CommentFactory(consultation=consultation, language="ar")
    ConsultationReport.objects.create(consultation=consultation, published_at=timezone.now())

    response = client.post(
        EDIT_COMMENT.format(pk=comment.pk),
        {
            "status": "published",
            "moderation_reason": "",
            "official_answer": "Късен отговор.",
            "answer_language": "bg",
            "official_answer_ar": "رد متأخر.",
        },
    )

    assert response.status_code == 200
    assert "رد متأخر." in response.content.decode()
    assert not Comment.objects.filter(parent=comment, is_official=True).exists()


def test_an_official_reply_may_be_translated_after_the_report(client, moderator, consultation):
    comment = CommentFactory(consultation=consultation, language="fa")
    reply = Comment.objects.create(
        consultation=consultation,
        parent=comment,
        author=moderator,
        text="Благодарим Ви.",
        language="bg",
        is_official=True,
    )
    ConsultationReport.objects.create(consultation=consultation, published_at=timezone.now())

    response = client.post(
        EDIT_COMMENT.format(pk=reply.pk),
        {
            "status": "published",
            "moderation_reason": "",
            "official_answer": "",
            "answer_language": "bg",
            "text_fa": "از شما سپاسگزاریم.",
        },
    )

    assert response.status_code == 302
    assert translations(Comment.objects.get(pk=reply.pk), "text") == {"fa": "از شما سپاسگزاریم."}


def test_a_new_verdict_does_not_restamp_a_translation_nobody_touched(client, moderator, consultation):
    proposal = answered(consultation)
    client.post(EDIT.format(pk=proposal.pk), moderation_post(answer_fa=IN_FARSI))
    stamped = translation_rows().get(object_id=proposal.pk)
    other = UserFactory(roles=[roles.MODERATORS])
    client.force_login(other)

    client.post(EDIT.format(pk=proposal.pk), moderation_post(taken_into_account="taken", answer_fa=IN_FARSI))

    again = translation_rows().get(object_id=proposal.pk)
    assert Proposal.objects.get(pk=proposal.pk).taken_into_account == "taken"
    assert (again.translated_by, again.translated_at) == (moderator, stamped.translated_at)


# A changed original never keeps the translations of the text it replaced.


def test_an_official_reply_changed_on_the_public_page_drops_its_stale_translations(
    client, moderator, consultation
):
    comment = CommentFactory(consultation=consultation, language="ar")
    client.post(
        EDIT_COMMENT.format(pk=comment.pk),
        {
            "status": "published",
            "moderation_reason": "",
            "official_answer": "Ще бъде разгледано.",
            "answer_language": "bg",
            "official_answer_ar": "سيتم النظر فيه.",
        },
    )
    reply = Comment.objects.get(parent=comment, is_official=True)

    # The moderator is its author: the public "Edit" of the discussion is a second door to the reply.
    client.post(
        OPEN.format(code="bg") + f"comments/{reply.pk}/edit/",
        {"text": "Не е прието: извън правомощията на общината.", "language": "bg"},
    )

    reply.refresh_from_db()
    page = Client(HTTP_HOST="localhost").get(OPEN.format(code="ar")).content.decode()
    # Either the door is closed (the reply is changed only where its translations are), or the
    # Arabic of the former text is no longer shown as the reply's.
    assert reply.text == "Ще бъде разгледано." or "سيتم النظر فيه." not in page


# A deleted contribution takes its translations with it.


def test_a_deleted_proposal_leaves_no_translation_behind(client, consultation):
    proposal = answered(consultation)
    Translation.objects.create(
        content_type=ContentType.objects.get_for_model(Proposal),
        object_id=proposal.pk,
        field="answer",
        language="fa",
        text=IN_FARSI,
    )
    client.force_login(UserFactory(is_superuser=True, is_staff=True))

    response = client.post(DELETE.format(pk=proposal.pk))

    assert response.status_code == 302 and not Proposal.objects.filter(pk=proposal.pk).exists()
    assert not translation_rows().filter(object_id=proposal.pk).exists()
