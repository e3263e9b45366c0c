"""German full-text search on PostgreSQL for Anregungen and Empfehlungen (see core.volltext)."""

from django.db import migrations

from core.volltext import suchvektor_trigger


class Migration(migrations.Migration):
    dependencies = [("empfehlungen", "0001_initial")]

    operations = [
        suchvektor_trigger("empfehlungen_anregung", ["text", "zielgruppe"]),
        suchvektor_trigger("empfehlungen_handlungsempfehlung", ["titel", "text"]),
    ]
