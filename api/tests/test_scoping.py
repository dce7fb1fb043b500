"""Through the API every role sees what the pages show it: the same `for_user` querysets, 404 for other units'
records, 403 on another unit's lists, 401 without credentials."""

import pytest

from accounts.units import UnitArea
from programmes.tests.factories import ActivityFactory, ParticipationFactory
from programmes.tests.factories_results import IndicatorPeriodFactory
from trafficking.tests.factories import NrmStatisticFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def records():
    policing = ActivityFactory(unit_area=UnitArea.POLICING)
    ct = ActivityFactory(unit_area=UnitArea.COUNTERTERRORISM)
    return {
        "policing": policing,
        "ct": ct,
        "participation": ParticipationFactory(activity=policing),
        "indicator": IndicatorPeriodFactory(indicator__result__project=policing.project).indicator,
    }


def _ids(response):
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


@pytest.mark.parametrize(
    ("persona", "sees_policing", "sees_ct"),
    [
        ("staff_policing", True, False),
        ("staff_ct", False, True),
        ("manager", True, True),
        ("administrator", True, True),
    ],
)
def test_each_role_sees_its_units_only(request, client_for, records, persona, sees_policing, sees_ct):
    client = client_for(request.getfixturevalue(persona))
    policing, ct = records["policing"], records["ct"]
    expected = {pk for pk, seen in ((policing.pk, sees_policing), (ct.pk, sees_ct)) if seen}
    assert _ids(client.get("/api/v1/activities/")) == expected
    projects = {pk for pk, seen in ((policing.project_id, sees_policing), (ct.project_id, sees_ct)) if seen}
    assert _ids(client.get("/api/v1/projects/")) == projects
    for url, visible in (
        (f"/api/v1/activities/{policing.pk}/", sees_policing),
        (f"/api/v1/activities/{ct.pk}/", sees_ct),
        (f"/api/v1/projects/{policing.project_id}/", sees_policing),
        (f"/api/v1/programmes/{ct.project.programme_id}/", sees_ct),
        (f"/api/v1/participations/{records['participation'].pk}/", sees_policing),
        (f"/api/v1/people/{records['participation'].person_id}/", sees_policing),
        (f"/api/v1/indicators/{records['indicator'].pk}/", sees_policing),
    ):
        assert client.get(url).status_code == (200 if visible else 404), url
    assert bool(_ids(client.get("/api/v1/participations/"))) == sees_policing
    assert client.get("/api/v1/policing/cags/").status_code == (200 if sees_policing else 403)


def test_anonymous_gets_401_json(client, records):
    response = client.get("/api/v1/activities/")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/json"
    assert response["WWW-Authenticate"] == "Token"
    assert "detail" in response.json()


def test_session_authentication_works_like_the_pages(personas, records):
    response = personas["staff_same_unit"].get("/api/v1/activities/")
    assert _ids(response) == {records["policing"].pk}


def test_filters_stay_inside_the_scope(client_for, staff_policing, records):
    client = client_for(staff_policing)
    assert _ids(client.get(f"/api/v1/activities/?project={records['ct'].project_id}")) == set()
    assert _ids(client.get("/api/v1/activities/?unit_area=policing&kind=training")) == {records["policing"].pk}


def test_indicator_periods_show_targets_and_computed_actuals(client_for, manager, records):
    data = client_for(manager).get(f"/api/v1/indicators/{records['indicator'].pk}/").json()
    period = data["periods"][0]
    assert period["target"] == "10.00"
    # person_trainings of a planned activity: nothing has happened yet, so the computed figure is zero.
    assert period["actual"] == "0.00"


def test_nrm_counts_are_suppressed(client_for, manager, staff_policing):
    NrmStatisticFactory(year=2021, count=3, sex="female", stage="identified")
    NrmStatisticFactory(year=2021, count=40, sex="male", stage="identified")
    client = client_for(manager)
    data = client.get("/api/v1/trafficking/nrm/2021/").json()
    by_sex = next(table for table in data["tables"] if table["dimension"] == "sex")["table"]
    identified = next(row for row in by_sex["rows"] if row["key"] == "identified")
    female = identified["cells"][[c["key"] for c in by_sex["columns"]].index("female")]
    assert female == {"value": None, "display": "<5", "suppressed": True}
    # The row total is shown, so the male cell is hidden too: otherwise 43 - 40 would give the small count away.
    assert identified["total"]["value"] == 43
    assert all(cell["value"] is None for cell in identified["cells"] if cell["suppressed"])
    assert sum(cell["suppressed"] for cell in identified["cells"]) >= 2
    trend = client.get("/api/v1/trafficking/nrm/").json()
    assert trend["years"] == [2021]
    assert client_for(staff_policing).get("/api/v1/trafficking/nrm/").status_code == 403
