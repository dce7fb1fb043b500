"""Exports pass the IATI standard ruleset and every coded value is in its codelist (beside the XSD check in
test_iati.py), budgets come one per year, and each activity says when its own record last changed."""

import datetime
from decimal import Decimal

import pytest
from lxml import etree

from accounts.units import UnitArea
from interop import iati
from programmes.models import Activity, Indicator, IndicatorPeriod, Project, Result
from programmes.tests.factories import ActivityFactory, ProjectFactory
from programmes.tests.factories_results import IndicatorPeriodFactory

from .iati_rules import coded_values, codelist_failures, rule_count, ruleset_failures

pytestmark = pytest.mark.django_db


def _export(client, url="/interop/iati/"):
    response = client.get(url)
    assert response.status_code == 200, response.content
    return etree.fromstring(response.content)


@pytest.fixture
def demo_shaped(project):
    """Projects shaped like the demo ones (2011-2015, 2016-2020, 2021-2027) and one starting mid-year, no end."""
    for n, (start, end) in enumerate([(2011, 2015), (2016, 2020), (2021, 2027)]):
        ProjectFactory(
            programme=project.programme, code=f"DEMO-{n}", budget_eur=Decimal("123457.89"),
            start_date=datetime.date(start, 1, 1), end_date=datetime.date(end, 12, 31),
        )  # fmt: skip
    ProjectFactory(
        programme__unit_area=UnitArea.TRAFFICKING, budget_eur=1000, start_date=datetime.date(2024, 7, 1), end_date=None
    )


def test_export_passes_the_standard_ruleset(personas, demo_shaped):
    assert rule_count() > 50  # the ruleset's activity rules, read from the copied standard.json
    document = _export(personas["administrator"])
    assert len(document.findall("iati-activity[@hierarchy='1']")) == 5
    assert ruleset_failures(document) == []


def test_every_coded_value_is_in_its_codelist(personas, demo_shaped):
    document = _export(personas["administrator"])
    codelists = {name for _path, name, _value in coded_values(document)}
    assert {"Sector", "OrganisationRole", "ActivityStatus", "BudgetType", "Currency", "Country"} <= codelists
    assert codelist_failures(document) == []


def test_budgets_are_yearly_and_keep_the_total(personas, demo_shaped):
    document = _export(personas["administrator"])
    projects = {iati.project_identifier(p): p for p in Project.objects.all()}
    for activity in document.findall("iati-activity[@hierarchy='1']"):
        project = projects[activity.findtext("iati-identifier")]
        budgets = activity.findall("budget")
        if project.budget_eur is None:
            assert budgets == []
            continue
        periods = [(b.find("period-start").get("iso-date"), b.find("period-end").get("iso-date")) for b in budgets]
        assert all(start[:4] == end[:4] and start <= end for start, end in periods)  # within one calendar year
        assert periods[0][0] == project.start_date.isoformat()
        assert sum(Decimal(b.findtext("value")) for b in budgets) == project.budget_eur
        assert all(b.find("value").get("value-date") == b.find("period-start").get("iso-date") for b in budgets)
    demo = Project.objects.get(code="DEMO-2")
    assert [(s.isoformat(), e.isoformat()) for s, e, _ in iati.yearly_budgets(1, demo.start_date, demo.end_date)][
        -1
    ] == ("2027-01-01", "2027-12-31")
    assert iati.yearly_budgets(Decimal("100"), datetime.date(2024, 7, 1), datetime.date(2025, 6, 30)) == [
        (datetime.date(2024, 7, 1), datetime.date(2024, 12, 31), Decimal("50.41")),
        (datetime.date(2025, 1, 1), datetime.date(2025, 6, 30), Decimal("49.59")),
    ]


def test_last_updated_is_the_records_own_last_change(personas, project):
    long_ago = datetime.datetime(2020, 5, 4, 3, 2, 1, tzinfo=datetime.UTC)
    Activity.objects.filter(project=project).update(updated_at=long_ago)
    for model in (Project, Result, Indicator, IndicatorPeriod):
        model.history.update(history_date=long_ago)
    document = _export(personas["administrator"], f"/interop/iati/project/{project.pk}.xml")
    stamps = {a.get("last-updated-datetime") for a in document.findall("iati-activity")}
    assert stamps == {"2020-05-04T03:02:01+00:00"}  # not the export time
    assert document.get("generated-datetime") not in stamps

    # A new target in the results framework changes the project's record, and only that one.
    IndicatorPeriodFactory(
        indicator=project.results.first().indicators.first(),
        start=datetime.date(2013, 1, 1),
        end=datetime.date(2013, 12, 31),
    )
    document = _export(personas["administrator"], f"/interop/iati/project/{project.pk}.xml")
    parent, *children = document.findall("iati-activity")
    assert parent.get("last-updated-datetime") > "2020-05-04T03:02:01+00:00"
    assert {a.get("last-updated-datetime") for a in children} == {"2020-05-04T03:02:01+00:00"}
    assert ruleset_failures(document) == []


def test_activity_changed_now_is_not_in_the_future(personas, project):
    ActivityFactory(project=project)
    document = _export(personas["administrator"], f"/interop/iati/project/{project.pk}.xml")
    assert all(a.get("last-updated-datetime") <= document.get("generated-datetime") for a in document)
    assert ruleset_failures(document) == []


# The evaluator itself: each rule the export could break is caught when the document breaks it.

BROKEN = """<iati-activities version="2.03"><iati-activity xml:lang="en" default-currency="EUR"
 last-updated-datetime="2999-01-01T00:00:00+00:00">
 <iati-identifier>XI-IATI-OSCE-P1</iati-identifier>
 <reporting-org ref="XI-IATI-OSCE" type="40"><narrative>OSCE</narrative></reporting-org>
 <title><narrative>P1</narrative></title>
 <activity-date type="1" iso-date="2016-01-01"/><activity-date type="3" iso-date="2015-12-31"/>
 <sector vocabulary="1" code="15210" percentage="60"/><sector vocabulary="1" code="15160" percentage="30"/>
 <budget type="1" status="1"><period-start iso-date="2016-01-01"/><period-end iso-date="2020-12-31"/>
  <value currency="EUR" value-date="2016-01-01">5</value></budget>
</iati-activity></iati-activities>"""


def test_ruleset_catches_what_the_export_must_not_do():
    failures = " | ".join(ruleset_failures(etree.fromstring(BROKEN)))
    assert "7.5.3 (error)" in failures  # a five-year budget period
    assert "11.1.2 (error)" in failures  # planned start after planned end
    assert "2.1.2 (error)" in failures  # sector percentages add up to 90
    assert "11.1.1 (error)" in failures  # last updated in the future
    assert "4.4.1" not in failures  # no description: nothing to break


def test_codelist_check_catches_unknown_and_withdrawn_codes():
    document = etree.fromstring(
        BROKEN.replace('code="15160"', 'code="15120"').replace('type="40"', 'type="99"').replace("EUR", "XXX")
    )
    failures = " | ".join(codelist_failures(document))
    assert "'15120': withdrawn from codelist Sector" in failures
    assert "'99': not in codelist OrganisationType" in failures
    assert "'XXX': not in codelist Currency" in failures
