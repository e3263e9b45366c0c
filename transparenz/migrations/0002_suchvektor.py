from django.db import migrations

from core.volltext import suchvektor_trigger


class Migration(migrations.Migration):
    dependencies = [("transparenz", "0001_initial")]

    operations = [
        suchvektor_trigger("transparenz_oeffentlichereintrag", ["titel", "text", "zielgruppe"]),
    ]
