from django.db import migrations

from core.unveraenderlich import schuetzen


class Migration(migrations.Migration):
    dependencies = [("freigabe", "0002_textgrenzen"), ("core", "0005_unveraenderlich")]

    operations = [
        schuetzen("freigabe_abstimmung"),
        schuetzen("freigabe_freigabe"),
    ]
