"""Page numbers from the query string: one no database can seek to, or one past the end, is a 404 and never a 500.

`?page=99999999999999999999` made an OFFSET past the signed 64-bit range ("bigint out of range" on PostgreSQL).
"""

import pytest
from django.urls import reverse

from programmes.tests.factories import ActivityFactory
from programmes.tests.factories_results import IndicatorPeriodFactory

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999"


@pytest.fixture
def pages(personas):
    """Every page served by programmes.selectors.page_without_count, with a client that may open it."""
    period = IndicatorPeriodFactory()
    ActivityFactory(project=period.indicator.result.project, status="approved")
    ActivityFactory(status="submitted")
    manager = personas["manager"]
    return [
        (manager, reverse("activity_list")),
        (manager, reverse("review_queue")),
        (manager, reverse("indicator_list")),
        (manager, reverse("period_activities", args=[period.indicator.pk, period.pk])),
        (manager, reverse("reports:index")),
        (manager, reverse("import_list")),
    ]


@pytest.mark.parametrize("number", [HUGE, str(2**63 // 25), "999"])
def test_a_page_number_beyond_the_rows_is_a_404(pages, number):
    for client, url in pages:
        assert client.get(url, {"page": number}).status_code == 404, url


@pytest.mark.parametrize("number", ["1", "", "abc", "-3", "1e99"])
def test_the_first_page_and_unreadable_numbers_show_the_first_page(pages, number):
    for client, url in pages:
        response = client.get(url, {"page": number})
        assert response.status_code == 200, url
        assert response.context["page"].number == 1, url
