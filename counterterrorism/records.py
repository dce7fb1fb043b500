"""Strategies and milestones keep their own forms and pages; the generic record pages (programmes.unit_records) add
their history tab."""

from programmes.unit_records import RecordType

from .forms import MilestoneForm, StrategyForm
from .models import UNIT, Milestone, Strategy

strategies = RecordType(
    model=Strategy,
    form_class=StrategyForm,
    unit_area=UNIT,
    namespace="counterterrorism",
    slug="strategies",
    views=("history",),
    back="strategy_detail",
)
milestones = RecordType(
    model=Milestone,
    form_class=MilestoneForm,
    unit_area=UNIT,
    namespace="counterterrorism",
    slug="milestones",
    parent=strategies,
    parent_field="strategy",
    views=("history",),
)
