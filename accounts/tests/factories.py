import factory
from django.contrib.auth.models import Group

from accounts.models import User
from accounts.roles import Role

PASSWORD = "correct-horse-battery-1"


class UserFactory(factory.django.DjangoModelFactory):
    """UserFactory(role=Role.MANAGER, unit_areas=[...]); staff by default."""

    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    email = factory.LazyAttribute(lambda u: f"{u.username}@pmu.example.org")
    unit_areas = factory.LazyFunction(list)
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def role(obj, create, extracted, **kwargs):  # noqa: N805 - factory_boy hook signature
        if create:
            # get_or_create: transactional tests flush the groups the data migration made.
            obj.groups.set([Group.objects.get_or_create(name=Role(extracted or Role.STAFF).value)[0]])
