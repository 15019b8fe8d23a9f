"""Plain texts as HTML: demo content and imports as Wagtail rich text, participants' texts as
they are shown (one function makes the links, so the link limit counts exactly what is shown);
and rich text as plain text where HTML cannot go."""

import html
import re

from django import forms
from django.template.defaultfilters import linebreaksbr, urlize
from django.utils.html import strip_tags


def paragraphs(texts):
    return "".join(f"<p>{html.escape(text, quote=False)}</p>" for text in texts)


def html_list(tag, items):
    return f"<{tag}>" + "".join(f"<li>{html.escape(item, quote=False)}</li>" for item in items) + f"</{tag}>"


def plain_text(richtext):
    """Wagtail rich text as plain text (a calendar event's description): a line per paragraph or item."""
    text = re.sub(r"</(p|h[1-6]|li|blockquote)>|<br\s*/?>", "\n", richtext, flags=re.IGNORECASE)
    return html.unescape(strip_tags(text)).strip()


def participant_html(text):
    """A participant's plain text as shown: escaped, line breaks kept, and every address Django's
    urlize recognises made clickable (http(s)://, www., bare .com/.org/… domains, emails)."""
    return linebreaksbr(urlize(text))  # as `text|urlize|linebreaksbr` in a template


def link_count(text):
    """How many links participant_html makes of the text: the text itself is escaped there, so
    every `<a ` in its output is a link it made."""
    return participant_html(text).count("<a ")


# Unicode's bidirectional controls: embeddings and overrides (U+202A–U+202E), isolates
# (U+2066–U+2069) and the marks (U+200E, U+200F, U+061C). In a name or a title they can reverse
# the text after them on a page or in a PDF.
BIDI_CONTROLS = dict.fromkeys([*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C])


def strip_bidi_controls(text):
    """A name or title without bidirectional controls; the page sets each text's direction itself."""
    return text.translate(BIDI_CONTROLS)


class WithoutBidiControls:
    """A model mixin: its `bidi_free_fields` (titles, places) lose bidirectional controls however
    they are saved (a form, the admin, an import), so none can reverse the text of a page or PDF."""

    bidi_free_fields = ("title",)

    def save(self, *args, **kwargs):
        for name in self.bidi_free_fields:
            setattr(self, name, strip_bidi_controls(getattr(self, name)))
        super().save(*args, **kwargs)


class TitleField(forms.CharField):
    """A form's title or place: the bidirectional controls go before the required check, so a title
    of nothing but controls is refused with the usual message instead of being saved empty."""

    def to_python(self, value):
        return strip_bidi_controls(super().to_python(value)).strip()
