"""The whole demo, room by room from the bottom up: master data and users, the offers, the
intake, the approvals and the published Strategiepapier, the World-Café, the controlling.
Every figure is invented and marked Beispieldaten; loading twice changes nothing."""

from __future__ import annotations

from django.db import connection, transaction

from controlling import demo as controlling_demo
from empfehlungen import demo as empfehlungen_demo
from massnahmen import demo as massnahmen_demo
from stammdaten import demo as stammdaten_demo
from start import demo_freigabe
from transparenz import services as transparenz
from weltcafe import demo as weltcafe_demo
from wirkung import demo as wirkung_demo

DEMO_PASSWORT = stammdaten_demo.DEMO_PASSWORT
BENUTZER = stammdaten_demo.BENUTZER


def laden(stdout=None) -> None:
    with transaction.atomic():  # all or nothing, as any import
        if connection.vendor == "postgresql":
            # The demo back-dates a decision taken during a past holiday; history is
            # otherwise immutable (core/unveraenderlich.py). Only for this transaction.
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL sozialplanung.demo = 'an'")
        stammdaten_demo.laden()
        massnahmen_demo.laden()
        empfehlungen_demo.laden()
        demo_freigabe.laden()
        weltcafe_demo.laden()
        controlling_demo.laden()
        wirkung_demo.laden()
    # The public copy, also of what the demo wrote directly (states set without a step).
    oeffentlich = transparenz.alles_abgleichen()
    if stdout:
        teile = [
            stammdaten_demo.zusammenfassung(),
            massnahmen_demo.zusammenfassung(),
            empfehlungen_demo.zusammenfassung(),
            demo_freigabe.zusammenfassung(),
            weltcafe_demo.zusammenfassung(),
            controlling_demo.zusammenfassung(),
            wirkung_demo.zusammenfassung(),
            f"{oeffentlich['geschrieben']} öffentliche Einträge",
        ]
        stdout.write("Demo geladen: " + ", ".join(t.rstrip(".") for t in teile) + ".")
