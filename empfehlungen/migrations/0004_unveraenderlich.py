from django.db import migrations

from core.unveraenderlich import schuetzen


class Migration(migrations.Migration):
    dependencies = [("empfehlungen", "0003_textgrenzen"), ("core", "0005_unveraenderlich")]

    operations = [
        schuetzen("empfehlungen_historicalhandlungsempfehlung"),
        schuetzen("empfehlungen_historicalhandlungsempfehlung_beteiligte"),
        schuetzen("empfehlungen_historicalhandlungsempfehlung_sozialraeume"),
    ]
