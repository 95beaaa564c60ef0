"""The synthetic-data generator used by the benchmarks: deterministic, refuses real databases."""

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count

from participants import scale
from participants.models import Enrollment, Participant
from programs.models import Program

pytestmark = pytest.mark.django_db(transaction=True)

SMALL = scale.ScaleSpec(programs=120, participants=400, cities=30, seed=7, batch_size=50)


def fingerprint():
    return (
        list(Program.objects.order_by("pk").values_list("slug", "year", "host__slug", "headcount")),
        list(Program.objects.annotate(n=Count("themes")).order_by("pk").values_list("n", flat=True)),
        list(Enrollment.objects.order_by("pk").values_list("participant__email", "program__slug")),
    )


def test_generator_writes_the_requested_numbers_of_records():
    written = scale.generate(SMALL)
    assert Program.objects.filter(source_document=scale.SYNTHETIC).count() == written["programs"] == 120
    assert Participant.objects.count() == written["participants"] == 400
    assert Enrollment.objects.count() == written["enrollments"] >= 400
    # Some people come back: repeat attendees exist, and nobody is enrolled twice in one program.
    repeaters = Participant.objects.annotate(n=Count("enrollments")).filter(n__gt=1).count()
    assert 0 < repeaters < 400
    assert not Program.objects.filter(themes__isnull=True).exists()
    years = set(Program.objects.values_list("year", flat=True))
    assert min(years) >= scale.FIRST_YEAR and max(years) <= scale.LAST_YEAR


def test_same_seed_gives_the_same_records():
    scale.generate(SMALL)
    first = fingerprint()
    call_command("flush", "--no-input", verbosity=0)
    scale.generate(SMALL)
    assert fingerprint() == first


def test_generator_refuses_a_database_with_real_records():
    call_command("loaddata", "registry", verbosity=0)
    with pytest.raises(scale.RealRecordsPresent):
        scale.generate(SMALL)
    assert not Program.objects.filter(source_document=scale.SYNTHETIC).exists()
    with pytest.raises(CommandError, match="--allow-real-data"):
        call_command("generate_scale_data", "--programs", "5", "--participants", "5", "--cities", "2")
    call_command(
        "generate_scale_data",
        "--programs",
        "5",
        "--participants",
        "5",
        "--cities",
        "2",
        "--allow-real-data",
        verbosity=0,
    )
    assert Program.objects.filter(source_document=scale.SYNTHETIC).count() == 5


def test_command_reports_what_it_wrote(capsys):
    call_command("generate_scale_data", "--programs", "10", "--participants", "20", "--cities", "3")
    out = capsys.readouterr()
    assert "Wrote 3 cities, 10 programs" in out.out
    assert "participants" in out.err  # progress lines go to stderr


def test_negative_sizes_are_refused():
    with pytest.raises(CommandError, match="must not be negative"):
        call_command("generate_scale_data", "--programs", "-1")
