import pytest
from django.urls import reverse

from programmes.tests.factories import PartnerFactory

from .factories import CoSponsorLinkFactory

pytestmark = pytest.mark.django_db


def test_contributions_shares_and_filter_by_co_sponsor(personas):
    ilo, iom = PartnerFactory(name="International Labour Organization"), PartnerFactory(name="IOM")
    CoSponsorLinkFactory(partner=ilo, contribution_eur=2500)
    CoSponsorLinkFactory(partner=iom, contribution_eur=1000)
    CoSponsorLinkFactory(partner=ilo, activity__unit_area="policing")  # another area: not here
    response = personas["manager"].get(reverse("trafficking:cosponsorship"))
    assert [(t["partner__name"], t["contribution"]) for t in response.context["totals"]] == [
        ("International Labour Organization", 2500),
        ("IOM", 1000),
    ]
    response = personas["manager"].get(reverse("trafficking:cosponsorship"), {"partner": iom.pk})
    (link,) = response.context["page"].object_list
    assert link.partner == iom and link.share == 10
    assert "10%" in response.content.decode()


def test_query_count_does_not_grow(personas, django_assert_max_num_queries, django_assert_num_queries):
    CoSponsorLinkFactory()
    with django_assert_max_num_queries(15) as small:
        personas["manager"].get(reverse("trafficking:cosponsorship"))
    for _ in range(6):
        CoSponsorLinkFactory()
    with django_assert_num_queries(len(small.captured_queries)):
        personas["manager"].get(reverse("trafficking:cosponsorship"))


@pytest.mark.parametrize("name", ["trafficking:index", "trafficking:nrm", "trafficking:cosponsorship"])
def test_staff_of_other_units_are_refused(personas, name):
    assert personas["staff_same_unit"].get(reverse(name)).status_code == 403  # policing
    assert personas["staff_other_unit"].get(reverse(name)).status_code == 403  # counter-terrorism
