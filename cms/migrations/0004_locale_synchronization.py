"""Keep every language's page tree in step with the Bulgarian one: a page not yet translated
exists in the other trees as an alias of the Bulgarian page, so readers never get a 404."""

from django.db import migrations


def synchronise_from_bulgarian(apps, schema_editor):
    Locale = apps.get_model("wagtailcore.Locale")
    LocaleSynchronization = apps.get_model("wagtail_localize.LocaleSynchronization")
    bulgarian = Locale.objects.get(language_code="bg")
    for locale in Locale.objects.exclude(pk=bulgarian.pk):
        LocaleSynchronization.objects.get_or_create(locale=locale, defaults={"sync_from": bulgarian})


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0003_actionplanpage_indicator_indicatorvalue_measure"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [migrations.RunPython(synchronise_from_bulgarian, migrations.RunPython.noop)]
