"""Reads for the training pages: reach and learning counted in the database, a fixed number of queries each.

Unique people are COUNT(DISTINCT person) and person-trainings COUNT(*) over participations in trainings linked to a
course. Only activities the user may see are counted (managers see all units).
"""

from django.db.models import Avg, Count, F, Q, Sum

from programmes.models import Activity, ActivityStatus, Location, Participation, ParticipationRole, Partner, Sex

from .models import Course, ReachTarget, TrainingDetail

NOT_HELD = (ActivityStatus.PLANNED, ActivityStatus.CANCELLED)


def linked_trainings(user):
    return Activity.objects.for_user(user).filter(training_detail__isnull=False).exclude(status__in=NOT_HELD)


def course_link_history(course, user, limit: int = 50) -> dict:
    """Trainings linked to the course, moved from it to another course or unlinked, newest first, among the
    activities the user may see. The link lives on each training's TrainingDetail, so its history is read there:
    every history row of each training ever linked to the course, walked in order (one query)."""
    history = TrainingDetail.history.model
    visible = Activity.objects.for_user(user).values("pk")
    ever_linked = history.objects.filter(course_id=course.pk, activity_id__in=visible).values("activity_id")
    rows = (
        history.objects.filter(activity_id__in=ever_linked)
        .select_related("history_user", "activity", "course")
        .order_by("activity_id", "history_date", "history_id")
    )
    events, previous = [], {}
    for row in rows:
        before = previous.get(row.activity_id)
        here = row.history_type != "-" and row.course_id == course.pk
        was_here = before is not None and before.history_type != "-" and before.course_id == course.pk
        if here != was_here:
            moved_to = row.course if not here and row.history_type != "-" else None
            events.append({"record": row, "activity": row.activity, "linked": here, "moved_to": moved_to})
        previous[row.activity_id] = row
    events.sort(key=lambda event: (event["record"].history_date, event["record"].history_id), reverse=True)
    return {"links": events[:limit]}


def trainees_of(trainings):
    """Participants (not trainers or speakers) of the given trainings."""
    return Participation.objects.filter(activity__in=trainings, role=ParticipationRole.PARTICIPANT)


def trainee_participations(user):
    """Participants of held trainings linked to a course."""
    return trainees_of(linked_trainings(user))


def _reach_columns():
    return {
        "unique_people": Count("person", distinct=True),
        "person_trainings": Count("pk"),
        "unique_women": Count("person", distinct=True, filter=Q(person__sex=Sex.FEMALE)),
        "unique_men": Count("person", distinct=True, filter=Q(person__sex=Sex.MALE)),
        "trainings_women": Count("pk", filter=Q(person__sex=Sex.FEMALE)),
        "trainings_men": Count("pk", filter=Q(person__sex=Sex.MALE)),
    }


def _named(rows, key, names):
    for row in rows:
        row["name"] = names.get(row[key]) or "—"
    return rows


def reach_totals(participations) -> dict:
    """Unique people and person-trainings, each by sex, over the given participations: one query."""
    return participations.aggregate(**_reach_columns())


def headcount_totals(trainings) -> dict:
    """Attendance of trainings recorded as headcounts only (no names, so never deduplicated)."""
    headcount = trainings.filter(participant_mode="headcount").aggregate(
        women=Sum("participants_women"), men=Sum("participants_men"), unrecorded=Sum("participants_unrecorded")
    )
    return {k: v or 0 for k, v in headcount.items()}


def reach(user) -> dict:
    participations = trainee_participations(user)
    totals = reach_totals(participations)
    by_group = list(
        participations.values("person__organisation").annotate(**_reach_columns()).order_by("-unique_people")
    )
    by_city = list(participations.values("activity__location").annotate(**_reach_columns()).order_by("-unique_people"))
    group_names = {p.pk: str(p) for p in Partner.objects.filter(pk__in=[r["person__organisation"] for r in by_group])}
    city_names = {c.pk: str(c) for c in Location.objects.filter(pk__in=[r["activity__location"] for r in by_city])}
    return {
        "totals": totals,
        "by_group": _named(by_group, "person__organisation", group_names),
        "by_city": _named(by_city, "activity__location", city_names),
        "targets": targets_progress(user, participations),
        "headcount": headcount_totals(linked_trainings(user)),
    }


def targets_progress(user, participations=None) -> list:
    """Each target against the unique people trained in its group and city: one aggregate for all targets."""
    targets = list(ReachTarget.objects.for_user(user).select_related("target_group", "location"))
    if not targets:
        return []
    participations = participations if participations is not None else trainee_participations(user)
    counts = {}
    for target in targets:
        condition = Q()
        if target.target_group_id:
            condition &= Q(person__organisation=target.target_group_id)
        if target.location_id:
            condition &= Q(activity__location=target.location_id)
        counts[f"t{target.pk}"] = (
            Count("person", distinct=True, filter=condition) if condition else Count("person", distinct=True)
        )
    reached = participations.aggregate(**counts)
    for target in targets:
        target.reached = reached[f"t{target.pk}"]
        target.percent = min(100, round(100 * target.reached / target.people))
    return targets


def _learning_columns(prefix=""):
    scored = Q(**{f"{prefix}pre_test_score__isnull": False, f"{prefix}post_test_score__isnull": False})
    if prefix:
        scored &= Q(**{f"{prefix}role": ParticipationRole.PARTICIPANT})
    return {
        "scored": Count(f"{prefix}pk" if prefix else "pk", filter=scored),
        "avg_pre": Avg(f"{prefix}pre_test_score", filter=scored),
        "avg_post": Avg(f"{prefix}post_test_score", filter=scored),
        "avg_gain": Avg(F(f"{prefix}post_test_score") - F(f"{prefix}pre_test_score"), filter=scored),
    }


def learning_by_course(user, participations=None) -> list:
    participations = participations if participations is not None else trainee_participations(user)
    rows = {
        row["activity__training_detail__course"]: row
        for row in participations.values("activity__training_detail__course").annotate(
            trainings=Count("activity", distinct=True), **_learning_columns()
        )
    }
    courses = list(Course.objects.for_user(user))
    for course in courses:
        row = rows.get(course.pk, {})
        course.trainings_held = row.get("trainings", 0)
        course.scored = row.get("scored", 0)
        course.avg_pre, course.avg_post, course.avg_gain = row.get("avg_pre"), row.get("avg_post"), row.get("avg_gain")
    return courses


def learning_by_training(user):
    """One row per linked training with its score averages (paginate the result)."""
    return (
        linked_trainings(user)
        .select_related("training_detail__course", "location")
        .annotate(**_learning_columns("participations__"))
        .order_by("-start_date", "-id")
    )
