"""Every PDF of the site, made one way: a template rendered to a tagged PDF (PDF/UA) with the site's
own fonts and "page 3 of 41" in the reader's language, once per state by the background worker,
kept in the private storage and served by a view that has checked who may read it.

A document names its file by a digest of the HTML it renders, so a PDF never outlives the state it
shows: any change of its content is a new file, and the files of earlier states are deleted when
the new one is made. Rendering the HTML is cheap; laying it out is not, and only the worker does it.
Requests in the meantime get a page that reloads itself until the file is there.
"""

import functools
import hashlib
import os
import tempfile
from pathlib import Path

from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db.models.signals import post_delete, post_save
from django.http import FileResponse
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django_tasks import task

from cms import page_cache, pdf_parts
from cms.formats import active_locale

FONT_FOLDER = Path(tempfile.gettempdir()) / "otvoren-grad-fonts"
FONTS = {
    "sans_regular": "fonts/NotoSans-Regular.woff2",
    "sans_bold": "fonts/NotoSans-Bold.woff2",
    "arabic_regular": "fonts/NotoSansArabic-Regular.woff2",
    "arabic_bold": "fonts/NotoSansArabic-Bold.woff2",
}


@functools.cache
def font_urls():
    """The site's fonts for WeasyPrint as OpenType files, decompressed once per process from the
    WOFF2 files the site serves: WeasyPrint would otherwise decompress each of them in pure Python
    (fontTools, about a second a font) for every PDF. Named by their content, so a new font file is
    a new name and processes never see half a file."""
    from fontTools.ttLib import woff2

    folder = FONT_FOLDER
    folder.mkdir(exist_ok=True)
    urls = {}
    for name, path in FONTS.items():
        source = Path(finders.find(path))
        target = folder / f"{source.stem}-{hashlib.sha256(source.read_bytes()).hexdigest()[:16]}.otf"
        if not target.exists():
            with (
                source.open("rb") as compressed,
                tempfile.NamedTemporaryFile(dir=folder, delete=False) as opened,
            ):
                woff2.decompress(compressed, opened)
            os.replace(opened.name, target)
        urls[name] = target.as_uri()
    return urls


def counter_style():
    """The CSS counter style of the active language's digits: `persian` for Farsi, like cms.formats."""
    return ", persian" if active_locale().default_numbering_system == "arabext" else ""


def page_counter(pages_counter="pages"):
    """ "Page 3 of 41" in the active language, as CSS content with the page counters, in the
    language's digits. `pages_counter`: the counter of all pages, for a document laid out in
    pieces (cms.pdf_parts) one of its own."""
    label = _("Page %(page)s of %(pages)s") % {"page": "\u0001", "pages": "\u0002"}
    quoted = '"' + label.replace('"', "") + '"'
    style = counter_style()
    return quoted.replace("\u0001", f'" counter(page{style}) "').replace(
        "\u0002", f'" counter({pages_counter}{style}) "'
    )


def render_html(template, context, language, pages_counter="pages"):
    """The one way a PDF's content is written: the template in the reader's language, on the
    shared base (templates/pdf/base.html) with the fonts and the page counter (`pages_counter`:
    see `page_counter`)."""
    with translation.override(language):
        return render_to_string(
            template,
            {
                **context,
                "fonts": font_urls(),
                "page_counter": page_counter(pages_counter),
                "counter_style": counter_style(),
            },
        )


def write_pdf(html):
    """One HTML document laid out as a tagged PDF (a long one is laid out in parts: cms.pdf_parts)."""
    return pdf_parts.lay_out(html)


def changes():
    """The number of the state of everything a PDF may show; `count_changes_of` moves it on."""
    return page_cache.generation("pdf:changes")


def changed(update_fields=None, **kwargs):
    """Now and again at commit, like the page cache's generation. A sign-in, which saves only the
    time of the last login, changes nothing a PDF shows."""
    if update_fields is not None and set(update_fields) <= {"last_login"}:
        return
    page_cache.start_generation("pdf:changes")


def count_changes_of(*models):
    """What a PDF shows but does not start a new page-cache generation (poll answers, the
    council's record, people's names): a save or delete of these starts a new state."""
    for model in models:
        post_save.connect(changed, sender=model, dispatch_uid=f"pdf-save-{model._meta.label}")
        post_delete.connect(changed, sender=model, dispatch_uid=f"pdf-delete-{model._meta.label}")


class PdfDocument:
    """A PDF the site offers. A subclass names its `kind` and `template`, builds its `context()`
    from the `key` (a primary key, or a fixed word for a one-of-a-kind document) and gives the
    `filename` readers get. The reader's right to it is checked by the view, never here: the
    document shows the same to everyone who may read it."""

    kind = ""
    template = ""

    def __init__(self, key, language):
        self.key, self.language = key, language

    def context(self):
        raise NotImplementedError

    @property
    def filename(self):
        return f"{self.kind}-{self.key}-{self.language}.pdf"

    @property
    def folder(self):
        return f"pdfs/{self.kind}/{self.key}"

    def parts(self):
        """The document's HTML, as one document or, for a long one, several laid out one by one
        and joined (`lay_out`). The context is worked out in the reader's language too: the words
        it puts together (a neutral name, a label) are theirs, not the site's."""
        with translation.override(self.language):
            return [render_html(self.template, self.context(), self.language)]

    def html(self):
        return "".join(self.parts())

    def lay_out(self, parts):
        (html,) = parts
        return write_pdf(html)

    def path_for(self, html):
        """The fonts' folder differs between machines (and their temporary folders); the fonts'
        names, which carry their content's digest, are part of the state."""
        digest = hashlib.sha256(html.replace(FONT_FOLDER.as_uri(), "").encode()).hexdigest()[:32]
        return f"{self.folder}/{digest}/{self.language}.pdf"

    def path(self):
        """The path of the PDF of the present state. It is kept while neither the page cache's
        generation (every change of what visitors see) nor the count of other changes moves on;
        both are read before rendering, so a change during the rendering is never filed under the
        new state."""
        key = f"pdf-path:{page_cache.generation()}:{changes()}:{self.folder}:{self.language}"
        path = cache.get(key)
        if path is None:
            path = self.path_for(self.html())
            cache.set(key, path, timeout=3600)
        return path

    def build(self):
        """Lay out and store the PDF of the present state, and delete the files of this language
        made before it: a hidden contribution or a corrected name must not stay on disk. (The files
        of other languages go when they are next made; none is served once out of date.)"""
        parts = self.parts()
        path = self.path_for("".join(parts))
        storage = storages["private"]
        if not storage.exists(path):
            storage.save(path, ContentFile(self.lay_out(parts)))
        made = storage.get_modified_time(path)
        for state in storage.listdir(self.folder)[0]:
            old = f"{self.folder}/{state}/{self.language}.pdf"
            # Only files made before this one: a slower build of an earlier state, finishing
            # after the present one, must not delete it.
            if old != path and storage.exists(old) and storage.get_modified_time(old) <= made:
                storage.delete(old)
        cache.delete(f"pdf-building:{path}")  # should its state come back, it is made again

    def response(self, request, back_url):
        """The stored PDF; before it is made, the worker is asked once and the reader gets a page
        that reloads itself (202) with a way back to `back_url`."""
        path = self.path()
        storage = storages["private"]
        if not storage.exists(path) and cache.add(f"pdf-building:{path}", True, timeout=600):
            build_pdf.enqueue(f"{type(self).__module__}.{type(self).__qualname__}", self.key, self.language)
        try:
            file = storage.open(path)
        except FileNotFoundError:  # not made yet, or replaced by the PDF of a newer state meanwhile
            file = None
        if file is not None:
            return FileResponse(file, content_type="application/pdf", filename=self.filename)
        response = TemplateResponse(request, "pdf/preparing.html", {"back_url": back_url}, status=202)
        response["Retry-After"] = "5"
        return response


@task()
def build_pdf(document, key, language):
    """The worker's side of `PdfDocument.response`: `document` is the class's dotted path."""
    import_string(document)(key, language).build()
