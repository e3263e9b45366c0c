"""German full-text search on PostgreSQL for Steckbriefe (see core.volltext)."""

from django.db import migrations

from core.volltext import suchvektor_trigger


class Migration(migrations.Migration):
    dependencies = [("massnahmen", "0001_initial")]

    operations = [
        suchvektor_trigger(
            "massnahmen_massnahmensteckbrief", ["titel", "beschreibung", "zielgruppe"]
        )
    ]
