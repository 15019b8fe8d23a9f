"""Migration 0013 gives the abuse report its own name (`Report` → `AbuseReport`) and keeps its rows
and the permissions of the old name. PostgreSQL only: its schema changes run inside the test's
transaction and are rolled back with it; SQLite cannot change a schema inside one."""

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from consultation.models import AbuseReport, Comment
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="schema changes inside a transaction"),
]

BEFORE = [("consultation", "0012_freeze_published_figures")]
AFTER = [("consultation", "0013_abuse_report")]


def test_the_rename_keeps_the_abuse_reports_and_their_permissions():
    comment = Comment.objects.filter(parent__isnull=True).first()
    reporter = UserFactory()
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    Report = executor.loader.project_state(BEFORE).apps.get_model("consultation", "Report")
    Report.objects.create(comment_id=comment.pk, reporter_id=reporter.pk, reason="Обидно е.")
    assert Permission.objects.filter(codename="view_report").exists()
    with connection.cursor() as cursor:  # no foreign key checks pending when the table is altered
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")

    MigrationExecutor(connection).migrate(AFTER)

    assert list(comment.abuse_reports.values_list("reporter", "reason")) == [(reporter.pk, "Обидно е.")]
    assert AbuseReport._meta.db_table in connection.introspection.table_names()
    assert Permission.objects.filter(codename="view_abusereport").count() == 1
    assert not Permission.objects.filter(
        content_type__app_label="consultation", codename="view_report"
    ).exists()
