"""factory-boy factories for the registry's models."""

import factory
from django.utils.text import slugify

from cities.models import Agreement, City, Network
from participants.models import Enrollment, Participant
from programs.models import Institute, Program, Theme


class NetworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Network
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Network {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    kind = Network.Kind.CITY_NETWORK


class CityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = City
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"City {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    country = "KR"


class InstituteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Institute
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Institute {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    city = factory.SubFactory(CityFactory)
    kind = Institute.Kind.TRAINING_CENTRE


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Theme {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))


class AgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agreement

    title = factory.Sequence(lambda n: f"Agreement {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.title))
    kind = Agreement.Kind.FRIENDSHIP


class ProgramFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Program
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Program {n}")
    slug = factory.LazyAttribute(lambda o: slugify(f"{o.year} {o.title}"))
    year = 2019
    host = factory.SubFactory(InstituteFactory)
    headcount = 10

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create and extracted:
            self.themes.set(extracted)


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    name = factory.Faker("name")
    email = factory.Sequence(lambda n: f"person{n}@example.org")
    home_city = factory.SubFactory(CityFactory)


class EnrollmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enrollment

    participant = factory.SubFactory(ParticipantFactory)
    program = factory.SubFactory(ProgramFactory)


class StaffUserFactory(factory.django.DjangoModelFactory):
    """An admin account (is_staff); add it to a group and an institute's staff as the test needs."""

    class Meta:
        model = "auth.User"
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"staff{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    is_staff = True
    password = factory.django.Password("pw-for-tests-1")

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(*extracted)

    @factory.post_generation
    def institutes(self, create, extracted, **kwargs):
        if create and extracted:
            self.institutes.add(*extracted)


class DataQualityFlagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "programs.DataQualityFlag"

    program = factory.SubFactory(ProgramFactory)
    code = "title_typo"
    field = factory.Sequence(lambda n: f"field{n}")
    message = "A misspelt word in the title."
