"""The report request form shows only what the chosen kind uses; HTMX swaps the fields when the kind changes, and
the server still refuses what the kind does not take. The job page names the report's language."""

import pytest
from django.urls import reverse
from django.utils import translation

from accounts.units import UnitArea

from .factories import ReportJobFactory

pytestmark = pytest.mark.django_db

URL = reverse("reports:request")


def _fields(response) -> set[str]:
    return set(response.context["form"].fields)


def _formats(response) -> list[str]:
    return [value for value, _label in response.context["form"].fields["format"].choices]


def test_menu_change_swaps_in_only_the_kinds_fields_and_formats(personas):
    client = personas["manager"]
    response = client.get(URL, {"kind": "cag_status"}, headers={"HX-Request": "true"})

    assert response.status_code == 200
    assert [t.name for t in response.templates][0] == "reports/_request_fields.html"  # a fragment, not the page
    html = response.content.decode()
    assert 'id="kind-fields"' in html and "<html" not in html
    assert _fields(response) == {"kind", "format", "quarter", "date_from", "date_to"}
    assert 'name="partner"' not in html and 'name="project"' not in html and 'name="unit_area"' not in html


def test_pdf_is_not_offered_for_a_kind_without_it(personas):
    client = personas["manager"]
    register = client.get(URL, {"kind": "activity_register"}, headers={"HX-Request": "true"})
    assert "pdf" not in _formats(register) and 'value="pdf"' not in register.content.decode()
    quarterly = client.get(URL, {"kind": "quarterly_programme"}, headers={"HX-Request": "true"})
    assert _formats(quarterly) == ["pdf"]
    assert {"quarter", "unit_area"} <= _fields(quarterly) and not {"date_from", "date_to"} & _fields(quarterly)


def test_full_page_shows_the_first_kinds_fields_and_the_menu_asks_for_the_others(personas):
    response = personas["manager"].get(URL)
    html = response.content.decode()
    form = response.context["form"]
    assert form.chosen_kind == form.kinds[0]
    assert f'hx-get="{URL}"' in html and 'hx-target="#kind-fields"' in html
    assert "csrfmiddlewaretoken" in html  # the real form still posts with its token; hx-params keeps it off GETs


def test_server_still_refuses_a_format_or_field_the_kind_does_not_use(personas):
    client = personas["manager"]
    response = client.post(URL, {"kind": "cag_status", "format": "csv"})  # cag_status: XLSX and PDF
    assert "format" in response.context["form"].errors
    # a field the kind does not use is ignored, never taken into the job's parameters
    response = client.post(
        URL, {"kind": "cag_status", "format": "xlsx", "partner": "999999", "unit_area": UnitArea.TRAFFICKING}
    )
    assert response.status_code == 302
    from reports.models import ReportJob

    job = ReportJob.objects.get()
    assert "partner" not in job.parameters and job.unit_areas == [UnitArea.POLICING]


def test_an_unknown_kind_in_the_menu_request_falls_back_without_error(personas):
    response = personas["manager"].get(URL, {"kind": "no-such-kind"}, headers={"HX-Request": "true"})
    assert response.status_code == 200 and response.context["form"].chosen_kind is not None


@pytest.mark.parametrize(("language", "name"), [("az", "Azerbaijani"), ("ru", "Russian"), ("en", "English")])
def test_job_page_names_the_language(personas, language, name):
    job = ReportJobFactory(language=language)
    with translation.override("en"):
        page = personas["staff_same_unit"].get(reverse("reports:detail", args=[job.pk]))
    assert f'<dd class="col-sm-8">{name}</dd>' in page.content.decode()
