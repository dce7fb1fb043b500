"""Participation list (XLSX, CSV): one row per participant per activity. Names only where the requester may see them.

Rows are read as tuples (values_list) in chunks: a million participations to XLSX must stay within the worker's
memory target, and model instances cost several times more than tuples.
"""

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from accounts.units import UnitArea
from programmes.models import Activity, Participation, ParticipationRole, Person, Sex

from ..cells import Coded, coded_choices
from ..selectors import names_visible, participations_for_job
from ..writers import TableWriter, heading, track

COLUMNS = (
    "activity__start_date",
    "activity__title",
    "activity__unit_area",
    "activity__location__name",
    "activity__location__name_az",
    "activity__location__name_ru",
    "person__last_name",
    "person__first_name",
    "person__sex",
    "person__organisation__name",
    "person__organisation__name_az",
    "person__organisation__name_ru",
    "person__organisation__acronym",
    "person__position",
    "role",
    "days_attended",
    "pre_test_score",
    "post_test_score",
    "certificate_issued",
    "person_id",
)


def _localized(english, az, ru, lang):
    return {"az": az, "ru": ru}.get(lang) or english or ""


def _names(lang):
    """A name in the reader's language with the recorded (English) one for CSV, one Coded per distinct name: a few
    hundred locations and partners, a million rows."""
    seen = {}

    def name(english, az, ru, acronym=None):
        key = (english, az, ru, acronym)
        if key not in seen:
            shown, recorded = _localized(english, az, ru, lang), english or ""
            if acronym and shown:
                shown, recorded = f"{shown} ({acronym})", f"{recorded} ({acronym})"
            seen[key] = Coded(shown, recorded)
        return seen[key]

    return name


def build_participation_list(job, progress, path):
    lang = (get_language() or "en")[:2]
    may_name = names_visible(job)
    rows = participations_for_job(job).order_by("activity__start_date", "activity_id", "id").values_list(*COLUMNS)
    total = rows.count()

    def person_field(name):
        return heading(Person._meta.get_field(name).verbose_name)

    def participation_field(name):
        return heading(Participation._meta.get_field(name).verbose_name)

    headers = [
        heading(Activity._meta.get_field("start_date").verbose_name),
        heading(Activity._meta.verbose_name),  # the activity's title; "title" read as "Ad" beside the first name in az
        heading(Activity._meta.get_field("unit_area").verbose_name),
        heading(Activity._meta.get_field("location").verbose_name),
        person_field("last_name"),
        person_field("first_name"),
        heading(_("participant number")),
        person_field("sex"),
        person_field("organisation"),
        person_field("position"),
        participation_field("role"),
        participation_field("days_attended"),
        participation_field("pre_test_score"),
        participation_field("post_test_score"),
        participation_field("certificate_issued"),
    ]
    # Labels resolved once (a million rows), as Coded: XLSX shows the label, CSV the code (reports.cells).
    areas, sexes, roles = (coded_choices(c.choices) for c in (UnitArea, Sex, ParticipationRole))
    place, organisation_name = _names(lang), _names(lang)
    names_written = False
    with TableWriter(path, job.format) as out:
        out.table(_("Participation list"), headers)
        for row in track(rows.iterator(chunk_size=5000), total, progress):
            (start, title, area, loc_en, loc_az, loc_ru, last, first, sex, org_en, org_az, org_ru, acronym) = row[:13]
            position, role, days, pre, post, certificate, person_id = row[13:]
            named = may_name.get(area, False)
            names_written = names_written or named
            out.row(
                [
                    start,
                    title,
                    areas.get(area, area),
                    place(loc_en, loc_az, loc_ru),
                    last if named else "",
                    first if named else "",
                    person_id,  # lets a reader count unique people even where names are withheld
                    sexes.get(sex, sex),
                    organisation_name(org_en, org_az, org_ru, acronym),
                    position,
                    roles.get(role, role),
                    days,
                    pre,
                    post,
                    certificate,
                ]
            )
    job.includes_names = names_written
