from __future__ import annotations

from datetime import date

import factory

from hearth.estates.tests.factories import HomeFactory
from hearth.tenancies.models import ContactPreference, MemberRole, Person, Tenancy, TenancyMember


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    full_name = factory.Sequence(lambda n: f"Resident Number{n}")
    phone = "07700 900123"
    email = factory.Sequence(lambda n: f"resident{n}@example.org")


class ContactPreferenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactPreference

    person = factory.SubFactory(PersonFactory)
    channel = "email"


class TenancyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tenancy

    ref = factory.Sequence(lambda n: f"T{n:05d}")
    home = factory.SubFactory(HomeFactory)
    tenure = "secure"
    start_date = date(2020, 4, 6)

    @factory.post_generation
    def lead_tenant(self, create: bool, extracted: Person | None, **kwargs: object) -> None:
        if not create:
            return
        person = extracted or PersonFactory()
        TenancyMember.objects.create(tenancy=self, person=person, role=MemberRole.LEAD_TENANT)
