from .activities import Activity, ActivityKind, ActivityPartner, ActivityStatus, ParticipantMode, PartnerRole
from .imports import ImportRun
from .locations import Location
from .partners import Contact, Partner, PartnerFormerName
from .people import Participation, ParticipationRole, Person, Sex
from .projects import FundingSource, GenderMarker, Programme, Project, Theme
from .results import Indicator, IndicatorPeriod, PeriodStatus, Result
from .summaries import ActivityMonth, PeriodFigure
from .workflow import ActivityReview, Evidence

__all__ = [
    "Activity",
    "ActivityKind",
    "ActivityMonth",
    "ActivityPartner",
    "ActivityReview",
    "ActivityStatus",
    "Contact",
    "Evidence",
    "FundingSource",
    "Indicator",
    "IndicatorPeriod",
    "ImportRun",
    "GenderMarker",
    "Location",
    "ParticipantMode",
    "Participation",
    "ParticipationRole",
    "Partner",
    "PartnerFormerName",
    "PartnerRole",
    "PeriodFigure",
    "PeriodStatus",
    "Person",
    "Programme",
    "Project",
    "Result",
    "Sex",
    "Theme",
]
