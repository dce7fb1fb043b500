"""Writes that touch several rows: linking a training to a course, issuing certificates."""

from django.db import transaction

from programmes.models import Participation, ParticipationRole
from programmes.services import record_roster_change

from .models import Certificate, TrainingDetail


@transaction.atomic
def link_training(*, activity, course) -> TrainingDetail:
    detail, _created = TrainingDetail.objects.update_or_create(activity=activity, defaults={"course": course})
    return detail


@transaction.atomic
def issue_certificates(*, activity) -> int:
    """A certificate, with its own verification code, for every participant of the training who has none yet."""
    pending = list(
        Participation.objects.filter(
            activity=activity, role=ParticipationRole.PARTICIPANT, certificate__isnull=True
        ).values_list("pk", flat=True)
    )
    Certificate.objects.bulk_create([Certificate(participation_id=pk) for pk in pending])
    Participation.objects.filter(pk__in=pending).update(certificate_issued=True)
    if pending:
        record_roster_change(activity=activity)
    return len(pending)
