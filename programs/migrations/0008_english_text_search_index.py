"""A GIN index of the English title and description's words on PostgreSQL: the full-text half of the
search (``ProgramQuerySet.search``) reads it instead of computing every program's words at each search
(at 50,000 programs: 9 ms instead of 200 ms). Its expression is exactly the one Django writes for
``SearchVector("title_en", "description_en", config="english")``. SQLite has no such index (its search
is a substring match)."""

from django.db import migrations

INDEX = "programs_program_english_text"
CREATE = (
    f"CREATE INDEX IF NOT EXISTS {INDEX} ON programs_program USING gin "
    "(to_tsvector('english'::regconfig, COALESCE(title_en, '') || ' ' || COALESCE(description_en, '')))"
)


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("programs", "0007_five_more_languages")]

    operations = [migrations.RunPython(create, drop)]
