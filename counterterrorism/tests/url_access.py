"""Counter-terrorism pages: "staff_other_unit" is counter-terrorism staff, "staff_same_unit" policing staff."""

from tests.url_access import LOGIN, Route

from .factories import ConferenceFactory, MilestoneFactory, StrategyFactory


def _expect(same, other=200, manager=200, administrator=200):
    return {
        "anonymous": LOGIN,
        "staff_same_unit": same,
        "staff_other_unit": other,
        "manager": manager,
        "administrator": administrator,
    }


def _beneficiary(objects):
    from programmes.models import PartnerRole
    from programmes.tests.factories import ActivityPartnerFactory

    from .factories import CtActivityFactory

    link = ActivityPartnerFactory(activity=CtActivityFactory(status="approved"), role=PartnerRole.BENEFICIARY)
    return [link.partner_id]


LIST = _expect(403)
OBJECT = _expect(404)
CREATE = _expect(403, manager=403)
EDIT = _expect(404, manager=403)
POST_ONLY = _expect(405, 405, 405, 405)

ROUTES = [
    Route("counterterrorism:index", LIST),
    Route("counterterrorism:beneficiaries", LIST),
    Route("counterterrorism:beneficiary_detail", OBJECT, args=_beneficiary),
    Route("counterterrorism:strategy_list", LIST),
    Route("counterterrorism:strategy_create", CREATE),
    Route("counterterrorism:strategy_detail", OBJECT, args=lambda o: [StrategyFactory().pk]),
    Route("counterterrorism:strategy_update", EDIT, args=lambda o: [StrategyFactory().pk]),
    Route("counterterrorism:strategy_link", POST_ONLY, args=lambda o: [StrategyFactory().pk]),
    Route("counterterrorism:milestone_create", EDIT, args=lambda o: [StrategyFactory().pk]),
    Route("counterterrorism:milestone_update", EDIT, args=lambda o: [MilestoneFactory().pk]),
    Route("counterterrorism:event_list", LIST),
    Route("counterterrorism:event_detail", OBJECT, args=lambda o: [ConferenceFactory().pk]),
    Route("counterterrorism:event_edit", EDIT, args=lambda o: [ConferenceFactory().pk]),
    Route("counterterrorism:event_add_contributor", EDIT, args=lambda o: [ConferenceFactory().pk]),
]

# History tabs from the generic record pages (programmes.unit_records).
ROUTES += [
    Route("counterterrorism:strategies_history", OBJECT, args=lambda o: [StrategyFactory().pk]),
    Route("counterterrorism:milestones_history", OBJECT, args=lambda o: [MilestoneFactory().pk]),
]
