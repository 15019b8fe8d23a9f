"""The inputs where staff type the translations of a text beside its original: one per reader's
language, each marked with its language and direction, so that Arabic and Farsi are typed right
to left and a screen reader reads each in its own voice."""

from django import forms
from django.conf import settings
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from .models.translations import original_language, translations

HELP = _(
    "Optional. Readers of this language see it, marked as a translation; the original stays authoritative."
)


def field_name(field, language):
    return f"{field}_{language}"


def add_translation_fields(form, obj, field, label, *, after=None, every_language=False):
    """Put an input for each language but the original's right after `field` (or `after`) in
    `form`, or at the end, filled with the translations `obj` already has (none for a form of
    many, `obj` None); `label` has a %(language)s. `every_language`: the original's language is
    chosen in the same form, so each language has its input."""
    original = original_language(obj, field) if obj is not None else settings.LANGUAGE_CODE
    have = translations(obj, field) if obj is not None and obj.pk else {}
    if field in form.fields and not every_language:  # the original is typed in its own language too
        form.fields[field].widget.attrs.update(
            {"lang": original, "dir": "rtl" if get_language_info(original)["bidi"] else "ltr"}
        )
    added = {}
    for code, _name in settings.LANGUAGES:
        if code == original and not every_language:
            continue
        info = get_language_info(code)
        added[field_name(field, code)] = forms.CharField(
            label=label % {"language": info["name_translated"]},
            required=False,
            initial=have.get(code, ""),
            help_text=HELP,
            widget=forms.Textarea(attrs={"rows": 3, "lang": code, "dir": "rtl" if info["bidi"] else "ltr"}),
        )
    names = list(form.fields)
    after = after or field
    at = names.index(after) + 1 if after in names else len(names)
    fields = list(form.fields.items())
    form.fields = dict(fields[:at] + list(added.items()) + fields[at:])


def translation_field_names(form, field):
    """{language: input name} of the inputs `add_translation_fields` put in `form`."""
    names = {field_name(field, code): code for code, _name in settings.LANGUAGES}
    return {names[name]: name for name in form.fields if name in names}


def translations_typed(form, field):
    """{language: text} typed in a valid form (an empty text removes that language's translation)."""
    return {
        code: (form.cleaned_data.get(name) or "").strip()
        for code, name in translation_field_names(form, field).items()
    }


def translations_changed(form, field):
    return any(name in form.changed_data for name in translation_field_names(form, field).values())
