import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from trafficking import selectors
from trafficking.models import Measure, ProgressUpdate

from .factories import MeasureFactory, PlanFactory, ProgressUpdateFactory, ThbActivityFactory

pytestmark = pytest.mark.django_db


def test_coverage_matrix_shows_support_by_year_and_late_measures():
    plan = PlanFactory(start_year=2020, end_year=2024)
    supported = MeasureFactory(plan=plan, number="1.1", deadline=datetime.date(2021, 12, 31))
    supported.activities.add(
        ThbActivityFactory(start_date=datetime.date(2021, 3, 1), end_date=datetime.date(2021, 3, 2)),
        ThbActivityFactory(start_date=datetime.date(2021, 5, 1), end_date=datetime.date(2021, 5, 1)),
    )
    ProgressUpdateFactory(measure=supported, status="completed", reported_on=datetime.date(2021, 12, 20))
    late = MeasureFactory(plan=plan, number="1.2", deadline=datetime.date(2021, 12, 31))
    ProgressUpdateFactory(measure=late, status="in_progress", reported_on=datetime.date(2020, 12, 1))
    first, second = selectors.coverage_matrix(plan)
    assert [c["count"] for c in first["cells"]] == [0, 2, 0, 0, 0]
    assert first["status"] == "Completed" and not first["late"]
    assert second["late"] and second["status"] == "In progress"
    assert [c["late"] for c in second["cells"]] == [False, False, True, True, True]


def test_plan_page_query_count_does_not_grow(personas, django_assert_max_num_queries, django_assert_num_queries):
    plan = PlanFactory()

    def build(n):
        for _ in range(n):
            measure = MeasureFactory(plan=plan)
            measure.activities.add(ThbActivityFactory())
            ProgressUpdateFactory(measure=measure)

    build(2)
    url = reverse("trafficking:plan_detail", args=[plan.pk])
    with django_assert_max_num_queries(20) as small:
        personas["manager"].get(url)
    build(6)
    with django_assert_num_queries(len(small.captured_queries)):
        personas["manager"].get(url)


def test_progress_update_with_evidence_and_permission_checked_download(personas):
    from accounts.roles import Role
    from accounts.tests.factories import UserFactory

    measure = MeasureFactory()
    thb = personas["anonymous"]
    thb.force_login(UserFactory(username="sevda.thb", role=Role.STAFF, unit_areas=["trafficking"]))
    response = thb.post(
        reverse("trafficking:progress_create", args=[measure.pk]),
        {
            "reported_on": "2022-12-15",
            "status": "delayed",
            "note": "Budget not released",
            "evidence": SimpleUploadedFile("minutes.pdf", b"%PDF-1.4 minutes"),
        },
    )
    assert response.status_code == 302
    update = ProgressUpdate.objects.get()
    assert update.created_by.username == "sevda.thb"
    url = reverse("trafficking:evidence_download", args=[update.pk])
    assert b"".join(thb.get(url).streaming_content) == b"%PDF-1.4 minutes"
    assert personas["staff_other_unit"].get(url).status_code == 404


def test_measure_form_and_activity_tagging(personas):
    plan = PlanFactory()
    client = personas["administrator"]
    response = client.post(
        reverse("trafficking:measure_create", args=[plan.pk]),
        {"number": "2.1", "text": "Train labour inspectors", "deadline": "2022-12-31"},
    )
    measure = Measure.objects.get()
    assert response.status_code == 302
    duplicate = client.post(
        reverse("trafficking:measure_create", args=[plan.pk]), {"number": "2.1", "text": "x", "deadline": "2022-12-31"}
    )
    assert duplicate.status_code == 200 and Measure.objects.count() == 1
    activity, other = ThbActivityFactory(), ThbActivityFactory(unit_area="counterterrorism")
    url = reverse("trafficking:measure_link", args=[measure.pk])
    client.post(url, {"activity": activity.pk, "action": "link"})
    assert list(measure.activities.all()) == [activity]
    assert client.post(url, {"activity": other.pk}).status_code == 404
