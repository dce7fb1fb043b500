"""One date style per language (osce_baku/formats): British English, dd.mm.yyyy in az and ru; forms read the same."""

import datetime

import pytest
from django import forms
from django.template import Context, Template
from django.utils import translation

from osce_baku.dates import month_label

DAY = datetime.date(2011, 10, 6)


@pytest.mark.parametrize(
    ("language", "text", "table"),
    [("en", "6 Oct 2011", "06.10.2011"), ("az", "06.10.2011", "06.10.2011"), ("ru", "06.10.2011", "06.10.2011")],
)
def test_one_style_per_language(language, text, table):
    template = Template('{{ day }}|{{ day|date:"DATE_FORMAT" }}|{{ day|date:"SHORT_DATE_FORMAT" }}')
    with translation.override(language):
        assert template.render(Context({"day": DAY})) == f"{text}|{text}|{table}"


@pytest.mark.parametrize("language", ["en", "az", "ru"])
def test_forms_accept_the_style_they_show_and_iso(language):
    field = forms.DateField(localize=True)
    with translation.override(language):
        assert field.clean("06.10.2011") == DAY
        assert field.clean("2011-10-06") == DAY  # what the browser's date picker sends
        with pytest.raises(forms.ValidationError):
            field.clean("10/32/2011")


def test_times_are_24_hour_without_a_trailing_full_stop():
    moment = datetime.datetime(2026, 11, 30, 11, 27)
    template = Template('{{ moment|date:"DATETIME_FORMAT" }}')
    with translation.override("en"):
        assert template.render(Context({"moment": moment})) == "30 Nov 2026, 11:27"
    with translation.override("ru"):
        assert template.render(Context({"moment": moment})) == "30.11.2026, 11:27"


@pytest.mark.parametrize(
    ("language", "label"),
    [("en", "June 2025"), ("az", "iyun 2025"), ("ru", "Июнь 2025")],
)
def test_month_labels_name_the_month_and_azerbaijani_keeps_it_lower_case(language, label):
    with translation.override(language):
        assert month_label(datetime.date(2025, 6, 1)) == label


@pytest.mark.parametrize("language", ["en", "az", "ru"])
def test_report_files_write_dates_in_the_tables_style(language, tmp_path):
    from openpyxl import load_workbook

    from reports.writers import TableWriter, localize_text

    path = tmp_path / "dates.xlsx"
    with translation.override(language):
        with TableWriter(path, "xlsx") as out:
            out.table("Dates", ["Date"])
            out.row([DAY])
        assert localize_text(DAY) == "06.10.2011"  # CSV and PDF cells
    cell = load_workbook(path).active["A2"]
    assert cell.value.date() == DAY and cell.number_format == "dd.mm.yyyy"  # a real date, shown day first


@pytest.mark.parametrize("language", ["en", "az", "ru"])
def test_date_fields_show_the_languages_style_and_read_it_back(language):
    from osce_baku.widgets import DateInput

    class Form(forms.Form):
        day = forms.DateField(widget=DateInput())

    with translation.override(language):
        html = str(Form(initial={"day": DAY})["day"])
        assert 'type="text"' in html and 'value="06.10.2011"' in html  # not the browser's own order
        shown = Form(initial={"day": DAY})["day"].value()
        assert Form(data={"day": DAY.strftime("%d.%m.%Y")}).is_valid() and shown == DAY
        form = Form(data={"day": "31.02.2011"})
        assert not form.is_valid() and "day" in form.errors  # a clear message at the field, no 500
