"""The core model through the API. Every queryset starts from the model's `for_user`, so an out-of-scope id is a 404
and a list holds only what the pages would show the same user."""

from django.db.models import Exists, OuterRef
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, mixins, status
from rest_framework.response import Response

import audit
from accounts import access
from programmes import participants, workflow
from programmes.models import Activity, Indicator, Location, Participation, Partner, Person, Programme, Project
from programmes.selectors import periods_with_figures

from .. import filters, serializers, writes
from ..pagination import ById, NewestActivitiesFirst, SmallTablePagination
from .base import ReadOnlyViewSet


def names_checker(user):
    """area -> may the user see participants' names there (accounts.access), asked once per area per request."""
    cache = {}

    def visible_in(area):
        if area not in cache:
            cache[area] = access.can_see_person_names(user, area)
        return cache[area]

    return visible_in


class LocationViewSet(ReadOnlyViewSet):
    """Reference data: every signed-in user sees every location."""

    queryset = Location.objects.order_by("name", "id")
    serializer_class = serializers.LocationSerializer
    filterset_class = filters.LocationFilter
    pagination_class = SmallTablePagination
    ordering_fields = ["name", "code", "id"]


class PartnerViewSet(ReadOnlyViewSet):
    """Reference data (institutions, not people): every signed-in user sees every partner."""

    queryset = Partner.objects.order_by("name", "id")
    serializer_class = serializers.PartnerSerializer
    filterset_class = filters.PartnerFilter
    pagination_class = SmallTablePagination
    ordering_fields = ["name", "acronym", "id"]


class ProgrammeViewSet(ReadOnlyViewSet):
    serializer_class = serializers.ProgrammeSerializer
    filterset_class = filters.ProgrammeFilter
    pagination_class = SmallTablePagination
    ordering_fields = ["title", "unit_area", "id"]

    def get_queryset(self):
        return Programme.objects.for_user(self.request.user).order_by("unit_area", "title", "id")


class ProjectViewSet(ReadOnlyViewSet):
    serializer_class = serializers.ProjectSerializer
    filterset_class = filters.ProjectFilter
    pagination_class = SmallTablePagination
    ordering_fields = ["start_date", "code", "id"]

    def get_queryset(self):
        return (
            Project.objects.for_user(self.request.user)
            .select_related("programme")
            .prefetch_related("donors")
            .order_by("-start_date", "code")
        )


class ActivityViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, ReadOnlyViewSet):
    """Activities with their partners. Create and change them with the rules of the activity form; only staff of the
    unit (and administrators) may, and not once an activity is submitted or approved."""

    filterset_class = filters.ActivityFilter
    pagination_class = NewestActivitiesFirst
    ordering_fields = ["start_date", "id"]

    def get_queryset(self):
        return (
            Activity.objects.for_user(self.request.user)
            .prefetch_related("partner_links", "themes")
            .order_by("-start_date", "-id")
        )

    def get_serializer_class(self):
        if self.action in ("create", "update", "partial_update"):
            return writes.ActivityWriteSerializer
        return serializers.ActivitySerializer

    @extend_schema(request=writes.ActivityWriteSerializer, responses={201: serializers.ActivitySerializer})
    def create(self, request, *args, **kwargs):
        if not access.editable_unit_areas(request.user):
            raise exceptions.PermissionDenied
        serializer = writes.ActivityWriteSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        activity = serializer.save()
        return Response(self._read(activity), status=status.HTTP_201_CREATED)

    @extend_schema(request=writes.ActivityWriteSerializer, responses={200: serializers.ActivitySerializer})
    def update(self, request, *args, **kwargs):
        activity = workflow.lock_for_change(self.get_object())
        if not workflow.can_edit(request.user, activity):
            raise exceptions.PermissionDenied(workflow.refusal(request.user, activity))
        serializer = writes.ActivityWriteSerializer(
            activity, data=request.data, partial=kwargs.get("partial", False), context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        return Response(self._read(serializer.save()))

    @extend_schema(request=writes.ActivityWriteSerializer, responses={200: serializers.ActivitySerializer})
    def partial_update(self, request, *args, **kwargs):
        return super().partial_update(request, *args, **kwargs)

    def _read(self, activity):
        return serializers.ActivitySerializer(self.get_queryset().get(pk=activity.pk)).data


class PersonViewSet(ReadOnlyViewSet):
    """People who took part in activities the user may see; their names only where the user may see names."""

    serializer_class = serializers.PersonSerializer
    filterset_class = filters.PersonFilter
    pagination_class = ById
    ordering_fields = ["id"]

    def get_queryset(self):
        user = self.request.user
        people = Person.objects.for_user(user)
        areas = access.visible_unit_areas(user)
        named = [area for area in areas if access.can_see_person_names(user, area)]
        if set(named) != set(areas):
            # Named if the person took part in an activity of an area where the user may see names.
            in_named_area = Participation.objects.filter(person=OuterRef("pk"), activity__unit_area__in=named)
            people = people.annotate(names_visible=Exists(in_named_area))
        return people.order_by("-id")

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["names_visible"] = lambda person: getattr(person, "names_visible", True)
        return context

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        _log_names(request, response, "first_name", "api people")
        return response

    def retrieve(self, request, *args, **kwargs):
        person = self.get_object()
        data = self.get_serializer(person).data
        if data["first_name"] is not None:
            audit.log_access(request, "view_personal", person, detail="api")
        return Response(data)


def _log_names(request, response, field, detail):
    rows = response.data.get("results", []) if isinstance(response.data, dict) else []
    if any(row.get(field) is not None for row in rows):
        audit.log_access(request, "view_personal", None, detail=detail)


class ParticipationViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, mixins.DestroyModelMixin, ReadOnlyViewSet):
    """Who took part in which activity. Names only where the user may see them; adding, changing and removing as on
    the activity's roster page (staff of the unit who may see names, activity not locked)."""

    filterset_class = filters.ParticipationFilter
    pagination_class = ById
    ordering_fields = ["id"]

    def get_queryset(self):
        return (
            Participation.objects.filter(activity__in=Activity.objects.for_user(self.request.user))
            .select_related("activity", "person")
            .order_by("-id")
        )

    def get_serializer_class(self):
        if self.action in ("create", "update", "partial_update"):
            return writes.ParticipationWriteSerializer
        return serializers.ParticipationSerializer

    def get_serializer_context(self):
        context = super().get_serializer_context()
        visible_in = names_checker(self.request.user)
        context["names_visible"] = lambda participation: visible_in(participation.activity.unit_area)
        return context

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        _log_names(request, response, "person_name", "api participations")
        return response

    def retrieve(self, request, *args, **kwargs):
        response = super().retrieve(request, *args, **kwargs)
        if response.data.get("person_name") is not None:
            audit.log_access(request, "view_personal", Person(pk=response.data["person"]), detail="api participation")
        return response

    def _read(self, participation):
        participation = self.get_queryset().get(pk=participation.pk)
        return serializers.ParticipationSerializer(participation, context=self.get_serializer_context()).data

    @extend_schema(request=writes.ParticipationWriteSerializer, responses={201: serializers.ParticipationSerializer})
    def create(self, request, *args, **kwargs):
        serializer = writes.ParticipationWriteSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        return Response(self._read(serializer.save()), status=status.HTTP_201_CREATED)

    def _editable(self):
        participation = self.get_object()
        activity = workflow.lock_for_change(participation.activity)
        if not workflow.can_edit(self.request.user, activity):
            raise exceptions.PermissionDenied(workflow.refusal(self.request.user, activity))
        if not access.can_see_person_names(self.request.user, activity.unit_area):
            raise exceptions.PermissionDenied
        return participation

    @extend_schema(request=writes.ParticipationWriteSerializer, responses={200: serializers.ParticipationSerializer})
    def update(self, request, *args, **kwargs):
        participation = self._editable()
        serializer = writes.ParticipationWriteSerializer(
            participation,
            data=request.data,
            partial=kwargs.get("partial", False),
            activity=participation.activity,
            context=self.get_serializer_context(),
        )
        serializer.is_valid(raise_exception=True)
        return Response(self._read(serializer.save()))

    @extend_schema(request=writes.ParticipationWriteSerializer, responses={200: serializers.ParticipationSerializer})
    def partial_update(self, request, *args, **kwargs):
        return super().partial_update(request, *args, **kwargs)

    def destroy(self, request, *args, **kwargs):
        participants.remove_participant(participation=self._editable())
        return Response(status=status.HTTP_204_NO_CONTENT)


class IndicatorViewSet(ReadOnlyViewSet):
    """Indicators with their periods: targets, and actuals as the indicator pages show them (computed from activity
    data until a period is approved, then the approved figure)."""

    serializer_class = serializers.IndicatorSerializer
    filterset_class = filters.IndicatorFilter
    pagination_class = SmallTablePagination
    ordering_fields = ["code", "id"]

    def get_queryset(self):
        return (
            Indicator.objects.for_user(self.request.user)
            .select_related("result__project")
            .prefetch_related(periods_with_figures(), "rule_themes", "rule_partners")
            .order_by("result__project_id", "code", "id")
        )
