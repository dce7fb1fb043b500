"""Exports never carry formulas (issue 12 §7), and CSV is for machines (issue 14).

The attack: a title, venue, person's name or partner name typed into the portal as `=HYPERLINK("http://x","y")` (or
`+1+1`, `-2+3`, `@SUM(A1)`, a leading tab or CR) became a live formula in the partner export and stood unchanged in
the register and participation CSVs, for a spreadsheet program to run. Every CSV and XLSX export is built here with
such text and read back: no formula cell, and every such text carries the leading apostrophe.
"""

import csv
import datetime
import decimal
import io
import re
import zipfile

import openpyxl
import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from accounts.units import UnitArea
from policing.tests.factories import CagMeetingFactory
from programmes.models import ActivityStatus, Partner, PartnerRole
from programmes.tests.factories import (
    ActivityFactory,
    ActivityPartnerFactory,
    LocationFactory,
    ParticipationFactory,
    PartnerFactory,
    PersonFactory,
)
from programmes.tests.factories_results import IndicatorPeriodFactory
from reports.cells import csv_value, neutralise, restore
from reports.registry import all_kinds
from reports.tests.helpers import build
from reports.xlsx import StreamingWorkbook
from trafficking.tests.factories import MeasureFactory, NrmStatisticFactory
from training.tests.factories import TrainingDetailFactory

pytestmark = pytest.mark.django_db

PAYLOADS = ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]


def _dangerous(text) -> bool:
    """Text a spreadsheet program would run (judged here, not by the code under test)."""
    return isinstance(text, str) and text[:1] in set("=+-@\t\r\n") and not re.fullmatch(r"[+-]?\d+(\.\d+)?", text)


def test_neutralise_prefixes_formula_text_and_leaves_numbers():
    for payload in PAYLOADS:
        assert neutralise(payload) == "'" + payload
        assert restore(neutralise(payload)) == payload
    for harmless in ("-5", "+5", "12.50", "Ganja", "", "'quoted", "a=b"):
        assert neutralise(harmless) == harmless
        assert restore(harmless) == harmless
    assert csv_value(-5) == "-5" and csv_value(decimal.Decimal("-5.5")) == "-5.50"


def test_xlsx_writes_text_as_strings_and_numbers_as_numbers(tmp_path):
    path = tmp_path / "cells.xlsx"
    workbook = StreamingWorkbook(path)
    workbook.add_sheet("Sheet")
    workbook.append([*PAYLOADS, -5, "-5"])
    workbook.close()
    with zipfile.ZipFile(path) as archive:
        assert b"<f>" not in archive.read("xl/worksheets/sheet1.xml")
    cells = next(openpyxl.load_workbook(path).active.iter_rows())
    assert [cell.value for cell in cells[:6]] == ["'" + p for p in PAYLOADS]
    assert all(cell.data_type == "s" for cell in cells[:6])
    assert cells[6].value == -5 and cells[6].data_type == "n" and cells[7].value == "-5"


@pytest.fixture
def hostile_data():
    """Held activities of every unit whose free text is a payload, with partners and named participants."""
    activities = []
    for index, area in enumerate(UnitArea.values):
        payload = PAYLOADS[index % len(PAYLOADS)]
        activity = ActivityFactory(
            unit_area=area,
            title=payload,
            venue=PAYLOADS[(index + 1) % len(PAYLOADS)],
            location=LocationFactory(name=PAYLOADS[(index + 2) % len(PAYLOADS)]),
            status=ActivityStatus.APPROVED,
            start_date=datetime.date(2011, 1, 17),
            end_date=datetime.date(2011, 1, 17),
            cost_eur=decimal.Decimal("15500.00"),
        )
        partner = PartnerFactory(name=PAYLOADS[(index + 3) % len(PAYLOADS)], acronym=f"@X{index}")
        ActivityPartnerFactory(activity=activity, partner=partner, role=PartnerRole.BENEFICIARY)
        person = PersonFactory(
            first_name=PAYLOADS[(index + 4) % len(PAYLOADS)],
            last_name=PAYLOADS[(index + 5) % len(PAYLOADS)],
            position="-2+3",
            organisation=partner,
        )
        ParticipationFactory(activity=activity, person=person, days_attended=1)
        IndicatorPeriodFactory(indicator__result__project=activity.project, indicator__title=payload, label="@SUM(A1)")
        activities.append(activity)
    # Unit records the unit reports list by name.
    CagMeetingFactory(cag__police_department=PAYLOADS[0], activity__start_date=datetime.date(2011, 1, 17))
    MeasureFactory(text=PAYLOADS[1], plan__title=PAYLOADS[2])
    TrainingDetailFactory(activity=activities[1], course__title=PAYLOADS[3])
    return activities


def _cells_of(job):
    """Every cell of the report file as read back, and the raw XML of its sheets (XLSX) or its bytes (CSV)."""
    with default_storage.open(job.file.name, "rb") as handle:
        content = handle.read()
    if job.format == "csv":
        return [cell for row in csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")) for cell in row], b""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        xml = b"".join(archive.read(name) for name in archive.namelist() if name.startswith("xl/worksheets/"))
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    cells = []
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"formula in {job.kind} {sheet.title}!{cell.coordinate}"
                cells.append(cell.value)
    return cells, xml


@pytest.mark.parametrize(
    "kind,fmt",
    [(kind.code, fmt) for kind in all_kinds() for fmt in kind.formats if fmt in ("csv", "xlsx")],
)
def test_every_spreadsheet_export_neutralises_formula_text(kind, fmt, manager, hostile_data):
    job = build(manager, kind, fmt, areas=UnitArea.values)
    cells, xml = _cells_of(job)
    assert b"<f>" not in xml and b"<f " not in xml
    assert not [cell for cell in cells if _dangerous(cell)], f"{kind} {fmt} wrote text a spreadsheet would run"


@pytest.mark.parametrize("kind", ["activity_register", "participation_list"])
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_payloads_arrive_as_text(kind, fmt, manager, hostile_data):
    cells, _xml = _cells_of(build(manager, kind, fmt, areas=UnitArea.values))
    texts = {cell for cell in cells if isinstance(cell, str)}
    expected = {"'" + p for p in PAYLOADS} if kind == "participation_list" else {"'" + hostile_data[0].title}
    assert expected <= texts
    if kind == "activity_register":
        assert "'" + hostile_data[0].venue in texts and "'-2+3 (@X0)" not in texts


def test_partner_export_writes_no_formulas_and_round_trips(personas):
    for index, payload in enumerate(PAYLOADS):
        PartnerFactory(acronym=f"P{index}", name=payload, notes="-5", kind="government")
    client = personas["administrator"]
    csv_content = client.get(reverse("interop:partners_export", args=["csv"])).content
    xlsx_content = client.get(reverse("interop:partners_export", args=["xlsx"])).content

    with zipfile.ZipFile(io.BytesIO(xlsx_content)) as archive:
        assert b"<f>" not in archive.read("xl/worksheets/sheet1.xml")
    rows = [[cell.value for cell in row] for row in openpyxl.load_workbook(io.BytesIO(xlsx_content)).active.rows]
    names = {row[1] for row in rows[1:]}
    assert names == {"'" + p for p in PAYLOADS}
    assert {row[10] for row in rows[1:]} == {"-5"}  # a number stays as it is
    csv_rows = list(csv.reader(io.StringIO(csv_content.decode("utf-8-sig"), newline="")))
    assert {row[1] for row in csv_rows[1:]} == {"'" + p for p in PAYLOADS}

    # Importing our own export changes nothing: the apostrophe is taken off again. (Names with a leading tab or CR
    # cannot come in through a form, which strips them, so they are left out here.)
    from interop.tests.helpers import upload_partners

    Partner.objects.filter(name__in=PAYLOADS[4:]).delete()
    csv_content = client.get(reverse("interop:partners_export", args=["csv"])).content
    xlsx_content = client.get(reverse("interop:partners_export", args=["xlsx"])).content
    for content, name in ((csv_content, "p.csv"), (xlsx_content, "p.xlsx")):
        report = upload_partners(client, content, apply=True, name=name)["report"]
        assert report.applied and not report.errors, report.errors
        assert report.counts["partners_new"] == 0 and report.counts["partners_changed"] == 0, name


# --- CSV is for machines ---------------------------------------------------------------------------------------------


def _csv_bytes(job) -> bytes:
    with default_storage.open(job.file.name, "rb") as handle:
        return handle.read()


def _lines(content: bytes) -> list[str]:
    assert content.startswith(b"\xef\xbb\xbf"), "UTF-8 with a BOM"
    text = content[3:].decode("utf-8")
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", ""), "CRLF line ends only"
    return text.split("\r\n")[:-1]


@pytest.mark.parametrize("language", ["en", "az", "ru"])
def test_report_csv_is_the_same_in_every_language_but_its_headings(language, manager):
    activity = ActivityFactory(
        unit_area=UnitArea.POLICING, title="Ganja", status=ActivityStatus.APPROVED, cost_eur=decimal.Decimal("15500"),
        start_date=datetime.date(2011, 1, 17), end_date=datetime.date(2011, 1, 18),
    )  # fmt: skip
    ParticipationFactory(activity=activity, days_attended=2, pre_test_score=45, post_test_score=80)
    register = _lines(_csv_bytes(build(manager, "activity_register", "csv", language=language, areas=UnitArea.values)))
    row = next(csv.reader([register[1]]))
    assert row[:2] == ["2011-01-17", "2011-01-18"] and row[-1] == "15500.00"
    assert len(row) == len(next(csv.reader([register[0]])))  # comma-separated, one field per heading
    participation = _lines(
        _csv_bytes(build(manager, "participation_list", "csv", language=language, areas=UnitArea.values))
    )
    row = next(csv.reader([participation[1]]))
    assert row[0] == "2011-01-17" and row[-4:] == ["2", "45.00", "80.00", "false"]
    headings = {"en": "Start date", "az": "Başlama tarixi", "ru": "Дата начала"}
    assert register[0].startswith(headings[language]) and participation[0].startswith(headings[language])


@pytest.mark.parametrize("language", ["en", "az", "ru"])
def test_partner_and_nrm_csv_have_a_bom_and_crlf(language, personas):
    PartnerFactory(acronym="MIA", name="Ministry", kind="government", valid_from=datetime.date(2011, 1, 17))
    NrmStatisticFactory(count=12)
    admin, manager = personas["administrator"], personas["manager"]
    admin.post(reverse("set_language"), {"language": language})
    manager.post(reverse("set_language"), {"language": language})
    partners = _lines(admin.get(reverse("interop:partners_export", args=["csv"])).content)
    assert "2011-01-17" in partners[1]
    nrm = _lines(manager.get(reverse("trafficking:nrm_export")).content)
    assert len(nrm) >= 2


def test_the_report_form_says_what_csv_is_for(personas):
    page = personas["manager"].get(reverse("reports:request")).content.decode()
    assert "CSV is for machines" in page and "ISO dates (2011-01-17)" in page
