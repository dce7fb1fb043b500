import csv
import datetime
import io
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from programmes.attendance_import import ImportFileError, ImportInvalid, RowError, apply_import, preview_import
from programmes.models import Activity, ParticipantMode, Participation, Person, Sex
from programmes.names import person_name_key
from programmes.tests.factories import ActivityFactory, ParticipationFactory, PartnerFactory, PersonFactory

from .helpers import xlsx

pytestmark = pytest.mark.django_db

SAMPLES = Path(__file__).resolve().parents[2] / "docs" / "samples"
EN = ["First name", "Last name", "Sex", "Organisation", "Date", "Pre-test", "Post-test", "Certificate"]


def csv_file(rows, name="sheet.csv", encoding="utf-8", delimiter=","):
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    return SimpleUploadedFile(name, buffer.getvalue().encode(encoding))


@pytest.fixture
def activity():
    return ActivityFactory(start_date=datetime.date(2011, 10, 6), end_date=datetime.date(2011, 10, 7))


@pytest.fixture
def patrol():
    return PartnerFactory(acronym="MIA-PP", name="Patrol Police", name_az="Patrul Polisi", name_ru="Патрульная полиция")


def refusal(activity, upload):
    with pytest.raises(ImportFileError) as caught:
        preview_import(activity=activity, uploaded_file=upload)
    return caught.value.message


# --- Reading what people write -------------------------------------------------------------------------------------


def test_preview_reads_every_column_and_writes_nothing(activity, patrol):
    upload = xlsx(
        [
            [*EN, "Patronymic", "Position", "Role", "Days attended"],
            ["Aysel", "Məmmədova", "F", "MIA-PP", "", "55", 80.5, "yes", "Vaqif", "Leytenant", "trainer", 2],
            ["Rəşad", "Əliyev", "M", "", "", "", "", "", "", "", "", ""],
        ]
    )
    preview = preview_import(activity=activity, uploaded_file=upload)
    assert preview.is_valid and preview.counts == {"create": 2, "match": 0, "skip": 0}
    aysel, rashad = preview.rows
    assert (aysel.row, aysel.first_name, aysel.last_name, aysel.patronymic) == (2, "Aysel", "Məmmədova", "Vaqif")
    assert (aysel.sex, aysel.organisation, aysel.position, aysel.role) == (Sex.FEMALE, patrol, "Leytenant", "trainer")
    assert (aysel.pre_test_score, aysel.post_test_score, aysel.days_attended) == (Decimal("55"), Decimal("80.5"), 2)
    assert aysel.certificate_issued and aysel.action == "create"
    assert (rashad.organisation, rashad.role, rashad.days_attended, rashad.certificate_issued) == (
        None,
        "participant",
        None,
        False,
    )
    assert not Person.objects.exists() and not Participation.objects.exists()


@pytest.mark.parametrize(
    "headings",
    [
        ["First name", "Last name", "Patronymic", "Sex", "Organisation", "Pre-test score", "Post-test", "Certificate"],
        ["Ad", "Soyad", "Ata adı", "Cins", "Təşkilat", "İlkin test", "Yekun test", "Sertifikat"],
        ["ADI", "SOYADI", "ATASININ ADI", "CİNSİ", "TƏŞKİLATIN ADI", "İLKİN TEST", "YEKUN TEST", "SERTİFİKAT"],
        ["Имя", "Фамилия", "Отчество", "Пол", "Организация", "Предтест", "Посттест", "Сертификат"],
    ],
)
def test_headings_in_english_azerbaijani_and_russian(activity, patrol, headings):
    upload = xlsx([headings, ["Aysel", "Məmmədova", "Vaqif", "Q", "Patrul Polisi", 40, 90, "bəli"]])
    preview = preview_import(activity=activity, uploaded_file=upload)
    assert preview.is_valid and preview.ignored_columns == []
    row = preview.rows[0]
    assert (row.first_name, row.last_name, row.patronymic, row.sex, row.organisation) == (
        "Aysel",
        "Məmmədova",
        "Vaqif",
        Sex.FEMALE,
        patrol,
    )
    assert (row.pre_test_score, row.post_test_score, row.certificate_issued) == (40, 90, True)


@pytest.mark.parametrize(
    ("heading", "written", "first", "last", "patronymic"),
    [
        ("Full name", "Aysel Məmmədova", "Aysel", "Məmmədova", ""),
        ("Ad, soyad", "Aysel  Məmmədova", "Aysel", "Məmmədova", ""),
        ("ФИО", "Мамедова Айсель Вагифовна", "Айсель", "Мамедова", "Вагифовна"),
        ("Soyadı, adı, atasının adı", "Məmmədova Aysel Vaqif qızı", "Aysel", "Məmmədova", "Vaqif qızı"),
    ],
)
def test_a_single_name_column_is_split(activity, heading, written, first, last, patronymic):
    preview = preview_import(activity=activity, uploaded_file=csv_file([[heading, "Sex"], [written, "F"]]))
    row = preview.rows[0]
    assert (row.first_name, row.last_name, row.patronymic) == (first, last, patronymic)


def test_name_beside_surname_is_the_first_name(activity):
    preview = preview_import(activity=activity, uploaded_file=csv_file([["Name", "Surname"], ["Aysel", "Əliyeva"]]))
    assert (preview.rows[0].first_name, preview.rows[0].last_name) == ("Aysel", "Əliyeva")


@pytest.mark.parametrize(
    ("written", "sex"),
    [
        *[(w, Sex.FEMALE) for w in ["F", "female", "Female", "qadın", "QADIN", "Q", "ж", "Ж.", "жен", "женский"]],
        *[(w, Sex.MALE) for w in ["M", "male", "kişi", "KİŞİ", "KIŞI", "K", "м", "муж", "Мужской"]],
        ("", Sex.UNRECORDED),
    ],
)
def test_sex_notations(activity, written, sex):
    preview = preview_import(activity=activity, uploaded_file=csv_file([["Ad", "Soyad", "Cins"], ["A", "B", written]]))
    assert preview.is_valid and preview.rows[0].sex == sex


def test_both_date_formats_and_excel_date_cells_count_days(activity):
    upload = xlsx(
        [
            ["Ad", "Soyad", "Tarix"],
            ["Aysel", "Məmmədova", "06.10.2011"],
            ["Aysel", "Məmmədova", "2011-10-07"],
            ["Rəşad", "Əliyev", datetime.datetime(2011, 10, 7)],
            ["Günay", "Həsənova", datetime.date(2011, 10, 6)],
        ]
    )
    preview = preview_import(activity=activity, uploaded_file=upload)
    assert preview.is_valid
    assert [(r.first_name, r.days_attended, r.row) for r in preview.rows] == [
        ("Aysel", 2, 2),
        ("Rəşad", 1, 4),
        ("Günay", 1, 5),
    ]


def test_one_row_per_day_folds_into_one_participation(activity, patrol):
    rows = [
        EN,
        ["Aysel", "Məmmədova", "F", "MIA-PP", "06.10.2011", "50", "", ""],
        ["Rəşad", "Əliyev", "M", "MIA-PP", "06.10.2011", "", "", ""],
        ["Aysel", "Mammadova", "", "mia-pp", "07.10.2011", "", "85", "yes"],  # same person, English spelling
        ["Aysel", "Məmmədova", "F", "MIA-PP", "07.10.2011", "", "", ""],  # signed twice on one day
    ]
    preview = preview_import(activity=activity, uploaded_file=csv_file(rows))
    assert preview.counts == {"create": 2, "match": 0, "skip": 0}
    aysel = preview.rows[0]
    assert (aysel.days_attended, aysel.pre_test_score, aysel.post_test_score, aysel.certificate_issued) == (
        2,
        50,
        85,
        True,
    )
    result = apply_import(activity=activity, uploaded_file=csv_file(rows))
    assert (result.added, Participation.objects.get(person__first_name="Aysel").days_attended) == (2, 2)


def test_partner_matched_by_acronym_or_any_name_ignoring_case(activity, patrol):
    names = ["MIA-PP", "mia-pp", "Patrol police", "PATRUL POLİSİ", "патрульная полиция", ""]
    people = ["Aysel", "Rəşad", "Günay", "Elçin", "Şəbnəm", "Tural"]
    rows = [["First name", "Last name", "Organisation"]] + [
        [p, "Əliyev", n] for p, n in zip(people, names, strict=True)
    ]
    preview = preview_import(activity=activity, uploaded_file=csv_file(rows))
    assert preview.is_valid
    assert [row.organisation for row in preview.rows] == [patrol] * 5 + [None]


def test_unknown_columns_are_ignored_and_listed(activity):
    upload = xlsx([["№", "Ad", "Soyad", "İmza", "Telefon"], [1, "Aysel", "Əliyeva", "", "050"]])
    preview = preview_import(activity=activity, uploaded_file=upload)
    assert preview.is_valid and preview.ignored_columns == ["№", "İmza", "Telefon"]


def test_title_lines_above_the_headings_and_unsigned_numbered_lines(activity):
    rows = [["Sign-in sheet, 6-7 October 2011"], [], ["No", "First name", "Last name"], [1, "Aysel", "Əliyeva"], [2]]
    preview = preview_import(activity=activity, uploaded_file=csv_file(rows))
    assert preview.is_valid and [row.row for row in preview.rows] == [4]


def test_semicolon_csv_with_bom_and_cp1251_csv(activity):
    rows = [["Фамилия", "Имя", "Пол"], ["Мамедова", "Айсель", "ж"]]
    for upload in (csv_file(rows, encoding="utf-8-sig", delimiter=";"), csv_file(rows, encoding="cp1251")):
        preview = preview_import(activity=activity, uploaded_file=upload)
        assert (preview.rows[0].last_name, preview.rows[0].sex) == ("Мамедова", Sex.FEMALE)


# --- Bad rows -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cells", "column", "message"),
    [
        ({"First name": ""}, "First name", "first name is missing"),
        ({"Last name": " "}, "Last name", "last name is missing"),
        ({"Sex": "X"}, "Sex", "is not a sex"),
        ({"Pre-test": "good"}, "Pre-test", "not a number"),
        ({"Post-test": "101"}, "Post-test", "from 0 to 100"),
        ({"Pre-test": "-1"}, "Pre-test", "from 0 to 100"),
        ({"Organisation": "Ministry of Magic"}, "Organisation", "No partner “Ministry of Magic”"),
        ({"Date": "08.10.2011"}, "Date", "08.10.2011 is outside the activity's dates (06.10.2011 to 07.10.2011)"),
        ({"Date": "05.10.2011"}, "Date", "outside the activity's dates"),
        ({"Date": "yesterday"}, "Date", "not a date"),
        ({"Certificate": "maybe"}, "Certificate", "yes or no"),
        ({"Days attended": "3"}, "Days attended", "from 0 to 2"),
        ({"Days attended": "1.5"}, "Days attended", "whole number"),
        ({"Role": "chef"}, "Role", "Unknown role"),
    ],
)
def test_each_bad_row_is_reported_with_its_row_and_reason(activity, patrol, cells, column, message):
    headings = [*EN, "Days attended", "Role"]
    good = dict(
        zip(headings, ["Aysel", "Əliyeva", "F", "MIA-PP", "06.10.2011", "50", "60", "yes", "1", ""], strict=True)
    )
    rows = [headings, list(good.values()), list(good.values()), list((good | cells).values())]
    preview = preview_import(activity=activity, uploaded_file=xlsx(rows))
    assert not preview.is_valid
    assert [(e.row, e.column) for e in preview.errors] == [(4, column)]
    assert message in preview.errors[0].message


def test_every_bad_row_and_cell_is_reported_with_spreadsheet_row_numbers(activity):
    rows = [
        ["Ad", "Soyad", "Cins", "İlkin test"],
        ["Aysel", "", "Z", "55"],
        [],
        ["", "", "", ""],
        ["Rəşad", "X", "K", "200"],
    ]
    preview = preview_import(activity=activity, uploaded_file=csv_file(rows))
    assert preview.errors == [
        RowError(row=2, column="Soyad", message="The last name is missing."),
        RowError(row=2, column="Cins", message="“Z” is not a sex; write F or M."),
        RowError(row=5, column="İlkin test", message="Write a number from 0 to 100."),
    ]


def test_one_bad_row_writes_nothing(activity, patrol):
    rows = [EN, ["Aysel", "Əliyeva", "F", "MIA-PP", "", "", "", ""], ["Rəşad", "Əliyev", "?", "", "", "", "", ""]]
    with pytest.raises(ImportInvalid) as caught:
        apply_import(activity=activity, uploaded_file=csv_file(rows))
    assert [(e.row, e.column) for e in caught.value.preview.errors] == [(3, "Sex")]
    assert caught.value.messages == ["Row 3, Sex: “?” is not a sex; write F or M."]
    assert not Person.objects.exists() and not Participation.objects.exists()


# --- Writing and re-importing ---------------------------------------------------------------------------------------


def test_apply_writes_people_participations_history_and_counts(activity, patrol):
    upload = xlsx(
        [EN, ["Aysel", "Əliyeva", "Q", "MIA-PP", "", 40, 90, "bəli"], ["Rəşad", "Əliyev", "K", "", "", "", "", ""]]
    )
    assert preview_import(activity=activity, uploaded_file=upload).is_valid  # the page previews, then applies
    result = apply_import(activity=activity, uploaded_file=upload)
    assert (result.created_people, result.matched_people, result.added, result.skipped) == (2, 0, 2, 0)
    aysel = Person.objects.get(first_name="Aysel")
    assert (aysel.organisation, aysel.sex, aysel.name_key) == (patrol, Sex.FEMALE, person_name_key("Aysel", "Aliyeva"))
    participation = Participation.objects.get(person=aysel, activity=activity)
    assert (participation.pre_test_score, participation.post_test_score, participation.certificate_issued) == (
        40,
        90,
        True,
    )
    assert aysel.history.count() == 1 and participation.history.count() == 1
    activity.refresh_from_db()
    assert (activity.participants_women, activity.participants_men, activity.participants_unrecorded) == (1, 1, 0)


def test_reimport_adds_no_one_twice_and_matches_existing_people(activity, patrol):
    known = PersonFactory(first_name="Aysel", last_name="Mammadova", organisation=patrol)  # from another training
    elsewhere = PersonFactory(first_name="Rəşad", last_name="Əliyev", organisation=PartnerFactory())
    rows = [
        EN,
        ["Aysel", "Məmmədova", "F", "MIA-PP", "", "", "", ""],
        ["Rəşad", "Əliyev", "M", "MIA-PP", "", "", "", ""],
    ]
    preview = preview_import(activity=activity, uploaded_file=csv_file(rows))
    assert [(r.action, r.existing_person) for r in preview.rows] == [("match", known), ("create", None)]
    first = apply_import(activity=activity, uploaded_file=csv_file(rows))
    assert (first.created_people, first.matched_people, first.added) == (1, 1, 2)
    again = apply_import(activity=activity, uploaded_file=csv_file(rows))
    assert (again.created_people, again.matched_people, again.added, again.skipped) == (0, 0, 0, 2)
    assert preview_import(activity=activity, uploaded_file=csv_file(rows)).counts == {
        "create": 0,
        "match": 0,
        "skip": 2,
    }
    assert Person.objects.count() == 3 and elsewhere.participations.count() == 0
    assert Participation.objects.filter(activity=activity).count() == 2


def test_person_already_on_the_activity_is_skipped(activity):
    ParticipationFactory(activity=activity, person=PersonFactory(first_name="Aysel", last_name="Əliyeva"))
    preview = preview_import(activity=activity, uploaded_file=csv_file([["Ad", "Soyad"], ["Aysel", "Aliyeva"]]))
    assert preview.counts == {"create": 0, "match": 0, "skip": 1}


def test_matching_takes_the_same_queries_for_more_rows(activity, patrol):
    def queries(count):
        PersonFactory.create_batch(count)
        rows = [EN] + [[f"Name{i}", f"Family{i}", "F", "MIA-PP", "", "", "", ""] for i in range(count)]
        with CaptureQueriesContext(connection) as context:
            preview_import(activity=activity, uploaded_file=csv_file(rows))
        return len(context)

    assert queries(5) == queries(15) == 3  # partners, people by name key, people already on the activity


# --- Refused files --------------------------------------------------------------------------------------------------


def test_text_renamed_to_xlsx_is_refused(activity):
    assert "not an Excel workbook" in refusal(activity, SimpleUploadedFile("sheet.xlsx", b"First name,Last name\n"))


def test_zip_that_is_not_a_workbook_is_refused(activity):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
    assert "not an Excel workbook" in refusal(activity, SimpleUploadedFile("sheet.xlsx", buffer.getvalue()))


def test_zip_bomb_is_refused_before_unpacking(activity):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("xl/worksheets/sheet1.xml", "w") as member:
            for _ in range(60):
                member.write(b"\0" * 1024 * 1024)  # 60 MB of zeros pack into a few kilobytes
    assert len(buffer.getvalue()) < 200_000
    assert "unpacks to more than 50 MB" in refusal(activity, SimpleUploadedFile("sheet.xlsx", buffer.getvalue()))


@pytest.mark.parametrize("content", [b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", b"First name\x07\x01\x02\n"])
def test_binary_csv_is_refused(activity, content):
    assert "not a text CSV file" in refusal(activity, SimpleUploadedFile("sheet.csv", content))


def test_too_large_file_is_refused(activity, settings):
    settings.ATTENDANCE_IMPORT_MAX_BYTES = 1024 * 1024
    upload = csv_file([["Ad", "Soyad"]] + [["Aysel", "Əliyeva" * 20]] * 8000)
    assert "larger than 1 MB" in refusal(activity, upload)


def test_too_many_rows_are_refused(activity, settings):
    settings.ATTENDANCE_IMPORT_MAX_ROWS = 3
    rows = [["Ad", "Soyad"]] + [[f"A{i}", "Əliyeva"] for i in range(4)]
    assert "more than 3 rows" in refusal(activity, xlsx(rows))
    assert preview_import(activity=activity, uploaded_file=xlsx(rows[:4])).is_valid


def test_headcount_activity_is_refused(activity):
    Activity.objects.filter(pk=activity.pk).update(participant_mode=ParticipantMode.HEADCOUNT)
    activity.refresh_from_db()
    upload = csv_file([["Ad", "Soyad"], ["Aysel", "Əliyeva"]])
    assert "headcount only" in refusal(activity, upload)
    with pytest.raises(ImportFileError):
        apply_import(activity=activity, uploaded_file=upload)
    assert not Person.objects.exists()


def test_sheet_without_a_name_column_lists_its_headings(activity):
    message = refusal(activity, csv_file([["Nömrə", "Cins", "İmza"], ["1", "Q", ""]]))
    assert "No column with the participants' names" in message and "Nömrə, Cins, İmza" in message


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("sheet.xls", b"\xd0\xcf\x11\xe0", "not an Excel 97-2003 workbook"),
        ("sheet.ods", b"PK\x03\x04", "not an OpenDocument spreadsheet"),
        ("sheet.pdf", b"%PDF-1.4", "(.xlsx, .xls, .ods, .csv)"),
        ("sheet.csv", b"", "empty"),
        ("sheet.csv", b"Ad,Soyad\n", "no participants"),
    ],
)
def test_other_refusals(activity, name, content, message):
    assert message in refusal(activity, SimpleUploadedFile(name, content))


# --- The committed samples ------------------------------------------------------------------------------------------


def test_sample_sheets_import_cleanly_into_a_two_day_training(activity):
    call_command("seed_reference", stdout=io.StringIO())
    with open(SAMPLES / "attendance_sheet.xlsx", "rb") as sheet:
        preview = preview_import(activity=activity, uploaded_file=sheet)
        assert preview.is_valid, preview.errors
        assert preview.counts == {"create": 20, "match": 0, "skip": 0}
        assert preview.ignored_columns == ["№", "İmza"]
        result = apply_import(activity=activity, uploaded_file=sheet)
    assert (result.created_people, result.added) == (20, 20)
    days = dict(Participation.objects.filter(activity=activity).values_list("person__first_name", "days_attended"))
    assert (days["Aytən"], days["Çingiz"], days["Tuğrul"]) == (2, 1, 1)
    assert set(Person.objects.values_list("organisation__acronym", flat=True)) == {"MIA-PP", "MIA-SRU", "MIA-IT"}
    activity.refresh_from_db()
    assert (activity.participants_women, activity.participants_men) == (10, 10)
    # The CSV holds the same people with English headings: nobody is added twice.
    with open(SAMPLES / "attendance_sheet.csv", "rb") as sheet:
        again = apply_import(activity=activity, uploaded_file=sheet)
    assert (again.added, again.skipped) == (0, 20)
