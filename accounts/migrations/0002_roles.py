"""Role groups (docs/domain.md): editors write pages, publishers approve them, moderators look after
contributions, and the council's members and secretariat have their own area.

Wagtail's own migrations create "Editors" and "Moderators" (who publish pages). Here the latter
becomes "Publishers", with its approval workflow, and "Moderators" means moderators of
participants' contributions.
"""

from django.db import migrations


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    Task = apps.get_model("wagtailcore.Task")
    Workflow = apps.get_model("wagtailcore.Workflow")

    if not Group.objects.filter(name="Publishers").exists():
        Group.objects.filter(name="Moderators").update(name="Publishers")
        Task.objects.filter(name="Moderators approval").update(name="Publishers approval")
        Workflow.objects.filter(name="Moderators approval").update(name="Publishers approval")

    access_admin = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    Group.objects.get_or_create(name="Editors")[0].permissions.add(access_admin)
    Group.objects.get_or_create(name="Moderators")[0].permissions.add(access_admin)
    Group.objects.get_or_create(name="Council members")
    Group.objects.get_or_create(name="Council secretariat")


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        # Every migration that grants permissions to Wagtail's "Moderators" group runs first.
        ("wagtailadmin", "0006_formstate"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
        ("wagtail_localize", "0006_create_submit_translation_permission"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [
        migrations.RunPython(create_roles, migrations.RunPython.noop),
    ]
