from django.db import migrations

from core.unveraenderlich import schuetzen


class Migration(migrations.Migration):
    dependencies = [("core", "0004_protokoll")]

    operations = [
        schuetzen("core_statuswechsel"),
        schuetzen("core_protokolleintrag", ereignisse="UPDATE"),
    ]
