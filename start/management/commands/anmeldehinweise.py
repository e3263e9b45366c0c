from django.conf import settings
from django.core.management.base import BaseCommand

from start import demo


class Command(BaseCommand):
    help = "Zeigt Adresse und Demo-Anmeldungen für `make run`."

    def handle(self, *args, **options):
        zeilen = [
            f"Sozialplanung läuft gleich unter {settings.SITE_URL}/",
            f"Demo-Anmeldungen (Passwort jeweils „{demo.DEMO_PASSWORT}“):",
        ]
        for username, (
            _vor,
            _nach,
            _funktion,
            sp,
            lesend,
            rollen,
            _staff,
            su,
        ) in demo.BENUTZER.items():
            beschreibung = [f"{rolle.label} {code}" for code, rolle in rollen]
            beschreibung += ["Sozialplanung"] * sp + ["Lesend"] * lesend + ["Administration"] * su
            zeilen.append(f"  {username:<15} {', '.join(beschreibung)}")
        zeilen.append("Beenden mit Strg+C (stoppt Web, Worker und Beat gemeinsam).")
        breite = max(len(z) for z in zeilen) + 2
        self.stdout.write("=" * breite)
        for z in zeilen:
            self.stdout.write(" " + z)
        self.stdout.write("=" * breite)
