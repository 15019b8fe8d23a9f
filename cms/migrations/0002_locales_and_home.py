"""The five content locales and a Bulgarian home page in place of Wagtail's welcome page."""

import uuid

from django.db import migrations

LANGUAGE_CODES = ["bg", "en", "fr", "ar", "fa"]


def create_locales_and_home(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Locale = apps.get_model("wagtailcore.Locale")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    HomePage = apps.get_model("cms.HomePage")

    for code in LANGUAGE_CODES:
        Locale.objects.get_or_create(language_code=code)
    bulgarian = Locale.objects.get(language_code="bg")

    page_type = ContentType.objects.get(app_label="wagtailcore", model="page")
    Page.objects.filter(content_type=page_type, slug="home", depth=2).delete()
    if HomePage.objects.exists():
        return
    home_type, _ = ContentType.objects.get_or_create(app_label="cms", model="homepage")
    home = HomePage.objects.create(
        title="Отворен град",
        draft_title="Отворен град",
        slug="home",
        content_type=home_type,
        path="00010001",
        depth=2,
        numchild=0,
        url_path="/home/",
        locale=bulgarian,
        translation_key=uuid.uuid4(),
        live=True,
    )
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Otvoren Grad")


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(create_locales_and_home, migrations.RunPython.noop),
    ]
