from .activities import Activity, ActivityKind, ActivityPartner, ActivityStatus, ParticipantMode, PartnerRole
from .locations import Location
from .partners import Contact, Partner
from .people import Participation, ParticipationRole, Person, Sex
from .projects import FundingSource, GenderMarker, Programme, Project, Theme
from .workflow import ActivityReview, Evidence

__all__ = [
    "Activity",
    "ActivityKind",
    "ActivityPartner",
    "ActivityReview",
    "ActivityStatus",
    "Contact",
    "Evidence",
    "FundingSource",
    "GenderMarker",
    "Location",
    "ParticipantMode",
    "Participation",
    "ParticipationRole",
    "Partner",
    "PartnerRole",
    "Person",
    "Programme",
    "Project",
    "Sex",
    "Theme",
]
