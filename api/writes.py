"""Writes through the API, validated by the same forms as the pages (programmes.forms), so a rule added to a form
holds for the API too. Serializers here declare the shape (for the schema and type checks); the forms decide."""

from django.db import transaction
from django.forms.models import model_to_dict
from django.utils.translation import gettext as _
from rest_framework import exceptions, serializers

from accounts import access
from programmes import participants, workflow
from programmes.forms import ActivityForm, ActivityPartnerForm, ParticipationForm, PersonForm
from programmes.models import Activity, ActivityPartner, Participation, Person
from programmes.services import refresh_participant_counts

MAX_PARTNERS = 30  # as the page's partner formset


def _form_value(value):
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return [getattr(item, "pk", item) for item in value]
    return getattr(value, "pk", value)


def _form_data(instance, attrs: dict, fields) -> dict:
    """The form's data: the record as it stands (for PATCH; a new record's model defaults, as a page's form shows
    them) overlaid with what was sent."""
    data = {name: _form_value(value) for name, value in model_to_dict(instance, fields=fields).items()}
    data.update({name: _form_value(value) for name, value in attrs.items() if name in fields})
    return data


def _raise_form_errors(*forms_with_keys):
    errors = {}
    for key, form in forms_with_keys:
        if form is not None and form.errors:
            messages = {name: [str(message) for message in messages] for name, messages in form.errors.items()}
            if key:
                errors[key] = messages
            else:
                errors.update(messages)
    if errors:
        raise serializers.ValidationError(errors)


class ActivityPartnerInputSerializer(serializers.ModelSerializer):
    class Meta:
        model = ActivityPartner
        fields = ["partner", "role", "contribution_eur", "contribution_note"]
        validators = []  # (activity, partner, role) uniqueness is checked across the list below


class ActivityWriteSerializer(serializers.ModelSerializer):
    """Create or change an activity. `partners`, when sent, replaces the activity's list of partners."""

    partners = ActivityPartnerInputSerializer(many=True, required=False)

    class Meta:
        model = Activity
        fields = [*ActivityForm._meta.fields, "partners"]

    def validate(self, attrs):
        user = self.context["request"].user
        instance = self.instance or Activity()
        form = ActivityForm(data=_form_data(instance, attrs, ActivityForm._meta.fields), instance=instance, user=user)
        form.is_valid()
        _raise_form_errors((None, form))
        attrs["_form"] = form
        if "partners" in attrs:
            attrs["partners"] = self._validate_partners(attrs["partners"])
        return attrs

    def _validate_partners(self, items):
        if len(items) > MAX_PARTNERS:
            raise serializers.ValidationError({"partners": [_("At most %(n)d partners.") % {"n": MAX_PARTNERS}]})
        errors, cleaned, seen = [], [], set()
        for item in items:
            form = ActivityPartnerForm(data={name: _form_value(value) for name, value in item.items()})
            item_errors = {}
            if not form.is_valid():
                item_errors = {name: [str(m) for m in messages] for name, messages in form.errors.items()}
            else:
                key = (form.cleaned_data["partner"].pk, form.cleaned_data["role"])
                if key in seen:
                    item_errors = {"partner": [_("This partner is already listed with this role.")]}
                seen.add(key)
                cleaned.append(form.cleaned_data)
            errors.append(item_errors)
        if any(errors):
            raise serializers.ValidationError({"partners": errors})
        return cleaned

    @transaction.atomic
    def save(self, **kwargs):
        form = self.validated_data["_form"]
        if form.instance.pk is None:
            form.instance.created_by = self.context["request"].user
        activity = form.save()
        partners = self.validated_data.get("partners")
        if partners is not None:
            keep = []
            for item in partners:
                link, _created = ActivityPartner.objects.update_or_create(
                    activity=activity,
                    partner=item["partner"],
                    role=item["role"],
                    defaults={
                        "contribution_eur": item.get("contribution_eur"),
                        "contribution_note": item.get("contribution_note") or "",
                    },
                )
                keep.append(link.pk)
            activity.partner_links.exclude(pk__in=keep).delete()
        self.instance = refresh_participant_counts(activity=activity)
        return self.instance


class NewPersonSerializer(serializers.ModelSerializer):
    class Meta:
        model = Person
        fields = PersonForm._meta.fields


class ParticipationWriteSerializer(serializers.ModelSerializer):
    """Put a person on an activity's roster: an existing `person` (by id) or a `new_person`.

    As on the page, a new person whose name (in any spelling) matches someone already recorded is refused with the
    ids of the likely duplicates, unless `create_anyway` is true.
    """

    activity = serializers.IntegerField()
    person = serializers.IntegerField(required=False, allow_null=True)
    new_person = NewPersonSerializer(required=False)
    create_anyway = serializers.BooleanField(required=False, default=False, write_only=True)

    class Meta:
        model = Participation
        fields = [
            "activity", "person", "new_person", "create_anyway", *ParticipationForm._meta.fields,
        ]  # fmt: skip
        validators = []  # (activity, person) is checked below with a clearer message

    def __init__(self, *args, activity=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.activity = activity
        if self.instance is not None:
            for name in ("activity", "person", "new_person", "create_anyway"):
                self.fields[name].read_only = True

    def _activity_for(self, user, pk):
        """An activity the user may see (else the same error as a missing one) and change (else 403)."""
        activity = Activity.objects.for_user(user).filter(pk=pk).first()
        if activity is None:
            raise serializers.ValidationError({"activity": [_("No such activity.")]})
        workflow.lock_for_change(activity)
        if not workflow.can_edit(user, activity):
            raise exceptions.PermissionDenied(workflow.refusal(user, activity))
        if not access.can_see_person_names(user, activity.unit_area):
            raise exceptions.PermissionDenied(_("You may not change this activity's participants."))
        return activity

    def validate(self, attrs):
        user = self.context["request"].user
        if self.activity is None:
            self.activity = self._activity_for(user, attrs.get("activity"))
        activity = self.activity
        fields = ParticipationForm._meta.fields
        instance = self.instance or Participation()
        form = ParticipationForm(data=_form_data(instance, attrs, fields), instance=instance, activity=activity)
        form.is_valid()
        person_form = None
        if self.instance is None:
            if attrs.get("person"):
                person = Person.objects.named_for(user).filter(pk=attrs["person"]).first()
                if person is None:
                    raise serializers.ValidationError({"person": [_("No such person.")]})
                if Participation.objects.filter(activity=activity, person=person).exists():
                    raise serializers.ValidationError({"person": [_("This person is already on the activity.")]})
                attrs["_person"] = person
            elif attrs.get("new_person"):
                person_form = PersonForm(data={k: _form_value(v) for k, v in attrs["new_person"].items()})
                if person_form.is_valid() and not attrs.get("create_anyway"):
                    data = person_form.cleaned_data
                    duplicates = participants.likely_duplicates(
                        user=user, first_name=data["first_name"], last_name=data["last_name"],
                        organisation=data["organisation"],
                    )  # fmt: skip
                    if duplicates:
                        raise serializers.ValidationError(
                            {
                                "new_person": [
                                    _(
                                        "This person is probably recorded already (ids %(ids)s): send one of them as "
                                        "person, or set create_anyway."
                                    )
                                    % {"ids": ", ".join(str(p.pk) for p in duplicates)}
                                ]
                            }
                        )
                attrs["_person"] = person_form.instance if person_form.is_valid() else None
            else:
                raise serializers.ValidationError({"person": [_("Give a person's id or a new_person.")]})
        _raise_form_errors((None, form), ("new_person", person_form))
        attrs["_form"] = form
        return attrs

    def save(self, **kwargs):
        form = self.validated_data["_form"]
        if self.instance is not None:
            self.instance = participants.save_participation(form=form)
            return self.instance
        self.instance = participants.add_participant(
            activity=self.activity, person=self.validated_data["_person"], **form.cleaned_data
        )
        return self.instance
