import pytest
from django.test import TestCase

from api.views import core
from programmes.tests.factories import ActivityFactory
from reports.models import ReportJob, ReportStatus
from reports.tests.brokers import closed_port_url, sending_to

pytestmark = pytest.mark.django_db


def test_unexpected_error_is_a_json_500(client_for, manager, monkeypatch):
    def broken(self, request, *args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(core.LocationViewSet, "list", broken)
    response = client_for(manager).get("/api/v1/locations/")
    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    assert "boom" not in response.content.decode()
    assert response.json()["detail"]


@pytest.mark.parametrize(
    "url",
    ["/api/v1/activities/?date_from=yesterday", "/api/v1/activities/?kind=picnic", "/api/v1/activities/?cursor=zz"],
)
def test_bad_query_parameters_are_json_errors(client_for, manager, url):
    response = client_for(manager).get(url)
    assert response.status_code in (400, 404)
    assert response["Content-Type"] == "application/json"


def test_bad_json_body_is_a_json_400(client_for, staff_policing):
    response = client_for(staff_policing).post("/api/v1/activities/", data="{not json", content_type="application/json")
    assert response.status_code == 400
    assert response.json()["detail"]


def test_report_job_request_status_and_download(client_for, staff_policing, staff_ct):
    ActivityFactory()
    client = client_for(staff_policing)
    # The task is sent when the request's transaction commits: in a test, run it as the commit would.
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(
            "/api/v1/report-jobs/",
            {"kind": "activity_register", "format": "csv", "unit_area": "policing"},
            format="json",
        )
    assert response.status_code == 201, response.content
    assert response.json()["status"] == ReportStatus.QUEUED  # the answer is written before the commit sends the task
    job = ReportJob.objects.get(pk=response.json()["id"])
    assert job.requested_by == staff_policing and job.unit_areas == ["policing"]
    # Without a queue the job runs in-process once committed: it is ready now.
    status = client.get(f"/api/v1/report-jobs/{job.pk}/").json()
    assert status["status"] == ReportStatus.DONE
    download = client.get(status["download_url"])
    assert download.status_code == 200
    assert b"".join(download.streaming_content)
    assert client_for(staff_ct).get(f"/api/v1/report-jobs/{job.pk}/download/").status_code == 404


def test_api_request_with_the_queue_down_is_a_failed_job(client_for, staff_policing):
    client = client_for(staff_policing)
    with sending_to(closed_port_url()), TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(
            "/api/v1/report-jobs/",
            {"kind": "activity_register", "format": "csv", "unit_area": "policing"},
            format="json",
        )
    assert response.status_code == 201
    status = client.get(f"/api/v1/report-jobs/{response.json()['id']}/").json()
    assert status["status"] == ReportStatus.FAILED and "queue was not available" in status["error"]


def test_report_job_request_is_validated_like_the_page(client_for, staff_policing):
    client = client_for(staff_policing)
    response = client.post("/api/v1/report-jobs/", {"kind": "no_such_report", "format": "csv"}, format="json")
    assert response.status_code == 400 and "kind" in response.json()["errors"]
    response = client.post(
        "/api/v1/report-jobs/",
        {"kind": "activity_register", "format": "csv", "date_from": "2024-05-01", "date_to": "2024-01-01"},
        format="json",
    )
    assert "date_to" in response.json()["errors"]
    assert not ReportJob.objects.exists()
