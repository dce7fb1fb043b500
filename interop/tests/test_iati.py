"""Every IATI export validates against the official 2.03 schema and holds what the standard asks for."""

from decimal import Decimal

import pytest
from lxml import etree

from accounts.units import UnitArea
from interop import iati
from programmes.models import ActivityStatus
from programmes.tests.factories import ActivityFactory, ParticipationFactory, ProjectFactory

pytestmark = pytest.mark.django_db
SCHEMA = None


def _validate(content: bytes):
    global SCHEMA
    SCHEMA = SCHEMA or iati.schema()
    document = etree.fromstring(content)
    assert SCHEMA.validate(document), SCHEMA.error_log
    return document


def test_project_export_is_valid_and_complete(personas, project):
    response = personas["staff_same_unit"].get(f"/interop/iati/project/{project.pk}.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    document = _validate(response.content)
    activities = document.findall("iati-activity")
    assert len(activities) == 3  # the project and its two activities
    parent = activities[0]
    identifier = parent.findtext("iati-identifier")
    assert identifier == "XI-IATI-OSCE-PRJ-12-3"
    assert parent.find("reporting-org").get("ref") == "XI-IATI-OSCE"
    roles = {(org.get("role"), org.findtext("narrative")) for org in parent.findall("participating-org")}
    assert ("1", "Donor ministry") in roles and ("2", iati.REPORTING_ORG_NAME) in roles
    assert parent.find("recipient-country").get("code") == "AZ"
    assert parent.find("sector").get("code") == "15210"
    budgets = parent.findall("budget")
    assert len(budgets) == 20  # one per calendar year, 2011-2030
    assert sum(Decimal(budget.findtext("value")) for budget in budgets) == Decimal("150000")
    assert parent.find("location/point/pos").text == "40.6828 46.3606"
    children = [a.findtext("iati-identifier") for a in activities[1:]]
    assert [r.get("ref") for r in parent.findall("related-activity")] == children
    assert all(a.find("related-activity").get("ref") == identifier for a in activities[1:])
    child_roles = {org.get("role") for org in activities[1].findall("participating-org")}
    assert child_roles == {"1", "3", "4"}  # co-sponsor funds, OSCE extends, partner and OSCE implement
    assert activities[1].find("activity-status").get("code") == "4"
    assert activities[2].find("activity-status").get("code") == "5"
    assert activities[2].find("location") is None  # no coordinates, no location element
    periods = parent.findall("result/indicator/period")
    assert len(periods) == 2
    targets = periods[0].findall("target")
    assert [t.get("value") for t in targets] == ["10", "5"]
    assert targets[1].find("dimension").attrib == {"name": "sex", "value": "female"}
    actual_sexes = [
        a.find("dimension").get("value") for a in periods[0].findall("actual") if a.find("dimension") is not None
    ]
    assert actual_sexes == ["female", "male"]
    assert periods[1].find("actual").get("value") == "3"


def test_no_personal_names_in_export(personas, project):
    content = personas["manager"].get(f"/interop/iati/project/{project.pk}.xml").content.decode()
    person = project.activities.first().participations.first() or ParticipationFactory().person
    for participation in project.activities.get(status=ActivityStatus.APPROVED).participations.all():
        assert participation.person.last_name not in content
        assert participation.person.first_name not in content
    assert person


def test_filtered_export_is_scoped_and_valid(personas, project):
    other = ProjectFactory(programme__unit_area=UnitArea.COUNTERTERRORISM, code="CT-1")
    ActivityFactory(project=other, unit_area=UnitArea.COUNTERTERRORISM)
    staff = _validate(personas["staff_same_unit"].get("/interop/iati/").content)
    assert [a.findtext("iati-identifier") for a in staff.findall("iati-activity[@hierarchy='1']")] == [
        "XI-IATI-OSCE-PRJ-12-3"
    ]
    manager = _validate(personas["manager"].get("/interop/iati/?unit_area=counterterrorism").content)
    assert [a.findtext("iati-identifier") for a in manager.findall("iati-activity[@hierarchy='1']")] == [
        "XI-IATI-OSCE-CT-1"
    ]
    assert manager.find("iati-activity/sector").get("code") == "15210"
    everything = _validate(personas["administrator"].get(f"/interop/iati/?programme={project.programme_id}").content)
    assert len(everything.findall("iati-activity[@hierarchy='1']")) == 1
    assert personas["staff_other_unit"].get(f"/interop/iati/project/{project.pk}.xml").status_code == 404
    assert personas["staff_other_unit"].get("/interop/iati/?unit_area=policing").status_code == 400


def test_empty_and_minimal_projects_validate(personas, settings):
    settings.IATI_REPORTING_ORG_REF = "XM-DAC-TEST"
    ProjectFactory(programme__unit_area=UnitArea.TRAFFICKING, end_date=None)
    document = _validate(personas["administrator"].get("/interop/iati/").content)
    assert document.find("iati-activity/iati-identifier").text.startswith("XM-DAC-TEST-")
    assert document.find("iati-activity/sector").get("code") == "15160"
    empty = personas["staff_other_unit"].get("/interop/iati/?unit_area=counterterrorism")
    assert empty.status_code == 404
    assert "nothing to export" in empty.content.decode()


def test_the_sector_is_the_programmes_own(personas, project):
    project.programme.dac_sector = "15130"  # Legal and judicial development, chosen for this programme
    project.programme.save()
    document = _validate(personas["staff_same_unit"].get(f"/interop/iati/project/{project.pk}.xml").content)
    activities = document.findall("iati-activity")
    assert len(activities) == 3
    assert [a.find("sector").get("code") for a in activities] == ["15130"] * 3
