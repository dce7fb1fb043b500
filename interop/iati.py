"""IATI activity standard 2.03 XML for projects and their activities.

A project is a hierarchy-1 iati-activity; each of its activities (trainings, workshops...) is a hierarchy-2
iati-activity linked to it with related-activity (parent type 1, child type 2). What is published: titles,
descriptions, dates, status, participating organisations with roles, Azerbaijan as recipient country, locations with
coordinates, the programme's DAC sector (Programme.dac_sector), the project budget (one budget element per calendar
year), and the results framework (indicators with baseline, targets and actuals, by sex where the indicator is
disaggregated). Names of people are never part of it.

The schemas in interop/schemas/ are the official 2.03 ones (see the README there); tests validate every export against
them, against the IATI standard ruleset and against the codelists copied there.
"""

import datetime
import re
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db.models import Max, Prefetch
from django.utils import timezone
from lxml import etree

from programmes import results
from programmes.indicator_rules import COUNTED_STATUSES
from programmes.models import (
    Activity,
    ActivityPartner,
    ActivityStatus,
    Indicator,
    IndicatorPeriod,
    Partner,
    PartnerRole,
    Project,
    Result,
)
from programmes.selectors import periods_with_figures

VERSION = "2.03"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
REPORTING_ORG_NAME = "Organization for Security and Co-operation in Europe (OSCE)"
REPORTING_ORG_TYPE = "40"  # OrganisationType: Multilateral
EPSG_4326 = "http://www.opengis.net/def/crs/EPSG/0/4326"

# OrganisationType codelist.
ORGANISATION_TYPES = {
    Partner.Kind.GOVERNMENT: "10",
    Partner.Kind.LAW_ENFORCEMENT: "10",
    Partner.Kind.INTERNATIONAL_ORG: "40",
    Partner.Kind.CIVIL_SOCIETY: "22",
    Partner.Kind.ACADEMIA: "80",
    Partner.Kind.DONOR: "10",
    Partner.Kind.MEDIA: "90",
}
# OrganisationRole: 1 funding, 2 accountable, 3 extending, 4 implementing. Beneficiaries have no IATI role.
FUNDING, ACCOUNTABLE, EXTENDING, IMPLEMENTING = "1", "2", "3", "4"
PARTNER_ROLES = {
    PartnerRole.DONOR: FUNDING,
    PartnerRole.CO_SPONSOR: FUNDING,
    PartnerRole.IMPLEMENTING: IMPLEMENTING,
    PartnerRole.ORGANISER: IMPLEMENTING,
}
# ActivityStatus codelist: 1 pipeline, 2 implementation, 3 finalisation, 4 closed, 5 cancelled.
ACTIVITY_STATUSES = {
    ActivityStatus.COMPLETED: "3",
    ActivityStatus.SUBMITTED: "3",
    ActivityStatus.RETURNED: "3",
    ActivityStatus.APPROVED: "4",
    ActivityStatus.CANCELLED: "5",
}
LOCATION_CLASSES = {"city": "2", "settlement": "2"}  # populated place; regions and districts: 1 (administrative)


def reporting_org_ref() -> str:
    return settings.IATI_REPORTING_ORG_REF


def _identifier_part(text: str) -> str:
    # IATI identifiers: no spaces or slashes, so a project code like "PRJ 12/3" becomes "PRJ-12-3".
    return re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-") or "x"


def project_identifier(project) -> str:
    return f"{reporting_org_ref()}-{_identifier_part(project.code)}"


def activity_identifier(activity) -> str:
    return f"{project_identifier(activity.project)}-A{activity.pk}"


def _text(parent, tag: str, text: str, **attrs):
    element = etree.SubElement(parent, tag, **attrs)
    etree.SubElement(element, "narrative").text = text
    return element


def _decimal(value) -> str:
    return format(Decimal(value).normalize(), "f") if value is not None else ""


def _org(parent, role: str, name: str, kind: str = "", ref: str = ""):
    attrs = {"role": role}
    if ref:
        attrs["ref"] = ref
    if kind:
        attrs["type"] = ORGANISATION_TYPES.get(kind, "90")
    _text(parent, "participating-org", name, **attrs)


def _osce(parent, roles):
    for role in roles:
        _org(parent, role, REPORTING_ORG_NAME, ref=reporting_org_ref())
        parent[-1].set("type", REPORTING_ORG_TYPE)


def _dates(parent, start, end, *, started: bool, ended: bool):
    etree.SubElement(parent, "activity-date", type="1", **{"iso-date": start.isoformat()})
    today = timezone.localdate()
    if started and start <= today:
        etree.SubElement(parent, "activity-date", type="2", **{"iso-date": start.isoformat()})
    if end:
        etree.SubElement(parent, "activity-date", type="3", **{"iso-date": end.isoformat()})
        if ended and end <= today:
            etree.SubElement(parent, "activity-date", type="4", **{"iso-date": end.isoformat()})


def yearly_budgets(total, start: datetime.date, end: datetime.date | None) -> list:
    """[(period start, period end, amount)]: the project's budget in one period per calendar year (IATI rule 7.5.3:
    a budget period is at most a year), shared by the days of the project in each year, to the cent; the last
    period takes the rounding remainder, so the periods add up to the total exactly."""
    end = max(end or start, start)
    periods = []
    for year in range(start.year, end.year + 1):
        periods.append((max(start, datetime.date(year, 1, 1)), min(end, datetime.date(year, 12, 31))))
    total = Decimal(total)
    days = (end - start).days + 1
    amounts = []
    for period_start, period_end in periods[:-1]:
        share = total * ((period_end - period_start).days + 1) / days
        amounts.append(share.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))
    amounts.append(total - sum(amounts, Decimal(0)))
    return [(s, e, amount) for (s, e), amount in zip(periods, amounts, strict=True)]


def _last_updated(moment) -> dict:
    # The record's own last change; a record with no known change time (rows bulk-loaded without history) says
    # nothing rather than the export time, which the attribute is not.
    if moment is None:
        return {}
    return {"last-updated-datetime": moment.replace(microsecond=0).isoformat()}


def projects_last_changed(projects) -> dict:
    """project id -> when its IATI record last changed: the project's own history and that of its results
    framework (results, indicators, periods), whichever is latest."""
    ids = list(projects.values_list("pk", flat=True))
    latest = {}
    sources = (
        (Project.history.filter(id__in=ids), "id"),
        (Result.history.filter(project_id__in=ids), "project_id"),
        (Indicator.history.filter(result__project_id__in=ids), "result__project_id"),
        (IndicatorPeriod.history.filter(indicator__result__project_id__in=ids), "indicator__result__project_id"),
    )
    for rows, key in sources:
        for project_id, moment in rows.order_by().values_list(key).annotate(last=Max("history_date")):
            if project_id is not None and (project_id not in latest or moment > latest[project_id]):
                latest[project_id] = moment
    return latest


def _location(parent, location):
    element = etree.SubElement(parent, "location", ref=location.code)
    _text(element, "name", location.name)
    point = etree.SubElement(element, "point", srsName=EPSG_4326)
    etree.SubElement(point, "pos").text = f"{_decimal(location.latitude)} {_decimal(location.longitude)}"
    etree.SubElement(element, "exactness", code="1")
    etree.SubElement(element, "location-class", code=LOCATION_CLASSES.get(location.kind, "1"))


def _has_point(location) -> bool:
    return location is not None and location.latitude is not None and location.longitude is not None


def _project_status(project) -> str:
    today = timezone.localdate()
    if project.start_date > today:
        return "1"
    if project.end_date and project.end_date < today:
        return "4"
    return "2"


def _activity_element(root, **attrs):
    return etree.SubElement(root, "iati-activity", **{XML_LANG: "en", "default-currency": "EUR", **attrs})


def _head(element, identifier: str, title: str, description: str):
    etree.SubElement(element, "iati-identifier").text = identifier
    reporting = _text(etree.Element("x"), "reporting-org", REPORTING_ORG_NAME)
    reporting.set("ref", reporting_org_ref())
    reporting.set("type", REPORTING_ORG_TYPE)
    element.append(reporting)
    _text(element, "title", title)
    _text(element, "description", description or title, type="1")


def _results(element, project):
    for result in project.results.all():
        indicators = list(result.indicators.all())
        if not indicators:
            continue
        node = etree.SubElement(
            element, "result", type="2" if result.level == Result.Level.OUTCOME else "1", **{"aggregation-status": "0"}
        )
        _text(node, "title", f"{result.code} {result.title}")
        for indicator in indicators:
            _indicator(node, indicator, project)


def _indicator(parent, indicator, project):
    attrs = {"measure": "2" if indicator.unit.strip() in ("%", "percent") else "1"}
    if indicator.direction != Indicator.Direction.MAINTAIN:
        attrs["ascending"] = "1" if indicator.direction == Indicator.Direction.INCREASE else "0"
    node = etree.SubElement(parent, "indicator", **attrs)
    _text(node, "title", f"{indicator.code} {indicator.title}")
    baseline_year = indicator.baseline_year or project.start_date.year
    etree.SubElement(node, "baseline", year=str(baseline_year), value=_decimal(indicator.baseline_value))
    for period in indicator.periods.all():
        period_node = etree.SubElement(node, "period")
        etree.SubElement(period_node, "period-start", **{"iso-date": period.start.isoformat()})
        etree.SubElement(period_node, "period-end", **{"iso-date": period.end.isoformat()})
        etree.SubElement(period_node, "target", value=_decimal(period.target))
        if indicator.by_sex and period.target_women is not None:
            target = etree.SubElement(period_node, "target", value=_decimal(period.target_women))
            etree.SubElement(target, "dimension", name="sex", value="female")
        figure = results.figure(period)
        if figure is None:
            continue
        etree.SubElement(period_node, "actual", value=_decimal(figure.value))
        if indicator.by_sex:
            for sex, value in (("female", figure.women), ("male", figure.men)):
                if value is not None:
                    actual = etree.SubElement(period_node, "actual", value=_decimal(value))
                    etree.SubElement(actual, "dimension", name="sex", value=sex)


def _project(root, project, activities, updated):
    element = _activity_element(root, hierarchy="1", **_last_updated(updated))
    _head(element, project_identifier(project), project.title, project.programme.description)
    for donor in project.donors.all():
        _org(element, FUNDING, donor.name, donor.kind)
    _osce(element, (ACCOUNTABLE, EXTENDING, IMPLEMENTING))
    if project.external_id:
        etree.SubElement(element, "other-identifier", ref=project.external_id, type="A1")
    etree.SubElement(element, "activity-status", code=_project_status(project))
    _dates(element, project.start_date, project.end_date, started=True, ended=True)
    etree.SubElement(element, "recipient-country", code="AZ", percentage="100")
    seen = set()
    for activity in activities:
        if _has_point(activity.location) and activity.location_id not in seen:
            seen.add(activity.location_id)
            _location(element, activity.location)
    _sector(element, project.programme)
    if project.budget_eur is not None:
        for start, end, amount in yearly_budgets(project.budget_eur, project.start_date, project.end_date):
            budget = etree.SubElement(element, "budget", type="1", status="1")
            etree.SubElement(budget, "period-start", **{"iso-date": start.isoformat()})
            etree.SubElement(budget, "period-end", **{"iso-date": end.isoformat()})
            value = etree.SubElement(budget, "value", currency="EUR", **{"value-date": start.isoformat()})
            value.text = _decimal(amount)
    for activity in activities:
        etree.SubElement(element, "related-activity", ref=activity_identifier(activity), type="2")
    _results(element, project)


def _sector(element, programme):
    # OECD DAC 5-digit purpose code (Sector vocabulary 1); without one (no default registered) the element is left out.
    if programme.dac_sector:
        etree.SubElement(element, "sector", vocabulary="1", code=programme.dac_sector, percentage="100")


def _activity(root, activity, programme):
    element = _activity_element(root, hierarchy="2", **_last_updated(activity.updated_at))
    description = activity.description or f"{activity.get_kind_display()}: {activity.title}"
    _head(element, activity_identifier(activity), activity.title, description)
    if activity.outcomes:
        _text(element, "description", activity.outcomes, type="2")
    for link in activity.partner_links.all():
        role = PARTNER_ROLES.get(link.role)
        if role:
            _org(element, role, link.partner.name, link.partner.kind)
    _osce(element, (EXTENDING, IMPLEMENTING))
    status = ACTIVITY_STATUSES.get(activity.status)
    if status is None:  # planned
        status = "2" if activity.start_date <= timezone.localdate() else "1"
    etree.SubElement(element, "activity-status", code=status)
    happened = activity.status in COUNTED_STATUSES
    _dates(element, activity.start_date, activity.end_date, started=happened, ended=happened)
    etree.SubElement(element, "recipient-country", code="AZ", percentage="100")
    if _has_point(activity.location):
        _location(element, activity.location)
    _sector(element, programme)
    etree.SubElement(element, "related-activity", ref=project_identifier(activity.project), type="1")


def export_projects(projects) -> bytes:
    """An iati-activities document for `projects` (already scoped by the caller) and their activities."""
    generated = timezone.now().replace(microsecond=0).isoformat()
    root = etree.Element("iati-activities", version=VERSION, **{"generated-datetime": generated})
    projects = projects.select_related("programme").prefetch_related(
        "donors",
        Prefetch("results", queryset=Result.objects.order_by("code")),
        Prefetch(
            "results__indicators",
            queryset=Indicator.objects.prefetch_related(periods_with_figures(), "rule_themes", "rule_partners"),
        ),
    )
    updated = projects_last_changed(projects)
    for project in projects:
        activities = list(
            Activity.objects.filter(project=project)
            .select_related("location", "project")
            .prefetch_related(Prefetch("partner_links", queryset=ActivityPartner.objects.select_related("partner")))
            .order_by("start_date", "id")
        )
        _project(root, project, activities, updated.get(project.pk))
        for activity in activities:
            _activity(root, activity, project.programme)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def schema() -> etree.XMLSchema:
    from pathlib import Path

    path = Path(__file__).resolve().parent / "schemas" / "iati-activities-schema.xsd"
    return etree.XMLSchema(etree.parse(str(path)))
