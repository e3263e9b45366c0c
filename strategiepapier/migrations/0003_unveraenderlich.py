from django.db import migrations

from core.unveraenderlich import schuetzen


class Migration(migrations.Migration):
    dependencies = [("strategiepapier", "0002_html_ausgabe"), ("core", "0005_unveraenderlich")]

    operations = [
        schuetzen("strategiepapier_strategiepapier", funktion="veroeffentlicht_unveraenderlich"),
        schuetzen(
            "strategiepapier_strategiepapier_empfehlungen",
            funktion="papierinhalt_unveraenderlich",
            ereignisse="INSERT OR UPDATE OR DELETE",
        ),
        schuetzen(
            "strategiepapier_strategiepapier_steckbriefe",
            funktion="papierinhalt_unveraenderlich",
            ereignisse="INSERT OR UPDATE OR DELETE",
        ),
    ]
