"""Training records kept in the portal's generic record pages (programmes.unit_records): courses with their modules,
reach targets, publications with their distributions. Linking a training to a course stays on the course's page; the
course's history tab shows those links too."""

from django import forms

from programmes.forms import DateInput
from programmes.unit_records import RecordType

from . import selectors
from .models import UNIT, Course, CourseModule, Distribution, Publication, ReachTarget


class CourseForm(forms.ModelForm):
    class Meta:
        model = Course
        fields = ["title", "title_az", "description", "duration_days", "target_groups", "active"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class CourseModuleForm(forms.ModelForm):
    class Meta:
        model = CourseModule
        fields = ["order", "title", "hours"]


class ReachTargetForm(forms.ModelForm):
    class Meta:
        model = ReachTarget
        fields = ["label", "target_group", "location", "people"]


class PublicationForm(forms.ModelForm):
    class Meta:
        model = Publication
        fields = ["title", "title_en", "language", "isbn", "series", "published_on", "copies_printed"]
        widgets = {"published_on": DateInput()}


class DistributionForm(forms.ModelForm):
    class Meta:
        model = Distribution
        fields = ["partner", "copies", "distributed_on"]
        widgets = {"distributed_on": DateInput()}


def _record(model, form, slug, columns, **extra):
    return RecordType(
        model=model, form_class=form, unit_area=UNIT, namespace="training", slug=slug, columns=columns, **extra
    )


courses = _record(
    Course, CourseForm, "courses", ("title", "duration_days", "active"), back="course_detail",
    history_extra=("training/_course_link_history.html", selectors.course_link_history),
)  # fmt: skip
modules = _record(
    CourseModule, CourseModuleForm, "modules", ("order", "title", "hours"), parent=courses, parent_field="course"
)
reach_targets = _record(ReachTarget, ReachTargetForm, "targets", ("label", "target_group", "location", "people"))
publications = _record(
    Publication, PublicationForm, "publications", ("title", "language", "isbn", "copies_printed"),
    back="publication_detail",
)  # fmt: skip
distributions = _record(
    Distribution, DistributionForm, "distributions", ("partner", "copies", "distributed_on"),
    parent=publications, parent_field="publication",
)  # fmt: skip

RECORD_TYPES = (courses, modules, reach_targets, publications, distributions)
