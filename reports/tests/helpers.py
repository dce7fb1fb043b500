"""Helpers for tests that build a report and read its file back: XLSX with openpyxl, CSV with csv, PDF with pypdf.
Shared by the report kind tests of every app (a helper module, so no test module imports another)."""

import csv
import io

from django.core.files.storage import default_storage
from openpyxl import load_workbook
from pypdf import PdfReader

from accounts.units import UnitArea
from reports import services
from reports.models import ReportJob, ReportStatus


def build(user, kind, fmt, language="en", areas=(UnitArea.POLICING,), **parameters):
    job = ReportJob.objects.create(
        kind=kind, format=fmt, language=language, requested_by=user, unit_areas=list(areas), parameters=parameters
    )
    services.run_job(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == ReportStatus.DONE, job.error
    assert job.progress == 100 and job.attempts == 1 and job.expires_at
    return job


def read_xlsx(job):
    with default_storage.open(job.file.name, "rb") as handle:
        workbook = load_workbook(io.BytesIO(handle.read()), read_only=True)
    return {ws.title: [list(row) for row in ws.iter_rows(values_only=True)] for ws in workbook.worksheets}


def read_csv(job):
    with default_storage.open(job.file.name, "rb") as handle:
        return list(csv.reader(io.StringIO(handle.read().decode("utf-8-sig"))))


def read_pdf(job):
    with default_storage.open(job.file.name, "rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
        return "\n".join(page.extract_text() for page in reader.pages)
