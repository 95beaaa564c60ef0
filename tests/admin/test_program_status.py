"""Staff confirm or re-classify a program's status in the admin: the field is edited on the program's
page or confirmed by an action, validated, and every change is kept in the program's history."""

from django.urls import reverse

from programs.models import Program

from .test_admin_form_values import program_form


def test_staff_reclassify_a_program_as_announced_with_history(as_staff_a, world):
    program = world.program_a
    data = program_form(world, slug=program.slug, title_en=program.title, status="announced")
    response = as_staff_a.post(reverse("admin:programs_program_change", args=[program.pk]), data)
    assert response.status_code == 302
    program.refresh_from_db()
    assert program.status == Program.Status.ANNOUNCED
    assert [record.status for record in program.history.order_by("history_date")][-2:] == ["confirmed", "announced"]


def test_a_possible_duplicate_names_the_record_and_only_it_may(as_editor, world):
    program, other = world.program_a, world.program_b
    url = reverse("admin:programs_program_change", args=[program.pk])
    refused = as_editor.post(url, program_form(world, slug=program.slug, status="confirmed", duplicate_of=other.pk))
    assert refused.status_code == 200
    assert refused.context["adminform"].form.errors["duplicate_of"] == [
        "Only a possible duplicate names the record it may repeat."
    ]
    saved = as_editor.post(
        url, program_form(world, slug=program.slug, status="possible_duplicate", duplicate_of=other.pk)
    )
    assert saved.status_code == 302
    program.refresh_from_db()
    assert (program.status, program.duplicate_of) == (Program.Status.POSSIBLE_DUPLICATE, other)


def test_mark_confirmed_action_confirms_with_history_within_the_users_scope(as_staff_a, world):
    Program.objects.filter(pk__in=[world.program_a.pk, world.program_b.pk]).update(status=Program.Status.ANNOUNCED)
    response = as_staff_a.post(
        reverse("admin:programs_program_changelist"),
        {"action": "mark_confirmed", "_selected_action": [world.program_a.pk, world.program_b.pk]},
    )
    assert response.status_code == 302
    world.program_a.refresh_from_db()
    world.program_b.refresh_from_db()
    assert world.program_a.status == Program.Status.CONFIRMED
    assert world.program_b.status == Program.Status.ANNOUNCED  # another institute's program: untouched
    latest = world.program_a.history.order_by("-history_date").first()
    assert (latest.status, latest.history_change_reason) == ("confirmed", "Marked confirmed")
