"""Helpers shared by the trafficking tests (a helper module, so that no test module imports another)."""

import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from accounts.units import UnitArea
from trafficking.dashboard_panels import nrm_panel
from trafficking.models import AgeBand, Sex

from .attack import Attacker


def year_filters(year):
    """The dashboard filters for one calendar year of the trafficking unit."""
    return {"date_from": datetime.date(year, 1, 1), "date_to": datetime.date(year, 12, 31),
            "unit_area": UnitArea.TRAFFICKING}  # fmt: skip


def attack_everything(client, user) -> tuple[Attacker, dict]:
    """What an attacker collects: the trend and every year through the API, and every year's dashboard table."""
    attacker, years = Attacker(), {}
    trend = client.get("/api/v1/trafficking/nrm/").json()["trend"]
    assert trend["column_totals"] == [] and trend["total"] is None  # no sum over stages
    columns = [column["key"] for column in trend["columns"]]
    for row in trend["rows"]:
        stage = row["key"]
        for year, cell in zip(columns, row["cells"], strict=True):
            attacker.see(("total", year, stage), cell["display"])
        attacker.see(("trend", stage), row["total"]["display"])
        attacker.add_sum(("trend", stage), [("total", year, stage) for year in columns])
    for year in columns:
        response = client.get(f"/api/v1/trafficking/nrm/{year}/")
        assert response.status_code == 200
        years[year] = response.json()
        for entry in years[year]["tables"]:
            table, dimension = entry["table"], entry["dimension"]
            assert table["column_totals"] == [] and table["total"] is None
            keys = [column["key"] for column in table["columns"]]
            for row in table["rows"]:
                names = [(dimension, year, row["key"], key) for key in keys]
                for name, cell in zip(names, row["cells"], strict=True):
                    attacker.see(name, cell["display"])
                attacker.see(("total", year, row["key"]), row["total"]["display"])
                attacker.add_sum(("total", year, row["key"]), names)
        panel = nrm_panel(user, year_filters(int(year)))
        assert panel["year"] == int(year)
        attacker.see_table(
            panel["table"],
            cell_name=lambda i, j, year=year: ("sex_age", year, Sex.values[i], AgeBand.values[j]),
            row_total_name=lambda i, year=year: ("sex", year, "identified", Sex.values[i]),
            col_total_name=lambda j, year=year: ("age_band", year, "identified", AgeBand.values[j]),
            total_name=("total", year, "identified"),
        )
    return attacker, years


HEADINGS = ["Year", "Quarter", "Sex", "Age band", "Form of exploitation", "Nationality group", "Stage", "Count"]
GOOD = [
    [2021, None, "female", "adult", "sexual", "national", "identified", 14],
    [2021, None, "Female", "Child (under 18)", "labour", "national", "identified", 3],
    [2021, "Q2", "male", "adult", "Forced labour", "foreign", "assisted", 0],
]


def xlsx(rows, headings=HEADINGS, name="nrm.xlsx"):
    """An .xlsx upload of NRM rows under the given headings."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(headings)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def upload_nrm(client, file):
    """Posts a sheet to the NRM import page (a preview until confirmed)."""
    return client.post(reverse("trafficking:nrm_import"), {"file": file})
