"""The activity form, the top menu and refusals (issue 17 §7)."""

import datetime

import pytest
from django.urls import reverse

from programmes.models import Activity
from programmes.tests.factories import ActivityFactory, PartnerFactory, ProjectFactory

pytestmark = pytest.mark.django_db


def _form_page(client):
    return client.get(reverse("activity_create")).content.decode()


def test_headcount_fields_are_not_required_and_blank_means_none(personas):
    page = _form_page(personas["staff_same_unit"])
    for name in ("headcount_women", "headcount_men", "headcount_unrecorded"):
        field_html = page.split(f'id="id_{name}"')[0].rsplit("<label", 1)[-1]
        assert "asteriskField" not in field_html
    project = ProjectFactory()
    data = {
        "project": project.pk, "kind": "training", "title": "Named training", "start_date": "2012-03-01",
        "end_date": "2012-03-01", "participant_mode": "roster",
        "partners-TOTAL_FORMS": "0", "partners-INITIAL_FORMS": "0",
    }  # fmt: skip
    response = personas["staff_same_unit"].post(reverse("activity_create"), data)
    assert response.status_code == 302, response.context["form"].errors
    activity = Activity.objects.get(title="Named training")
    assert (activity.headcount_women, activity.headcount_men, activity.headcount_unrecorded) == (0, 0, 0)


def test_partner_rows_are_added_in_place_and_their_labels_are_not_repeated(personas):
    page = _form_page(personas["staff_same_unit"])
    assert 'id="partner-row-template"' in page and "partners-__prefix__-partner" in page
    assert "data-add-formset-row" in page
    table = page.split('data-testid="partner-formset"')[1].split("</table>")[0]
    assert "<label" not in table and 'aria-label="Partner"' in table
    # Rows added in the browser are numbered past the initial ones: the server takes them all.
    project = ProjectFactory()
    first, second, third = PartnerFactory(), PartnerFactory(), PartnerFactory()
    data = {
        "project": project.pk, "kind": "training", "title": "Three partners", "start_date": "2012-03-01",
        "end_date": "2012-03-01", "participant_mode": "roster",
        "partners-TOTAL_FORMS": "3", "partners-INITIAL_FORMS": "0",
    }  # fmt: skip
    for i, partner in enumerate((first, second, third)):
        data[f"partners-{i}-partner"] = partner.pk
        data[f"partners-{i}-role"] = "beneficiary"
    assert personas["staff_same_unit"].post(reverse("activity_create"), data).status_code == 302
    assert Activity.objects.get(title="Three partners").partner_links.count() == 3


def test_unit_pages_are_grouped_under_one_menu(personas):
    page = personas["manager"].get(reverse("home")).content.decode()
    menu = page.split(">Programme areas</button>")[1].split("</ul>")[0]
    for url in ("policing:index", "training:index", "trafficking:index"):
        assert reverse(url) in menu
    # Staff of one unit have one unit page: it stays in the bar.
    page = personas["staff_same_unit"].get(reverse("home")).content.decode()
    assert ">Programme areas</button>" not in page and reverse("policing:index") in page
    # Administrators' own pages share one menu too.
    page = personas["administrator"].get(reverse("home")).content.decode()
    menu = page.split(">Administration</button>")[1].split("</ul>")[0]
    assert reverse("admin:index") in menu and reverse("audit:changes") in menu


def test_the_menu_follows_a_change_of_units_or_roles_at_once(personas, staff_policing):
    """The menu is cached per what access decides from (accounts.access.decision_inputs): a change to a user's units
    or groups shows on their next page, and the active entry follows the page."""
    from django.contrib.auth.models import Group

    from accounts.roles import Role

    client = personas["staff_same_unit"]

    def menu(url_name="home"):
        page = client.get(reverse(url_name)).content.decode()
        return page[page.index('<ul class="navbar-nav') : page.index("</ul>", page.index('<ul class="navbar-nav'))]

    assert reverse("policing:index") in menu() and reverse("trafficking:index") not in menu()
    assert 'href="/policing/"\n          aria-current="page"' in menu("policing:index")
    staff_policing.unit_areas = [*staff_policing.unit_areas, "trafficking"]
    staff_policing.save()
    assert reverse("trafficking:index") in menu()
    assert reverse("review_queue") not in menu()
    staff_policing.groups.add(Group.objects.get(name=Role.MANAGER.value))
    assert reverse("review_queue") in menu()


def test_a_refusal_to_view_says_so(personas):
    response = personas["staff_same_unit"].get(reverse("unit_dashboard", args=["counterterrorism"]))
    assert response.status_code == 403
    page = response.content.decode()
    assert "You cannot view this page" in page and "locked" not in page


def test_a_refused_change_says_why(personas):
    today = datetime.date(2012, 3, 1)
    activity = ActivityFactory(status="approved", start_date=today, end_date=today)
    response = personas["staff_same_unit"].get(reverse("activity_edit", args=[activity.pk]))
    assert response.status_code == 403
    assert "This activity is approved: it can no longer be changed." in response.content.decode()
