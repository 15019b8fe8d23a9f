"""The translations kept beside an original text: what a reader is given, what is missing, how they
are saved, and that a list loads them in one query."""

import pytest
from django.utils import translation

from cms.models.translations import attach_translations, in_language, missing_languages, save_translations
from consultation.models import ConsultationPage
from tests.factories import CommentFactory, ProposalFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def consultation():
    return ConsultationPage.objects.get(slug="action-plan-2026", locale__language_code="bg")


@pytest.fixture
def proposal(consultation):
    return ProposalFactory(consultation=consultation, language="fa", answer="Прието.")


def test_the_reader_gets_their_language_else_the_original_marked(proposal):
    save_translations(proposal, "answer", {"fa": "پذیرفته‌شده."})

    farsi = in_language(proposal, "answer", "fa")
    arabic = in_language(proposal, "answer", "ar")
    bulgarian = in_language(proposal, "answer", "bg")

    assert (farsi.text, farsi.language, farsi.is_translation, farsi.direction) == (
        "پذیرفته‌شده.",
        "fa",
        True,
        "rtl",
    )
    assert (arabic.text, arabic.language, arabic.is_fallback, arabic.direction) == (
        "Прието.",
        "bg",
        True,
        "ltr",
    )
    assert (bulgarian.is_translation, bulgarian.is_fallback) == (False, False)
    with translation.override("fa"):
        assert in_language(proposal, "answer").text == "پذیرفته‌شده."  # the active language by default


def test_an_official_reply_is_original_in_its_own_language(consultation):
    reply = CommentFactory(consultation=consultation, language="fa", text="سپاسگزاریم.", is_official=True)

    assert in_language(reply, "text", "fa").is_fallback is False
    assert in_language(reply, "text", "bg").language == "fa"
    assert missing_languages(reply, "text") == ["bg", "en", "fr", "ar"]


def test_an_empty_text_removes_a_translation(proposal):
    save_translations(proposal, "answer", {"fa": "پذیرفته‌شده.", "en": "Accepted."})
    save_translations(proposal, "answer", {"fa": "  "})

    assert missing_languages(proposal, "answer") == ["fr", "ar", "fa"]


def test_a_list_loads_its_translations_in_one_query(consultation, django_assert_num_queries):
    proposals = ProposalFactory.create_batch(5, consultation=consultation, answer="Прието.")
    for proposal in proposals:
        save_translations(proposal, "answer", {"en": f"Accepted {proposal.pk}."})
    fresh = list(type(proposals[0]).objects.filter(pk__in=[p.pk for p in proposals]))

    with django_assert_num_queries(1):
        attach_translations(fresh, "answer")
        texts = [in_language(proposal, "answer", "en").text for proposal in fresh]

    assert texts == [f"Accepted {proposal.pk}." for proposal in fresh]


def test_a_field_not_loaded_with_the_others_is_still_found(proposal):
    """A page that loaded only the answers' translations still shows an official reply's text."""
    proposal.text = "Текст"
    save_translations(proposal, "answer", {"ar": "جواب"})
    save_translations(proposal, "text", {"ar": "نص"})

    attach_translations([proposal], "answer")

    assert in_language(proposal, "text", "ar").text == "نص"
    assert in_language(proposal, "answer", "ar").text == "جواب"
