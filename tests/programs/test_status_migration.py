"""Migrations 0005 and 0006 (programs/migrations/0005_program_status.py, 0006_program_status_from_flags.py)
carry the status that the API used to derive from open flags over to the new field: a program with an
open ``planned`` flag is announced, one with an open ``possible_duplicate`` flag a possible duplicate
(that wins when it has both), any other confirmed."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = ("programs", "0004_proposals_and_generation_to_core")
AFTER = ("programs", "0006_program_status_from_flags")


@pytest.mark.django_db(transaction=True)
def test_status_is_carried_over_from_the_open_flags():
    executor = MigrationExecutor(connection)
    executor.migrate([BEFORE])
    try:
        apps = executor.loader.project_state([BEFORE]).apps
        City, Institute = apps.get_model("cities", "City"), apps.get_model("programs", "Institute")
        Program, Flag = apps.get_model("programs", "Program"), apps.get_model("programs", "DataQualityFlag")
        host = Institute.objects.create(
            name="Host",
            slug="host",
            kind="training_centre",
            city=City.objects.create(name="Seoul", slug="seoul", country="KR"),
        )

        def program(slug, *flags):
            record = Program.objects.create(title=slug, slug=slug, year=2017, host=host)
            for code, status in flags:
                Flag.objects.create(program=record, code=code, field=code, message="m", status=status)

        program("planned", ("planned", "open"))
        program("both", ("planned", "open"), ("possible_duplicate", "open"))
        program("resolved", ("planned", "resolved"))
        program("plain")

        executor = MigrationExecutor(connection)
        executor.migrate([AFTER])
        Program = executor.loader.project_state([AFTER]).apps.get_model("programs", "Program")
        assert dict(Program.objects.values_list("slug", "status")) == {
            "planned": "announced",
            "both": "possible_duplicate",
            "resolved": "confirmed",
            "plain": "confirmed",
        }
    finally:  # back to the latest schema, whatever happened, for the tests that follow
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
