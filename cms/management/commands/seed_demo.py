"""Build the demo site from the texts in cms/demo/<language>.json (Bulgarian first, the other four
languages as wagtail-localize translations): the demo accounts of the README (one published
password, verified addresses, role groups); the home page, the bureau, terms and privacy pages and
the accessibility statement; the action plan with two published versions, its measures and
indicators; the bureau's calendar; three consultations (open, upcoming, and closed with every
contribution answered and the report published) with their sections, contributions and polls
(consultation/demo.py); and the council: a chair, a secretary and seven members; a held meeting
with a named and a secret vote, whose minutes a vote of a second held meeting approved; and a
planned meeting (council/demo.py).
`--scale N` then fills the open consultation with N contributions for the benchmarks.

Idempotent: each step creates what is missing and leaves what exists. Refused unless the settings
allow demo data (DEMO_DATA_ALLOWED: development only), because the password is public.
"""

import html
import json
from datetime import UTC, date, datetime
from pathlib import Path

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.timezone import make_aware
from wagtail.models import Locale, Page, PageLogEntry, Revision, Site
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from accounts import roles
from cms import page_cache
from cms.models import (
    AccessibilityStatementPage,
    ActionPlanPage,
    EventIndexPage,
    EventPage,
    HomePage,
    Indicator,
    IndicatorValue,
    LegalPages,
    Measure,
    StandardPage,
)
from cms.text import html_list, paragraphs
from consultation.demo import add_contributions, consultation_polls, scale_consultation, seed_consultations
from council.demo import seed_council

DEMO_DIR = Path(__file__).resolve().parent.parent.parent / "demo"
DEMO_PASSWORD = "otvoren-grad-demo"  # noqa: S105 -- published in the README, refused in production

# (email, display name, roles, self-declared respondent category, preferred language)
DEMO_ACCOUNTS = [
    ("participant@example.org", "Амира", [], "refugee", "ar"),
    ("participant2@example.org", "Реза", [], "refugee", "fa"),
    ("participant3@example.org", "Мария", [], "bg_citizen", "bg"),
    ("participant4@example.org", "David", [], "third_country", "en"),
    ("participant5@example.org", "Aminata", [], "third_country", "fr"),
    ("moderator@example.org", "Модератор (Столична община)", [roles.MODERATORS], "", "bg"),
    ("editor@example.org", "Редактор (Столична община)", [roles.EDITORS], "", "bg"),
    ("publisher@example.org", "Публикуващ (Столична община)", [roles.PUBLISHERS], "", "bg"),
    ("chair@example.org", "Председател на съвета", [roles.COUNCIL_MEMBERS], "", "bg"),
    ("secretary@example.org", "Секретар на съвета", [roles.COUNCIL_SECRETARIAT], "", "bg"),
] + [
    (f"member{n}@example.org", f"Член на съвета {n}", [roles.COUNCIL_MEMBERS], "", "bg") for n in range(1, 8)
]


def load_demo_content():
    return {
        code: json.loads((DEMO_DIR / f"{code}.json").read_text("utf-8")) for code, _ in settings.LANGUAGES
    }


MEASURE_FIELDS = ["title", "description", "spheres", "target_groups", "responsible", "timeline", "status"]
INDICATOR_FIELDS = [
    "name",
    "description",
    "unit",
    "baseline_year",
    "baseline_value",
    "target_year",
    "target_value",
]
FIRST_VERSION_DATE = datetime(2026, 3, 12, 10, 0, tzinfo=UTC)


def text_pairs(source, target):
    """Each Bulgarian text of the demo content with its translation, as plain and as rich text."""
    if isinstance(source, str):
        yield source, target
        yield html.escape(source, quote=False), html.escape(target, quote=False)
    elif isinstance(source, list):
        for source_item, target_item in zip(source, target, strict=True):
            yield from text_pairs(source_item, target_item)
    elif isinstance(source, dict):
        # Participants' contributions exist only in the language they were written in.
        for key, value in source.items():
            if key in target:
                yield from text_pairs(value, target[key])


def backdate(page, revision, when):
    """Make a demo version look as if it was published on an earlier date."""
    Revision.objects.filter(pk=revision.pk).update(created_at=when, approved_go_live_at=None)
    PageLogEntry.objects.filter(page=page, revision=revision).update(timestamp=when)
    Page.objects.filter(pk=page.pk).update(first_published_at=when, last_published_at=when)


class Command(BaseCommand):
    help = "Create the demo content and accounts (never run it in production)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            type=int,
            default=0,
            metavar="N",
            help="Then fill the open consultation with N contributions (comments, replies, proposals, "
            "with supports and poll answers), for the benchmarks.",
        )

    @transaction.atomic
    def handle(self, *args, **options):
        if not settings.DEMO_DATA_ALLOWED:
            raise CommandError("seed_demo creates accounts with a public password: never in production.")
        content = load_demo_content()
        self.seed_accounts()
        self.seed_pages(content)
        seed_council()
        if options["verbosity"]:
            self.stdout.write(self.style.SUCCESS(f"Demo ready in {len(content)} languages."))
        if options["scale"]:
            spec = content[settings.LANGUAGE_CODE]["consultations"]
            page = scale_consultation(spec)
            added = add_contributions(page, options["scale"], spec)
            page_cache.invalidate()  # bulk_create sends no signal
            if options["verbosity"]:
                self.stdout.write(self.style.SUCCESS(f"{added} contributions added to “{page.title}”."))

    def seed_pages(self, content):
        source_language = settings.LANGUAGE_CODE
        source = content[source_language]
        home = HomePage.objects.get(locale__language_code=source_language, depth=2)
        if home.title != source["home"]["title"] or not home.body:
            home.title = source["home"]["title"]
            home.intro = source["home"]["intro"]
            home.body = paragraphs(source["home"]["body"])
            home.save_revision().publish()

        pages = {}
        for spec in source["pages"]:
            page = StandardPage.objects.filter(locale=home.locale, slug=spec["slug"]).first()
            if page is None:
                page = home.add_child(
                    instance=StandardPage(
                        title=spec["title"],
                        slug=spec["slug"],
                        intro=spec["intro"],
                        body=paragraphs(spec["body"]),
                        show_in_menus=spec["key"] == "bureau",
                    )
                )
                page.save_revision().publish()
            pages[spec["key"]] = page
        translations = {
            code: dict(text_pairs(source, content[code]))
            for code, _name in settings.LANGUAGES
            if code != source_language
        }
        statement = self.seed_accessibility_statement(home, source["accessibility_statement"])
        self.translate_all([home, *pages.values(), statement], translations)
        self.seed_action_plan(home, source["action_plan"], translations)
        indicators = self.seed_indicators(home.locale, source["action_plan"]["indicators"])
        calendar_pages = self.seed_calendar(pages["bureau"], source["calendar"])
        self.translate_all([*indicators, *calendar_pages], translations)
        consultation_pages = seed_consultations(home, source["consultations"])
        self.translate_all([*consultation_pages, *consultation_polls(consultation_pages[1:])], translations)

        legal = LegalPages.for_site(Site.objects.get(is_default_site=True))
        legal.terms_page = pages["terms"]
        legal.privacy_page = pages["privacy"]
        legal.accessibility_statement_page = statement
        legal.save()

    def translate_all(self, instances, translations):
        """Parents before children: a page's translation goes under its parent's translation."""
        for code, texts in translations.items():
            locale = Locale.objects.get(language_code=code)
            for instance in instances:
                self.translate(instance, locale, texts)

    def seed_action_plan(self, home, spec, translations):
        """The plan with two published versions in every language: March 2026 and the current one."""
        plan = ActionPlanPage.objects.filter(locale=home.locale, slug=spec["slug"]).first()
        if plan is not None:
            return plan
        measures = [
            Measure(locale=home.locale, **{key: measure[key] for key in MEASURE_FIELDS})
            for measure in spec["measures"]
        ]
        for order, measure in enumerate(measures):
            measure.description = paragraphs([measure.description])
            measure.sort_order = order
        plan = home.add_child(
            instance=ActionPlanPage(
                title=spec["title"],
                slug=spec["slug"],
                intro=spec["intro"],
                goals=html_list("ol", spec["goals"]),
                target_groups_text=paragraphs([spec["target_groups_intro"]])
                + html_list("ul", spec["target_groups"]),
                show_in_menus=True,
            )
        )
        # The older version: three measures fewer, the advisory council still in progress, the
        # method of the plan's making not yet told to its end.
        plan.measures = measures[:-3]
        plan.method = paragraphs(spec["method"][:1])
        measures[0].status = Measure.Status.IN_PROGRESS
        plan.save_revision().publish()
        # Fresh from the database: the object in hand still holds the unsaved measures.
        plan = ActionPlanPage.objects.get(pk=plan.pk)
        self.translate_version(plan, translations, published_at=FIRST_VERSION_DATE)

        plan = ActionPlanPage.objects.get(pk=plan.pk)
        published = list(plan.measures.all())
        published[0].status = Measure.Status.DONE
        plan.method = paragraphs(spec["method"])
        plan.measures = published + measures[-3:]
        plan.save_revision().publish()
        plan = ActionPlanPage.objects.get(pk=plan.pk)
        self.translate_version(plan, translations)
        return plan

    def translate_version(self, page, translations, published_at=None):
        """Publish the page's current text in every language, dated `published_at` if given."""
        for page_in_language in [page, *self.translated(page, translations)]:
            if published_at:
                backdate(page_in_language, page_in_language.live_revision, published_at)

    def translated(self, page, translations):
        for code, texts in translations.items():
            locale = Locale.objects.get(language_code=code)
            self.translate(page, locale, texts, update=True)
            yield page.get_translation(locale)

    def seed_accessibility_statement(self, home, spec):
        """The statement of this site's accessibility, from what its tests check and what they do not."""
        statement = AccessibilityStatementPage.objects.filter(locale=home.locale, slug=spec["slug"]).first()
        if statement is None:
            statement = home.add_child(
                instance=AccessibilityStatementPage(
                    title=spec["title"],
                    slug=spec["slug"],
                    intro=spec["intro"],
                    compliance_status=spec["compliance_status"],
                    non_compliance=html_list("ul", spec["non_compliance"]),
                    disproportionate_burden=paragraphs(spec["disproportionate_burden"]),
                    out_of_scope=html_list("ul", spec["out_of_scope"]),
                    prepared_on=date.fromisoformat(spec["prepared_on"]),
                    method=spec["method"],
                    assessment=paragraphs(spec["assessment"]),
                    last_reviewed_on=date.fromisoformat(spec["last_reviewed_on"]),
                    next_review_on=date.fromisoformat(spec["next_review_on"]),
                    feedback=paragraphs(spec["feedback"]),
                    contact_email=spec["contact_email"],
                    contact_address=spec["contact_address"],
                    enforcement_body=spec["enforcement_body"],
                    enforcement_procedure=paragraphs(spec["enforcement_procedure"]),
                )
            )
            statement.save_revision().publish()
        return statement

    def seed_calendar(self, bureau, spec):
        """The bureau's calendar page and its events; returned parents first, for translating."""
        calendar = EventIndexPage.objects.child_of(bureau).filter(slug=spec["slug"]).first()
        if calendar is None:
            calendar = bureau.add_child(
                instance=EventIndexPage(title=spec["title"], slug=spec["slug"], intro=spec["intro"])
            )
            calendar.save_revision().publish()
        events = []
        for event_spec in spec["events"]:
            event = EventPage.objects.child_of(calendar).filter(slug=event_spec["slug"]).first()
            if event is None:
                event = calendar.add_child(
                    instance=EventPage(
                        title=event_spec["title"],
                        slug=event_spec["slug"],
                        start=make_aware(datetime.fromisoformat(event_spec["start"])),
                        end=make_aware(datetime.fromisoformat(event_spec["end"])),
                        place=event_spec["place"],
                        activity_languages=event_spec["languages"],
                        description=paragraphs(event_spec["description"]),
                    )
                )
                event.save_revision().publish()
            events.append(event)
        return [calendar, *events]

    def seed_indicators(self, locale, specs):
        indicators = []
        for order, spec in enumerate(specs):
            indicator = Indicator.objects.filter(locale=locale, name=spec["name"]).first()
            if indicator is None:
                indicator = Indicator(
                    locale=locale,
                    sort_order=order,
                    is_demo=True,
                    **{key: spec[key] for key in INDICATOR_FIELDS},
                )
                indicator.values = [
                    IndicatorValue(year=int(year), value=value) for year, value in spec["values"].items()
                ]
                indicator.save()
            indicators.append(indicator)
        return indicators

    def translate(self, instance, locale, translations, update=False):
        """Translate a page or snippet through wagtail-localize, so translators can go on editing it
        there; `translations` maps each Bulgarian text to its translation. Without `update`, an
        existing translation is left as it is."""
        if not update and instance.get_translation_or_none(locale) is not None:
            return
        source, _created = TranslationSource.update_or_create_from_instance(instance)
        translation, _created = Translation.objects.get_or_create(source=source, target_locale=locale)
        segments = StringSegment.objects.filter(source=source).select_related("string", "context")
        for segment in segments:
            # Slugs stay the same in every language, so addresses differ only by their prefix.
            keep = segment.string.data if segment.context.path == "slug" else None
            text = translations.get(segment.string.data, keep)
            if text is None:
                raise CommandError(
                    f"cms/demo/{locale.language_code}.json has no translation of {segment.string.data!r}"
                )
            StringTranslation.objects.update_or_create(
                translation_of=segment.string,
                locale=locale,
                context=segment.context,
                defaults={"data": text, "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL},
            )
        if isinstance(instance, Page):
            # wagtail-localize would publish on commit, from a page object that is stale by then (its
            # numchild misses the children added later in this transaction): publish here instead.
            translation.save_target(publish=False)
            instance.get_translation(locale).get_latest_revision().publish()
        else:
            translation.save_target()

    def seed_accounts(self):
        User = get_user_model()
        password = make_password(DEMO_PASSWORD)  # hashed once: hashing is slow on purpose
        for email, display_name, group_names, category, language in DEMO_ACCOUNTS:
            user, created = User.objects.get_or_create(
                email=email,
                defaults={
                    "display_name": display_name,
                    "respondent_category": category,
                    "preferred_language": language,
                },
            )
            if created:
                user.password = password
                user.accept_terms()
                user.save()
            EmailAddress.objects.update_or_create(
                user=user, email=email, defaults={"verified": True, "primary": True}
            )
            user.groups.add(*Group.objects.filter(name__in=group_names))
