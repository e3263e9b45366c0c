from django.db import migrations

from core.unveraenderlich import schuetzen


class Migration(migrations.Migration):
    dependencies = [("massnahmen", "0003_textgrenzen"), ("core", "0005_unveraenderlich")]

    operations = [
        schuetzen("massnahmen_historicalmassnahmensteckbrief"),
        schuetzen("massnahmen_historicalmassnahmensteckbrief_beteiligte"),
        schuetzen("massnahmen_historicalmassnahmensteckbrief_sozialraeume"),
    ]
