"""A short starting list of Sperrwörter; the city edits it on the live rounds' page."""

from django.db import migrations

VORGABE = [
    "arsch",
    "idiot",
    "fick",
    "fuck",
    "hure",
    "nazi",
    "scheiß",
    "schlampe",
    "wichser",
]


def anlegen(apps, schema_editor):
    Sperrwort = apps.get_model("weltcafe", "Sperrwort")
    for wort in VORGABE:
        Sperrwort.objects.get_or_create(wort=wort)


class Migration(migrations.Migration):
    dependencies = [("weltcafe", "0004_live_runden")]

    operations = [migrations.RunPython(anlegen, migrations.RunPython.noop)]
