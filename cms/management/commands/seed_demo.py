"""Build the demo site from the texts in shared/seeds (see cms/demo/*.json): idempotent.

Later issues add their own steps; each step creates what is missing and leaves what exists.
"""

import html
import json
from collections import defaultdict
from pathlib import Path

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.models import Locale, Site
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from accounts import roles
from cms.models import HomePage, LegalPages, StandardPage

DEMO_DIR = Path(__file__).resolve().parent.parent.parent / "demo"
DEMO_PASSWORD = "otvoren-grad-demo"

DEMO_ACCOUNTS = [
    ("participant@example.org", "Амира", []),
    ("moderator@example.org", "Модератор (Столична община)", [roles.MODERATORS]),
    ("editor@example.org", "Редактор (Столична община)", [roles.EDITORS]),
    ("publisher@example.org", "Публикуващ (Столична община)", [roles.PUBLISHERS]),
    ("chair@example.org", "Председател на съвета", [roles.COUNCIL_MEMBERS]),
    ("secretary@example.org", "Секретар на съвета", [roles.COUNCIL_SECRETARIAT]),
] + [(f"member{n}@example.org", f"Член на съвета {n}", [roles.COUNCIL_MEMBERS]) for n in range(1, 8)]


def load_demo_content():
    return {
        code: json.loads((DEMO_DIR / f"{code}.json").read_text("utf-8")) for code, _ in settings.LANGUAGES
    }


def paragraphs(texts):
    return "".join(f"<p>{html.escape(text, quote=False)}</p>" for text in texts)


class Command(BaseCommand):
    help = "Create the demo content and accounts (never run it in production)."

    @transaction.atomic
    def handle(self, *args, **options):
        if not settings.DEMO_DATA_ALLOWED:
            raise CommandError("seed_demo creates accounts with a public password: never in production.")
        content = load_demo_content()
        self.seed_pages(content)
        self.seed_accounts()
        if options["verbosity"]:
            self.stdout.write(self.style.SUCCESS(f"Demo ready in {len(content)} languages."))

    def seed_pages(self, content):
        source_language = settings.LANGUAGE_CODE
        home = HomePage.objects.get(locale__language_code=source_language, depth=2)
        bg_home = content[source_language]["home"]
        if home.title != bg_home["title"] or not home.body:
            home.title = bg_home["title"]
            home.intro = bg_home["intro"]
            home.body = paragraphs(bg_home["body"])
            home.save_revision().publish()

        pages = {}
        for spec in content[source_language]["pages"]:
            page = StandardPage.objects.filter(locale=home.locale, slug=spec["slug"]).first()
            if page is None:
                page = home.add_child(
                    instance=StandardPage(
                        title=spec["title"],
                        slug=spec["slug"],
                        intro=spec["intro"],
                        body=paragraphs(spec["body"]),
                    )
                )
                page.save_revision().publish()
            pages[spec["key"]] = page

        for code, _name in settings.LANGUAGES:
            if code == source_language:
                continue
            locale = Locale.objects.get(language_code=code)
            self.translate(home, locale, content[source_language]["home"], content[code]["home"])
            for source_spec, spec in zip(
                content[source_language]["pages"], content[code]["pages"], strict=True
            ):
                self.translate(pages[spec["key"]], locale, source_spec, spec)

        legal = LegalPages.for_site(Site.objects.get(is_default_site=True))
        legal.terms_page = pages["terms"]
        legal.privacy_page = pages["privacy"]
        legal.save()

    def translate(self, page, locale, source_spec, spec):
        """Translate a page through wagtail-localize, so translators can go on editing it there."""
        if page.get_translation_or_none(locale) is not None:
            return
        source, _created = TranslationSource.get_or_create_from_instance(page)
        translation, _created = Translation.objects.get_or_create(source=source, target_locale=locale)
        translated = {
            "title": [spec["title"]],
            "slug": [source_spec.get("slug", page.slug)],
            "intro": [spec["intro"]],
            "body": [html.escape(text, quote=False) for text in spec["body"]],
        }
        segments = defaultdict(list)
        for segment in (
            StringSegment.objects.filter(source=source).select_related("context").order_by("order")
        ):
            segments[segment.context.path].append(segment)
        for path, field_segments in segments.items():
            for segment, text in zip(field_segments, translated[path], strict=True):
                StringTranslation.objects.update_or_create(
                    translation_of_id=segment.string_id,
                    locale=locale,
                    context=segment.context,
                    defaults={"data": text, "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL},
                )
        # wagtail-localize would publish on commit, from a page object that is stale by then (its
        # numchild misses the children added later in this transaction): publish here instead.
        translation.save_target(publish=False)
        page.get_translation(locale).get_latest_revision().publish()

    def seed_accounts(self):
        User = get_user_model()
        password = make_password(DEMO_PASSWORD)  # hashed once: hashing is slow on purpose
        for email, display_name, group_names in DEMO_ACCOUNTS:
            user, created = User.objects.get_or_create(
                email=email,
                defaults={"display_name": display_name, "preferred_language": settings.LANGUAGE_CODE},
            )
            if created:
                user.password = password
                user.accept_terms()
                user.save()
            EmailAddress.objects.update_or_create(
                user=user, email=email, defaults={"verified": True, "primary": True}
            )
            user.groups.add(*Group.objects.filter(name__in=group_names))
