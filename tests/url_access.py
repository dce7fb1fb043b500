"""The role x URL table: every named URL, the objects it needs, and the status each persona must get.

Each app keeps its own rows in `<app>/tests/url_access.py` as a ROUTES list; `tests/test_url_access.py` walks every
URL pattern of the project and fails when one has no row. Records under test belong to the policing unit, so
"staff_same_unit" is policing staff and "staff_other_unit" is counter-terrorism staff (Read the Docs' URL-privacy
tests in spirit).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

LOGIN = "login"  # the expected "status" for a redirect to the login page


@dataclass(frozen=True)
class Route:
    name: str
    expect: dict  # persona -> status code, or LOGIN
    args: Callable = field(default=lambda objects: [])  # objects (a dict of test records) -> URL arguments
    query: str = ""


def everyone_signed_in(status=200, **overrides) -> dict:
    """Shorthand: anonymous users go to the login page, every signed-in persona gets `status` unless overridden."""
    expect = dict.fromkeys(("staff_same_unit", "staff_other_unit", "manager", "administrator"), status)
    expect["anonymous"] = LOGIN
    expect.update(overrides)
    return expect


# Generic unit record pages (programmes.unit_records) of a policing record: other units' staff get 404 everywhere,
# managers read, the unit's staff and administrators also edit.
RECORD_READ = everyone_signed_in(200, staff_other_unit=404)
RECORD_FORM = everyone_signed_in(200, staff_other_unit=404, manager=403)


CORE_ROUTES = [
    Route("home", everyone_signed_in()),
    Route(
        "accounts:login",
        {"anonymous": 200, "staff_same_unit": 302, "staff_other_unit": 302, "manager": 302, "administrator": 302},
    ),
    Route(
        "accounts:logout",
        {"anonymous": LOGIN, "staff_same_unit": 405, "staff_other_unit": 405, "manager": 405, "administrator": 405},
    ),
    Route(
        "set_language",
        dict.fromkeys(("anonymous", "staff_same_unit", "staff_other_unit", "manager", "administrator"), 302),
    ),
]
