"""What every PDF of the site shares: the site's own fonts and "page 3 of 41" in the reader's language."""

from django.contrib.staticfiles import finders
from django.utils.translation import gettext as _

FONTS = {
    "sans_regular": "fonts/NotoSans-Regular.woff2",
    "sans_bold": "fonts/NotoSans-Bold.woff2",
    "arabic_regular": "fonts/NotoSansArabic-Regular.woff2",
    "arabic_bold": "fonts/NotoSansArabic-Bold.woff2",
}


def font_urls():
    return {name: "file://" + finders.find(path) for name, path in FONTS.items()}


def page_counter():
    """ "Page 3 of 41" in the active language, as CSS content with the page counters."""
    label = _("Page %(page)s of %(pages)s") % {"page": "\u0001", "pages": "\u0002"}
    quoted = '"' + label.replace('"', "") + '"'
    return quoted.replace("\u0001", '" counter(page) "').replace("\u0002", '" counter(pages) "')
