"""Read serializers of the core model. Writes go through `api.writes`, which validates with the portal's own forms."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from programmes import results
from programmes.models import (
    Activity,
    ActivityPartner,
    Indicator,
    IndicatorPeriod,
    Location,
    Participation,
    Partner,
    Person,
    Programme,
    Project,
)


class LocationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Location
        fields = ["id", "code", "name", "name_az", "name_ru", "kind", "parent", "latitude", "longitude"]


class PartnerSerializer(serializers.ModelSerializer):
    class Meta:
        model = Partner
        fields = [
            "id", "name", "acronym", "name_az", "name_ru", "kind", "parent", "valid_from", "valid_to",
            "former_names", "successor", "website",
        ]  # fmt: skip


class ProgrammeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Programme
        fields = ["id", "title", "title_az", "title_ru", "unit_area", "description"]


class ProjectSerializer(serializers.ModelSerializer):
    unit_area = serializers.CharField(source="programme.unit_area", read_only=True)

    class Meta:
        model = Project
        fields = [
            "id", "programme", "unit_area", "title", "code", "external_id", "funding", "donors", "budget_eur",
            "start_date", "end_date", "gender_marker",
        ]  # fmt: skip


class ActivityPartnerSerializer(serializers.ModelSerializer):
    class Meta:
        model = ActivityPartner
        fields = ["partner", "role", "contribution_eur", "contribution_note"]


class ActivitySerializer(serializers.ModelSerializer):
    partners = ActivityPartnerSerializer(source="partner_links", many=True, read_only=True)

    class Meta:
        model = Activity
        fields = [
            "id", "project", "unit_area", "kind", "title", "start_date", "end_date", "location", "venue", "status",
            "themes", "description", "outcomes", "cost_eur", "participant_mode", "headcount_women", "headcount_men",
            "headcount_unrecorded", "participants_women", "participants_men", "participants_unrecorded", "partners",
            "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = fields


class NamesMixin:
    """Names only where `accounts.access.can_see_person_names` allows; otherwise the name fields are null.

    The view puts `names_visible(obj) -> bool` into the serializer context.
    """

    def _names_visible(self, obj) -> bool:
        return self.context["names_visible"](obj)


class PersonSerializer(NamesMixin, serializers.ModelSerializer):
    first_name = serializers.SerializerMethodField()
    last_name = serializers.SerializerMethodField()
    patronymic = serializers.SerializerMethodField()

    class Meta:
        model = Person
        fields = ["id", "first_name", "last_name", "patronymic", "sex", "organisation", "position"]

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_first_name(self, obj):
        return obj.first_name if self._names_visible(obj) else None

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_last_name(self, obj):
        return obj.last_name if self._names_visible(obj) else None

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_patronymic(self, obj):
        return obj.patronymic if self._names_visible(obj) else None


class ParticipationSerializer(NamesMixin, serializers.ModelSerializer):
    person_name = serializers.SerializerMethodField()
    person_sex = serializers.CharField(source="person.sex", read_only=True)

    class Meta:
        model = Participation
        fields = [
            "id", "activity", "person", "person_name", "person_sex", "role", "days_attended", "pre_test_score",
            "post_test_score", "certificate_issued",
        ]  # fmt: skip
        read_only_fields = fields

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_person_name(self, obj):
        return obj.person.full_name if self._names_visible(obj) else None


class IndicatorPeriodSerializer(serializers.ModelSerializer):
    actual = serializers.SerializerMethodField()
    actual_women = serializers.SerializerMethodField()
    actual_men = serializers.SerializerMethodField()

    class Meta:
        model = IndicatorPeriod
        fields = [
            "id", "label", "start", "end", "target", "target_women", "actual", "actual_women", "actual_men", "status",
        ]  # fmt: skip

    def _figure(self, period):
        # Computed once per period: the live figure, or the stored one once approved (programmes.results.figure).
        cache = self.context.setdefault("_figures", {})
        if period.pk not in cache:
            cache[period.pk] = results.figure(period)
        return cache[period.pk]

    @extend_schema_field(serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True))
    def get_actual(self, period):
        figure = self._figure(period)
        return None if figure is None else f"{figure.value:.2f}"

    @extend_schema_field(serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True))
    def get_actual_women(self, period):
        figure = self._figure(period)
        return None if figure is None or figure.women is None else f"{figure.women:.2f}"

    @extend_schema_field(serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True))
    def get_actual_men(self, period):
        figure = self._figure(period)
        return None if figure is None or figure.men is None else f"{figure.men:.2f}"


class IndicatorSerializer(serializers.ModelSerializer):
    project = serializers.IntegerField(source="result.project_id", read_only=True)
    result_code = serializers.CharField(source="result.code", read_only=True)
    result_title = serializers.CharField(source="result.title", read_only=True)
    result_level = serializers.CharField(source="result.level", read_only=True)
    periods = IndicatorPeriodSerializer(many=True, read_only=True)

    class Meta:
        model = Indicator
        fields = [
            "id", "project", "result_code", "result_title", "result_level", "code", "title", "unit",
            "baseline_value", "baseline_year", "direction", "by_sex", "rule", "periods",
        ]  # fmt: skip
