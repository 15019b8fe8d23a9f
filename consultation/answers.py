"""The city's answer to contributions: one operation for the moderation form and "Answer in bulk",
so both refuse once the report is published, stamp the same dates, store the same translations,
refresh the public pages and email the same authors; and one for the city's official reply in the
discussion.

The Bulgarian answer is the authoritative one and the report freezes it. Its translations (and
those of an official reply) may still be added or corrected after publication: each is shown as a
translation and never replaces the original, as with the council's minutes."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms import page_cache
from cms.models.translations import save_translations

from .models import Comment, ConsultationReport, Proposal, TakenIntoAccount
from .notifications import notify_of_answer, notify_of_reply

FROZEN = _("The report of this consultation is published: its answers are frozen.")
REASONS_NEEDED = _("Give the reasons: the report states them for every contribution not or partly accepted.")


def answers_frozen(consultation_ids, *, lock=False):
    """Whether the report of one of these consultations is published. `lock` holds the reports'
    rows to the end of the transaction, so none is published halfway through an answer."""
    reports = ConsultationReport.objects.filter(consultation_id__in=consultation_ids)
    if lock:
        reports = reports.select_for_update()
    return any(published_at is not None for published_at in reports.values_list("published_at", flat=True))


@transaction.atomic
def answer_contributions(contributions, taken_into_account, answer, translations=None, user=None):
    """Give comments and proposals the city's verdict and answer, read and answered now, with the
    answer's `translations` ({language: text}; an empty text removes one) typed by `user`. Refused
    (ValidationError) once a report they belong to is published. The author of each answered
    proposal who follows the consultation is emailed, one email per proposal, in their language."""
    contributions = list(contributions)
    if TakenIntoAccount.needs_reasons(taken_into_account) and not answer.strip():
        raise ValidationError(REASONS_NEEDED, code="reasons")
    if answers_frozen({item.consultation_id for item in contributions}, lock=True):
        raise ValidationError(FROZEN, code="frozen")
    now = timezone.now()
    values = {
        "taken_into_account": taken_into_account,
        "answer": answer,
        "answered_at": now,
        "reviewed_at": now,
    }
    for model in {type(item) for item in contributions}:
        model.objects.filter(pk__in=[item.pk for item in contributions if type(item) is model]).update(
            **values
        )
    for item in contributions:
        for name, value in values.items():
            setattr(item, name, value)
        if translations is not None:
            # No answer, nothing to translate: what was there goes with it.
            texts = translations if answer.strip() else dict.fromkeys(translations, "")
            save_translations(item, "answer", texts, user)
    page_cache.invalidate()  # update() sends no signal; visitors must see the answers at once
    if answer:
        for item in contributions:
            if isinstance(item, Proposal):
                notify_of_answer(item)
    return len(contributions)


@transaction.atomic
def reply_officially(comment, author, text, language, translations=None):
    """The city's answer as a reply in the discussion, written in `language` with its
    `translations` ({language: text}): published at once, marked as the city's, and its author is
    told like of any reply. Refused once the report is published, like answers."""
    if answers_frozen([comment.consultation_id], lock=True):
        raise ValidationError(FROZEN, code="frozen")
    reply = Comment.objects.create(
        consultation_id=comment.consultation_id,
        parent=comment.parent or comment,
        section_key=comment.section_key,
        author=author,
        text=text,
        language=language,
        is_official=True,
        reviewed_at=timezone.now(),
    )
    if translations:
        save_translations(reply, "text", translations, author)
    notify_of_reply(reply)
    return reply
