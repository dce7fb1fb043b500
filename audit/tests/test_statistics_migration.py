"""Access records of the former trafficking-specific kinds become the generic statistics kinds naming the unit."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from accounts.tests.factories import UserFactory

BEFORE = [("audit", "0001_initial")]
AFTER = [("audit", "0002_statistics_kinds_with_unit_area")]


@pytest.mark.django_db(transaction=True)
def test_trafficking_kinds_become_statistics_kinds_of_the_trafficking_unit():
    user = UserFactory(username="nrm.reader")
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    OldLog = executor.loader.project_state(BEFORE).apps.get_model("audit", "AccessLog")  # noqa: N806 - a model class
    for action in ("view_trafficking", "export_trafficking", "view_personal"):
        OldLog.objects.create(user_id=user.pk, action=action, detail=action)

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    executor.loader.build_graph()
    from audit.models import AccessLog

    assert sorted(AccessLog.objects.values_list("detail", "action", "unit_area")) == [
        ("export_trafficking", "export_statistics", "trafficking"),
        ("view_personal", "view_personal", ""),
        ("view_trafficking", "view_statistics", "trafficking"),
    ]
