from tests.url_access import LOGIN, RECORD_FORM, RECORD_READ, Route


def _view(status_other=403):
    """Pages of the policing unit: its staff, managers and administrators see them; other staff do not."""
    return {
        "anonymous": LOGIN,
        "staff_same_unit": 200,
        "staff_other_unit": status_other,
        "manager": 200,
        "administrator": 200,
    }


def _form():
    """Forms on a policing record: out of scope is a 404; managers review and do not edit."""
    return {"anonymous": LOGIN, "staff_same_unit": 200, "staff_other_unit": 404, "manager": 403, "administrator": 200}


def _meeting(objects):
    from .factories import CagMeetingFactory

    return [CagMeetingFactory().pk]


def _open_meeting(objects):
    """A meeting not yet approved: issues can still be recorded (tests/test_approved_locked.py covers approved)."""
    from .factories import CagMeetingFactory

    return [CagMeetingFactory(activity__status="completed").pk]


def _issue(objects):
    from .factories import IssueFactory

    return [IssueFactory().pk]


def _action(objects):
    from .factories import ActionFactory

    return [ActionFactory().pk]


def _cag(objects):
    from .factories import CagFactory

    return [CagFactory().pk]


ROUTES = [
    Route("policing:index", _view()),
    Route("policing:rollout", _view()),
    Route("policing:overdue", _view()),
    Route("policing:cag_detail", _view(404), args=_cag),
    Route("policing:meeting_detail", _view(404), args=_meeting),
    Route("policing:meeting_add", _form(), args=_cag),
    Route("policing:issue_add", _form(), args=_open_meeting),
    Route("policing:action_add", _form(), args=_issue),
    Route("policing:action_edit", _form(), args=_action),
]


def _member(objects):
    from .factories import CagMemberFactory

    return [CagMemberFactory().pk]


ROUTES += [
    Route("policing:groups_list", RECORD_READ),
    Route("policing:groups_create", RECORD_FORM),
    Route("policing:groups_edit", RECORD_FORM, args=_cag),
    Route("policing:groups_history", RECORD_READ, args=_cag),
    Route("policing:members_list", RECORD_READ, args=_cag),
    Route("policing:members_create", RECORD_FORM, args=_cag),
    Route("policing:members_edit", RECORD_FORM, args=_member),
    Route("policing:members_history", RECORD_READ, args=_member),
]
