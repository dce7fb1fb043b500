import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_anonymous_users_are_sent_to_the_login_page(client):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_sign_in_and_out(client, staff_policing):
    response = client.post(reverse("accounts:login"), {"username": staff_policing.username, "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == reverse("home")
    assert client.get(reverse("home")).status_code == 200
    client.post(reverse("accounts:logout"))
    assert client.get(reverse("home")).status_code == 302


def test_wrong_password_is_refused_with_a_message(client, staff_policing):
    response = client.post(reverse("accounts:login"), {"username": staff_policing.username, "password": "nope"})
    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.content.decode()


def test_navigation_shows_administration_only_to_administrators(personas):
    admin_link = f'href="{reverse("admin:index")}"'
    assert admin_link in personas["administrator"].get(reverse("home")).content.decode()
    for persona in ("staff_same_unit", "staff_other_unit", "manager"):
        assert admin_link not in personas[persona].get(reverse("home")).content.decode()


def test_home_lists_planned_activities_of_the_users_units_only(personas):
    import datetime

    from programmes.tests.factories import ActivityFactory

    soon = timezone.localdate() + datetime.timedelta(days=3)
    planned = {"status": "planned", "start_date": soon, "end_date": soon}
    ActivityFactory(unit_area="policing", title="CAG meeting in Ganja", **planned)
    ActivityFactory(unit_area="counterterrorism", title="Cyber-crime workshop", **planned)
    policing_page = personas["staff_same_unit"].get(reverse("home")).content.decode()
    ct_page = personas["staff_other_unit"].get(reverse("home")).content.decode()
    assert "CAG meeting in Ganja" in policing_page and "Cyber-crime workshop" not in policing_page
    assert "Cyber-crime workshop" in ct_page and "CAG meeting in Ganja" not in ct_page


def test_language_switch_translates_the_page(client, staff_policing):
    client.force_login(staff_policing)
    client.post(reverse("set_language"), {"language": "az", "next": "/"})
    assert 'lang="az"' in client.get(reverse("home")).content.decode()
