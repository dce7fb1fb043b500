from .activities import Activity, ActivityKind, ActivityPartner, ActivityStatus, ParticipantMode, PartnerRole
from .locations import Location
from .partners import Contact, Partner
from .people import Participation, ParticipationRole, Person, Sex
from .projects import FundingSource, GenderMarker, Programme, Project, Theme

__all__ = [
    "Activity",
    "ActivityKind",
    "ActivityPartner",
    "ActivityStatus",
    "Contact",
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
