"""GIN indexes for the German full-text search and similarity hints, on PostgreSQL only.

Built from the same SearchVector expression the queries use, so the planner can use them;
SQLite (the embedded run) searches without them."""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

INDEXE = [
    ("empfehlungen", "Anregung", "anregung_volltext", ("text", "zielgruppe")),
    ("empfehlungen", "Handlungsempfehlung", "empfehlung_volltext", ("titel", "text")),
    ("massnahmen", "Massnahmensteckbrief", "steckbrief_volltext",
     ("titel", "beschreibung", "zielgruppe")),
]


def _index(felder, name):
    return GinIndex(SearchVector(*felder, config="german"), name=name)


def anlegen(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for app, modell, name, felder in INDEXE:
        schema_editor.add_index(apps.get_model(app, modell), _index(felder, name))


def entfernen(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for app, modell, name, felder in INDEXE:
        schema_editor.remove_index(apps.get_model(app, modell), _index(felder, name))


class Migration(migrations.Migration):
    dependencies = [
        ("empfehlungen", "0001_initial"),
        ("massnahmen", "0001_initial"),
    ]

    operations = [migrations.RunPython(anlegen, entfernen)]
