"""Every model is registered in the admin and its pages open for a superuser."""

import pytest
from django.contrib import admin
from django.urls import reverse

from cities.models import Agreement, City, Network
from participants.models import Enrollment, Participant
from programs.models import DataQualityFlag, Institute, Program, Theme
from tests.factories import EnrollmentFactory

MODELS = [City, Network, Agreement, Institute, Theme, Program, DataQualityFlag, Participant, Enrollment]


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_every_model_is_registered(model):
    assert admin.site.is_registered(model)


@pytest.mark.django_db
@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_changelist_and_add_pages_open(admin_client_logged_in, registry, model):
    EnrollmentFactory(program=Program.objects.get(source_locator="row 1"))
    opts = model._meta
    response = admin_client_logged_in.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
    assert response.status_code == 200
    response = admin_client_logged_in.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_add"))
    assert response.status_code == 200


@pytest.mark.django_db
def test_program_page_shows_flags_and_enrolled_beside_headcount(admin_client_logged_in, registry):
    program = Program.objects.get(source_locator="row 170")
    response = admin_client_logged_in.get(reverse("admin:programs_program_change", args=[program.pk]))
    assert response.status_code == 200
    assert "ends (2021-05-09) before it starts" in response.content.decode()
    changelist = admin_client_logged_in.get(reverse("admin:programs_program_changelist") + "?flag=open")
    assert changelist.status_code == 200
    # 25 table rows (11 in 2015, corrected titles and cosmetic title slips, 1 reversed period) and the 6
    # document programs
    assert changelist.context["cl"].result_count == 31
