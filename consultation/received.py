"""Contributions that reached the city by email, letter, in person at the Bureau or by phone: a
moderator enters each on its sender's behalf, and from then on it is one of the discussion's."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .answers import FROZEN, answers_frozen
from .models import Channel, ModerationStatus


@transaction.atomic
def enter_received(contribution, consultation, moderator):
    """Save `contribution` (a Comment or Proposal with its text, language, channel, date received
    and, if the sender agreed, their name or organisation) as received by the city: published and
    read at once, without an author, recording which moderator entered it. Refused
    (ValidationError) for a day the consultation was not open or is still to come, and once its
    report is published, like an answer."""
    consultation = consultation.original
    if contribution.channel == Channel.ONLINE:
        raise ValidationError({"channel": _("Choose how the contribution was received.")})
    received_on = contribution.received_on
    opened, closed = timezone.localdate(consultation.opens_at), timezone.localdate(consultation.closes_at)
    if received_on is None or not opened <= received_on <= min(closed, timezone.localdate()):
        raise ValidationError(
            {"received_on": _("Give a day on which the consultation was open, not later than today.")}
        )
    if answers_frozen([consultation.pk], lock=True):
        raise ValidationError(FROZEN, code="frozen")
    now = timezone.now()
    contribution.consultation = consultation
    contribution.author = None
    contribution.entered_by = moderator
    contribution.status = ModerationStatus.PUBLISHED
    contribution.reviewed_at = now
    contribution.created_at = now
    contribution.save()
    return contribution
