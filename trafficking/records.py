"""National Action Plans on the portal's generic record pages (programmes.unit_records). Measures keep their own
form (responsible institutions, unique number per plan) and page; the generic pages add their history."""

from django import forms

from programmes.unit_records import RecordType

from .forms import MeasureForm
from .models import UNIT, Measure, NationalActionPlan


class PlanForm(forms.ModelForm):
    class Meta:
        model = NationalActionPlan
        fields = ["title", "start_year", "end_year", "adopted_on"]
        widgets = {"adopted_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


plans = RecordType(
    model=NationalActionPlan,
    form_class=PlanForm,
    unit_area=UNIT,
    namespace="trafficking",
    slug="plans",
    columns=("title", "start_year", "end_year", "adopted_on"),
    back="plan_detail",
)
measures = RecordType(
    model=Measure,
    form_class=MeasureForm,
    unit_area=UNIT,
    namespace="trafficking",
    slug="measures",
    parent=plans,
    parent_field="plan",
    views=("history",),
    back="measure_detail",
)
