"""CSV is for machines, values included (issue 14): the same data exported in English, Azerbaijani and Russian gives
the same CSV file but for its heading row. Choices are their stored codes (`approved`, `female`, `training`), records
their names as recorded (the English/base name), never a label or name in the reader's language. XLSX, for people,
keeps the translated labels.

Before the fix an az register said "Təsdiq edilib" where the en one said "Approved", and "Gəncə" where it said "Ganja".
"""

import csv
import datetime
import io

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import translation

from accounts.units import UnitArea
from programmes.models import ActivityKind, ActivityStatus, ParticipationRole, Partner, PartnerRole, Sex
from programmes.tests.factories import (
    ActivityFactory,
    ActivityPartnerFactory,
    LocationFactory,
    ParticipationFactory,
    PartnerFactory,
    PersonFactory,
)
from reports.cells import Coded, csv_value
from reports.registry import all_kinds
from reports.tests.helpers import build, read_xlsx
from trafficking.tests.factories import NrmStatisticFactory

pytestmark = pytest.mark.django_db

LANGUAGES = ("en", "az", "ru")
LOCALIZED = ("Gəncə", "Гянджа", "Daxili İşlər", "МВД", "Polis proqramı", "Программа полиции")


def _data():
    ministry = PartnerFactory(
        name="Ministry of Internal Affairs", name_az="Daxili İşlər Nazirliyi", name_ru="МВД", acronym="MIA",
        kind=Partner.Kind.GOVERNMENT,
    )  # fmt: skip
    donor = PartnerFactory(name="Embassy", name_az="Səfirlik", name_ru="Посольство", acronym="", kind="donor")
    activity = ActivityFactory(
        unit_area=UnitArea.POLICING, kind=ActivityKind.TRAINING, status=ActivityStatus.APPROVED,
        location=LocationFactory(), start_date=datetime.date(2011, 1, 17), end_date=datetime.date(2011, 1, 18),
        project__programme__title="Policing programme", project__programme__title_az="Polis proqramı",
        project__programme__title_ru="Программа полиции",
    )  # fmt: skip
    ActivityPartnerFactory(activity=activity, partner=ministry, role=PartnerRole.BENEFICIARY)
    ActivityPartnerFactory(activity=activity, partner=donor, role=PartnerRole.CO_SPONSOR)
    ActivityPartnerFactory(activity=activity, partner=PartnerFactory(name_az="Tərəfdaş"), role=PartnerRole.DONOR)
    person = PersonFactory(sex=Sex.FEMALE, organisation=ministry)
    ParticipationFactory(activity=activity, person=person, role=ParticipationRole.TRAINER, certificate_issued=True)
    NrmStatisticFactory(stage="identified", count=12)
    NrmStatisticFactory(stage="referred", count=7)


def _text(content: bytes) -> str:
    return content.decode("utf-8-sig")


def _by_language(make) -> dict[str, list[str]]:
    """Each language's file as its lines."""
    return {language: _text(make(language)).split("\r\n") for language in LANGUAGES}


def _same_but_headings(files: dict[str, list[str]], name: str, translations_are_columns=False) -> list[list[str]]:
    en = files["en"]
    assert len(en) > 2, name  # a heading and at least one row (and the empty string after the last CRLF)
    for language in ("az", "ru"):
        assert files[language][1:] == en[1:], f"{name}: {language} rows differ from en"
    text = "\r\n".join(en[1:])
    for localized in () if translations_are_columns else LOCALIZED:
        assert localized not in text, f"{name}: {localized!r} is a name in the reader's language"
    return list(csv.reader(io.StringIO(text)))


def test_every_csv_report_kind_is_the_same_in_every_language_but_its_headings(manager):
    _data()
    kinds = [kind.code for kind in all_kinds() if "csv" in kind.formats]
    assert {"activity_register", "participation_list"} <= set(kinds)

    def report(kind):
        def make(language):
            job = build(manager, kind, "csv", language=language, areas=UnitArea.values)
            with default_storage.open(job.file.name, "rb") as handle:
                return handle.read()

        return make

    rows = {}
    for kind in kinds:
        files = _by_language(report(kind))
        assert files["en"][0] != files["az"][0] != files["ru"][0], f"{kind}: headings follow the language"
        rows[kind] = _same_but_headings(files, kind)

    (register,) = rows["activity_register"]
    assert register[:3] == ["2011-01-17", "2011-01-18", "policing"]
    assert register[3] == "Policing programme" and register[6:9] == ["training", "approved", "Ganja"]
    assert register[10:14] == ["Ministry of Internal Affairs (MIA)", "Embassy", register[12], "roster"]
    assert register[12].startswith("Partner institution")
    (participation,) = rows["participation_list"]
    assert participation[2:4] == ["policing", "Ganja"]
    assert participation[7:9] == ["female", "Ministry of Internal Affairs (MIA)"]
    assert participation[10] == "trainer" and participation[-1] == "true"


def test_xlsx_keeps_the_translated_labels_and_names(manager):
    _data()
    (sheet,) = read_xlsx(build(manager, "activity_register", "xlsx", language="az", areas=UnitArea.values)).values()
    row = sheet[1]
    with translation.override("az"):
        approved, training = str(ActivityStatus.APPROVED.label), str(ActivityKind.TRAINING.label)
    assert approved in row and training in row and "Gəncə" in row and "Polis proqramı" in row
    assert "approved" not in row and "Ganja" not in row


def test_partner_and_nrm_csv_are_the_same_in_every_language_but_their_headings(personas):
    _data()
    admin, manager = personas["administrator"], personas["manager"]

    def download(client, url):
        def make(language):
            client.post(reverse("set_language"), {"language": language})
            response = client.get(url)
            assert response.status_code == 200
            return response.content

        return make

    partner_files = _by_language(download(admin, reverse("interop:partners_export", args=["csv"])))
    # Its headings are column codes (it is read back by the import), and name_az/name_ru are columns of their own.
    partners = _same_but_headings(partner_files, "partners", translations_are_columns=True)
    ministry = ["MIA", "Ministry of Internal Affairs", "Daxili İşlər Nazirliyi", "МВД", "government"]
    assert ministry in [row[:5] for row in partners]
    nrm_files = _by_language(download(manager, reverse("trafficking:nrm_export")))
    assert nrm_files["en"][0] != nrm_files["az"][0] != nrm_files["ru"][0]
    nrm = _same_but_headings(nrm_files, "nrm")
    assert [row[0] for row in nrm] == ["presumed", "identified", "referred", "assisted", "investigations",
                                       "prosecutions", "convictions"]  # fmt: skip
    assert nrm[1][1:] == ["12", "12"] and nrm[2][1:] == ["7", "7"]


def test_the_report_form_says_csv_holds_codes(personas):
    page = personas["manager"].get(reverse("reports:request")).content.decode()
    assert "codes instead of labels" in page and "(approved, female)" in page


def test_a_coded_value_is_its_code_in_csv_and_still_neutralised():
    assert csv_value(Coded("Təsdiq edilib", "approved")) == "approved"
    assert csv_value(Coded("x", "=HYPERLINK(1)")) == "'=HYPERLINK(1)"
