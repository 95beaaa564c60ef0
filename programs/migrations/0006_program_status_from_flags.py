from django.db import migrations


# Until now a program's status was derived from its open flags (the API's rule): carry it over.
def status_from_flags(apps, schema_editor):
    Program = apps.get_model("programs", "Program")
    Flag = apps.get_model("programs", "DataQualityFlag")
    for code, status in (("planned", "announced"), ("possible_duplicate", "possible_duplicate")):
        flagged = Flag.objects.filter(code=code, status="open").values("program_id")
        Program.objects.filter(pk__in=flagged).update(status=status)


class Migration(migrations.Migration):

    dependencies = [
        ("programs", "0005_program_status"),
    ]

    operations = [
        migrations.RunPython(status_from_flags, migrations.RunPython.noop),
    ]
