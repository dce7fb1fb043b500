"""Access records of the former trafficking-specific kinds become the generic statistics kinds naming the unit."""

from accounts.tests.factories import UserFactory

BEFORE = [("audit", "0001_initial")]
AFTER = [("audit", "0002_statistics_kinds_with_unit_area")]


def test_trafficking_kinds_become_statistics_kinds_of_the_trafficking_unit(migrator):
    user = UserFactory(username="nrm.reader")
    old_apps = migrator(BEFORE)
    OldLog = old_apps.get_model("audit", "AccessLog")  # noqa: N806 - a model class
    for action in ("view_trafficking", "export_trafficking", "view_personal"):
        OldLog.objects.create(user_id=user.pk, action=action, detail=action)

    migrator(AFTER)
    from audit.models import AccessLog

    assert sorted(AccessLog.objects.values_list("detail", "action", "unit_area")) == [
        ("export_trafficking", "export_statistics", "trafficking"),
        ("view_personal", "view_personal", ""),
        ("view_trafficking", "view_statistics", "trafficking"),
    ]
