"""Time and peak memory of the big report exports at the current database's scale.

    DJANGO_SETTINGS_MODULE=osce_baku.settings DATABASE_URL=postgres://... python bench/reports_export.py

Builds the activity register and the full participation list as XLSX (openpyxl write-only) and CSV (streamed), each
in a fresh child process, so the peak resident memory (getrusage maxrss) belongs to that build alone. The job is
built exactly as a Celery worker builds it (reports.services.run_job), for an administrator (every unit area),
into a temporary MEDIA_ROOT; the job rows are deleted afterwards. Targets (issue 7): a million participation rows
to XLSX in under 3 minutes with under 400 MB peak.
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CASES = [
    ("activity_register", "xlsx"),
    ("activity_register", "csv"),
    ("participation_list", "xlsx"),
    ("participation_list", "csv"),
    # PDF reports hold summaries: they must finish in under 30 s at any scale.
    ("participant_reach", "pdf"),
    ("quarterly_programme", "pdf"),
]
# Parameters for kinds that need them (the most recent full year or quarter of the demo data).
PARAMETERS = {
    "participant_reach": {"date_from": "2025-01-01", "date_to": "2025-12-31"},
    "quarterly_programme": {
        "date_from": "2026-04-01",
        "date_to": "2026-06-30",
        "quarter": "2026 Q2",
        "unit_area": "policing",
    },
}


def _setup():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "osce_baku.settings")
    import django

    django.setup()


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def run_one(kind: str, fmt: str) -> dict:
    """In the child: build one report and measure it."""
    _setup()
    from django.conf import settings

    from accounts import access
    from accounts.models import User
    from accounts.roles import Role
    from reports import services
    from reports.models import ReportJob
    from reports.selectors import activities_for_job, participations_for_job

    user = User.objects.filter(is_active=True, groups__name=Role.ADMINISTRATOR.value).order_by("pk").first()
    if user is None:
        raise SystemExit("No administrator user: run `manage.py seed_demo` first.")
    with tempfile.TemporaryDirectory() as media:
        settings.MEDIA_ROOT = Path(media)
        params = PARAMETERS.get(kind, {})
        areas = [params["unit_area"]] if "unit_area" in params else sorted(access.visible_unit_areas(user))
        job = ReportJob.objects.create(kind=kind, format=fmt, requested_by=user, unit_areas=areas, parameters=params)
        try:
            rows = (participations_for_job(job) if kind == "participation_list" else activities_for_job(job)).count()
            before = _peak_mb()
            started, cpu = time.perf_counter(), _cpu_seconds()
            services.run_job(job_id=job.pk)
            seconds, cpu = time.perf_counter() - started, _cpu_seconds() - cpu
            job.refresh_from_db()
            size = (Path(media) / job.file.name).stat().st_size if job.file else 0
            return {
                "kind": kind,
                "format": fmt,
                "rows": rows,
                "status": job.status,
                "seconds": round(seconds, 2),
                "cpu_seconds": round(cpu, 2),  # this process only: less affected by a busy machine than wall time
                "peak_mb": round(_peak_mb(), 1),
                "peak_before_build_mb": round(before, 1),
                "file_mb": round(size / 1e6, 1),
                "error": job.error,
            }
        finally:
            ReportJob.objects.filter(pk=job.pk).delete()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--one", nargs=2, metavar=("KIND", "FORMAT"), help=argparse.SUPPRESS)
    parser.add_argument("--only", choices=sorted({k for k, _f in CASES}), help="one kind only")
    parser.add_argument("--json", action="store_true", help="print JSON lines instead of a table")
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(*args.one)))
        return
    results = []
    for kind, fmt in CASES:
        if args.only and kind != args.only:
            continue
        child = subprocess.run(
            [sys.executable, __file__, "--one", kind, fmt], capture_output=True, text=True, cwd=ROOT, check=False
        )
        if child.returncode != 0:
            sys.stderr.write(child.stderr)
            raise SystemExit(child.returncode)
        results.append(json.loads(child.stdout.strip().splitlines()[-1]))
    if args.json:
        for result in results:
            print(json.dumps(result))
        return
    print(f"{'report':<20} {'format':<6} {'rows':>10} {'seconds':>9} {'cpu s':>8}", end=" ")
    print(f"{'peak MB':>8} {'idle MB':>8} {'file MB':>8}")
    for r in results:
        print(
            f"{r['kind']:<20} {r['format']:<6} {r['rows']:>10} {r['seconds']:>9} {r['cpu_seconds']:>8} "
            f"{r['peak_mb']:>8} {r['peak_before_build_mb']:>8} {r['file_mb']:>8}  {r['status']} {r['error']}"
        )


if __name__ == "__main__":
    main()
