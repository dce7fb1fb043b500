from tests.url_access import LOGIN, Route, everyone_signed_in


def _done_job(objects):
    from .factories import ReportJobFactory

    return [ReportJobFactory(done=True).pk]


# A job of the policing unit, requested by policing staff: other staff get 404; managers and administrators see it.
_JOB = {"anonymous": LOGIN, "staff_same_unit": 200, "staff_other_unit": 404, "manager": 200, "administrator": 200}

ROUTES = [
    Route("reports:index", everyone_signed_in()),
    Route("reports:request", everyone_signed_in()),
    Route("reports:detail", _JOB, args=_done_job),
    Route("reports:progress", _JOB, args=_done_job),
    Route("reports:download", _JOB, args=_done_job),
    Route("reports:retry", everyone_signed_in(405), args=_done_job),
]
