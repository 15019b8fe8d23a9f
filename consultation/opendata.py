"""Open data of consultations: every published report of a public consultation as CSV and JSON, the
data dictionary in every language and one archive of it all, so that a researcher can reuse the
results without asking the city (docs/open-data.md).

The columns are the справка's (`report_columns()`) and the rows its table (`ReportRow.values()`),
so the page, the PDF, the report's CSV and the open data cannot disagree, and nothing about a
participant is published beyond the name the report shows. The files are the same for everyone
and in no reader's language: the city's texts in them (parts of the draft, neutral participant
labels, reasons) are in Bulgarian, the authoritative language; the participants' own texts are in
the language of their `language` column."""

import hashlib
import io
import json
import zipfile
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from cms.privacy import private_to
from cms.spreadsheets import csv_text

from .models import ConsultationPage, ConsultationReport
from .report import ConsultationReportData, report_columns

# How each type of the data dictionary is written in the files.
TYPES = {
    "integer": _("Whole number"),
    "string": _("Text"),
    "date": _("Date (ISO 8601: YYYY-MM-DD)"),
    "code": _("Code: one of the allowed values"),
}
DICTIONARY_FIELDS = ["column", "type", "language", "meaning", "code", "label"]
OPARL_ENTRY_POINT = "/oparl/v1/system"


def licence():
    return dict(settings.OPEN_DATA_LICENCE)


def absolute(path):
    """Addresses in the files are the site's own (BASE_URL), whichever host name they were asked at."""
    return f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}{path}"


def moment(value):
    """ISO 8601 on Sofia's clock with its offset, to the second."""
    return timezone.localtime(value).replace(microsecond=0).isoformat()


def published_reports():
    """Published reports of live consultations none of whose language versions is private or under
    a private page: a restriction on any version keeps the whole consultation out of the open data,
    even for a visitor who may open it (the files are shared, cached and reused by anyone)."""
    private = ConsultationPage.objects.filter(pk__in=private_to(None)).values("translation_key")
    return (
        ConsultationReport.objects.filter(published_at__isnull=False, consultation__live=True)
        .exclude(consultation__translation_key__in=private)
        .select_related("consultation")
        .prefetch_related("corrections")
        .order_by("-published_at", "pk")
    )


def open_reports(slug=None):
    """The published reports as OpenReport, each with its consultation's live language versions:
    a fixed number of queries whatever the number of reports."""
    reports = published_reports()
    if slug is not None:
        reports = reports.filter(consultation__slug=slug)
    reports = list(reports)
    versions = {}
    for page in (
        ConsultationPage.objects.live()
        .filter(translation_key__in=[report.consultation.translation_key for report in reports])
        .select_related("locale")
    ):
        versions.setdefault(page.translation_key, {})[page.locale.language_code] = page
    return [OpenReport(report, versions.get(report.consultation.translation_key, {})) for report in reports]


def open_report(slug):
    """The report of the consultation with this slug (its address in the site's main language)."""
    return next(iter(open_reports(slug)), None)


class OpenReport:
    """One published report: its consultation's facts and the rows of its справка."""

    def __init__(self, report, versions):
        self.report = report
        self.consultation = report.consultation
        self.versions = versions
        self.slug = self.consultation.slug

    def shown_in(self, language):
        """The consultation's version in `language` and that language, else the original's."""
        if language in self.versions:
            return self.versions[language], language
        return self.consultation, settings.LANGUAGE_CODE

    @property
    def row_count(self):
        """As published: the figures frozen at publication count the report's public contributions."""
        figures = self.report.figures
        return figures["comments"] + figures["proposals"]

    @cached_property
    def rows(self):
        with translation.override(settings.LANGUAGE_CODE):
            data = ConsultationReportData(self.consultation, AnonymousUser(), self.report)
            return [row.values() for row in data.table]

    def facts(self):
        versions = sorted(self.versions.items(), key=lambda item: language_order(item[0]))
        return {
            "slug": self.slug,
            "title": {code: page.title for code, page in versions},
            "opened": moment(self.consultation.opens_at),
            "closed": moment(self.consultation.closes_at),
            "report_published": moment(self.report.published_at),
            "report_url": {
                code: absolute(page.get_url_parts()[2] + page.reverse_subpage("report_page"))
                for code, page in versions
            },
            # The language of what the city wrote in the rows: parts of the draft, labels, reasons.
            "city_language": settings.LANGUAGE_CODE,
            "corrections": [
                {"date": timezone.localdate(correction.created_at).isoformat(), "text": correction.text}
                for correction in self.report.corrections.all()
            ],
        }

    def csv(self):
        keys = [column.key for column in report_columns()]
        return csv_text([keys, *([row[key] for key in keys] for row in self.rows)])

    def json(self):
        return to_json(
            {"consultation": self.facts(), "licence": licence(), "columns": dictionary(), "rows": self.rows}
        )


def listing(language):
    """The reports as the open data page lists them, each consultation in the reader's language
    where it has a version in it."""
    return [Listed(entry, *entry.shown_in(language)) for entry in open_reports()]


@dataclass
class Listed:
    entry: OpenReport
    page: ConsultationPage
    language: str


def language_order(code):
    return [language for language, _name in settings.LANGUAGES].index(code)


def dictionary():
    """Every column with its type, meaning and allowed values in every language of the site: the
    справка's own definitions (`report_columns()`), read in each language (labels are lazy, so
    they are read while the language is active)."""
    meanings, labels = {}, {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            for column in report_columns():
                meanings.setdefault(column.key, {})[code] = str(column.meaning)
                for value, label in column.values:
                    labels.setdefault((column.key, value), {})[code] = str(label)
    return [
        {
            "key": column.key,
            "type": column.type,
            "meaning": meanings[column.key],
            "values": [
                {"code": value, "label": labels[column.key, value]} for value, _label in column.values
            ],
        }
        for column in report_columns()
    ]


def dictionary_csv():
    """One row per column, language and allowed value (one with an empty code for a column without
    a list of values): a language column, not a column per language."""
    rows = [DICTIONARY_FIELDS]
    for column in dictionary():
        for code, _name in settings.LANGUAGES:
            base = [column["key"], column["type"], code, column["meaning"][code]]
            values = column["values"] or [{"code": "", "label": {code: ""}}]
            rows += [[*base, value["code"], value["label"][code]] for value in values]
    return csv_text(rows)


def dictionary_json():
    return to_json({"licence": licence(), "columns": dictionary()})


def to_json(data):
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def readme():
    """What the archive is, where it comes from, its licence and how to cite it, in every language."""
    parts = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            parts.append(
                render_to_string(
                    "consultation/open_data/readme.txt",
                    {"licence": licence(), "source": absolute(reverse("open_data"))},
                )
            )
    return "\n\n".join(part.strip() for part in parts) + "\n"


def archive():
    """Everything in one ZIP: every report's CSV and JSON, the data dictionary and a README. Its
    members are dated by the newest report, so the same data makes the same bytes (and ETag)."""
    reports = open_reports()
    newest = max((entry.report.published_at for entry in reports), default=None)
    stamp = timezone.localtime(newest).timetuple()[:6] if newest else datetime(1980, 1, 1).timetuple()[:6]
    members = {
        "README.txt": readme(),
        "data-dictionary.csv": dictionary_csv(),
        "data-dictionary.json": dictionary_json(),
    }
    for entry in reports:
        members[f"consultations/{entry.slug}.csv"] = entry.csv()
        members[f"consultations/{entry.slug}.json"] = entry.json()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zipped:
        for name, text in members.items():
            zipped.writestr(
                zipfile.ZipInfo(name, date_time=stamp), text.encode("utf-8"), zipfile.ZIP_DEFLATED
            )
    return buffer.getvalue()


def digest(content):
    """An ETag of the content, so a harvester asking again gets "not modified"."""
    return hashlib.sha256(content).hexdigest()[:32]
