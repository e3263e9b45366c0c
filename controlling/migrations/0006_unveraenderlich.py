from django.db import migrations

from core.unveraenderlich import schuetzen


class Migration(migrations.Migration):
    dependencies = [("controlling", "0005_erinnerung_geschuetzt"), ("core", "0005_unveraenderlich")]

    operations = [
        schuetzen("controlling_erinnerung"),
    ]
