"""Versions in the readers' languages of what the city and the council write in Bulgarian.

The Bulgarian text stays in its own field and is the authoritative one; a translation is kept
beside it, in its own row, so that adding one later (after the report is published or the minutes
are approved) changes nothing that was frozen, and is always shown as a translation.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext_lazy as _


class TranslationQuerySet(models.QuerySet):
    def of(self, objects, fields=None):
        """The translations of these objects (of one model), optionally only of some fields."""
        objects = list(objects)
        if not objects:
            return self.none()
        found = self.filter(
            content_type=ContentType.objects.get_for_model(objects[0]),
            object_id__in=[item.pk for item in objects],
        )
        return found.filter(field__in=fields) if fields else found

    def ids_matching(self, model, field, words):
        """The ids of `model`'s objects with a translation of `field` that contains `words`: a
        search in the reader's language finds what was written in Bulgarian."""
        return self.filter(
            content_type=ContentType.objects.get_for_model(model), field=field, text__icontains=words
        ).values("object_id")


class Translation(models.Model):
    """One text (a field of one object) in one of the readers' languages."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    field = models.CharField(max_length=50)
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    text = models.TextField(_("translation"))
    translated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    translated_at = models.DateTimeField(_("translated at"), default=timezone.now)

    objects = TranslationQuerySet.as_manager()

    class Meta:
        verbose_name = _("translation")
        verbose_name_plural = _("translations")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "field", "language"], name="one_translation_per_language"
            )
        ]

    def __str__(self):
        return f"{self.field} ({self.language})"


class Translated(models.Model):
    """A model whose texts are translated: their translations go when an object is deleted."""

    translations = GenericRelation(Translation)

    class Meta:
        abstract = True


@dataclass(frozen=True)
class TextInLanguage:
    """What a reader is shown of a text: in their language, or the original, marked as such."""

    text: str
    language: str
    is_translation: bool = False
    is_fallback: bool = False  # the reader's language is missing: the original is shown instead

    @property
    def direction(self):
        return "rtl" if get_language_info(self.language)["bidi"] else "ltr"

    def __str__(self):
        return self.text


def original_language(obj, field):
    """The language a field was written in: the city's, unless the model says otherwise (an
    official reply is written in the language of the discussion it answers)."""
    language_of = getattr(obj, "original_language", None)
    return language_of(field) if language_of else settings.LANGUAGE_CODE


ALL_FIELDS = "*"  # attach_translations loaded every field of the object


def attach_translations(objects, *fields):
    """Load the translations of many objects of one model in one query, so that a page listing
    them asks the same number of queries however many there are."""
    objects = [item for item in objects if item is not None]
    loaded = {field: {} for field in fields} if fields else {ALL_FIELDS: {}}
    versions = {item.pk: {name: {} for name in loaded} for item in objects}
    for row in Translation.objects.of(objects, fields).values("object_id", "field", "language", "text"):
        versions[row["object_id"]].setdefault(row["field"], {})[row["language"]] = row["text"]
    for item in objects:
        item._translations = {**getattr(item, "_translations", {}), **versions[item.pk]}
    return objects


def translations(obj, field):
    """The translations of one field: {language: text}; loaded now if `attach_translations` did
    not load that field before."""
    loaded = getattr(obj, "_translations", {})
    if field not in loaded and ALL_FIELDS not in loaded:
        attach_translations([obj], field)
    return obj._translations.get(field, {})


def in_language(obj, field, language=None):
    """A field as the reader (the active language by default) should read it: their language's
    version if there is one, else the original, marked as a fallback when it is in another language."""
    language = language or get_language() or settings.LANGUAGE_CODE
    original = getattr(obj, field)
    written_in = original_language(obj, field)
    if language != written_in and original:
        translated = translations(obj, field).get(language)
        if translated:
            return TextInLanguage(translated, language, is_translation=True)
        return TextInLanguage(original, written_in, is_fallback=True)
    return TextInLanguage(original, written_in)


def missing_languages(obj, field):
    """The readers' languages a non-empty field is not yet translated into."""
    if not getattr(obj, field):
        return []
    have = set(translations(obj, field)) | {original_language(obj, field)}
    return [code for code, _name in settings.LANGUAGES if code not in have]


def save_translations(obj, field, texts, user=None):
    """Store a field's translations ({language: text}); an empty text removes that language's."""
    content_type = ContentType.objects.get_for_model(obj)
    had = dict(
        Translation.objects.filter(content_type=content_type, object_id=obj.pk, field=field).values_list(
            "language", "text"
        )
    )
    for language, text in texts.items():
        text = text.strip()
        key = {"content_type": content_type, "object_id": obj.pk, "field": field, "language": language}
        if text and text != had.get(language):  # who translated it, and when, stays true
            Translation.objects.update_or_create(
                **key, defaults={"text": text, "translated_by": user, "translated_at": timezone.now()}
            )
        elif not text and language in had:
            Translation.objects.filter(**key).delete()
    if hasattr(obj, "_translations"):
        del obj._translations
