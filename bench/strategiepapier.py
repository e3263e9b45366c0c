"""Strategiepapier of one Sozialraum with many items: time, peak memory, pages and size of the
preview and of the publication (which also moves every item to veröffentlicht).

    .venv/bin/python bench/strategiepapier.py [EMPFEHLUNGEN] [STECKBRIEFE]    # default 150 + 50

Uses var/bench/ (SQLite) or DATABASE_URL if set. Goal: under 5 s for 200 items."""

import io
import os
import resource
import sys
import time
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("VAR_DIR", str(BASE / "var" / "bench"))

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402
from pypdf import PdfReader  # noqa: E402

from empfehlungen import services  # noqa: E402
from empfehlungen.models import Anregung, Handlungsempfehlung  # noqa: E402
from freigabe.models import Freigabestatus as F  # noqa: E402
from massnahmen.models import Massnahmensteckbrief  # noqa: E402
from stammdaten.models import Bereich, Handlungsfeld, Sozialraum, User  # noqa: E402
from start import demo  # noqa: E402
from strategiepapier import services as strategiepapier  # noqa: E402
from strategiepapier.models import Strategiepapier  # noqa: E402

RAUM = "OSF"
TEXT = (
    "Im Sozialraum fehlen verlässliche Angebote für Familien mit kleinen Kindern; die "
    "Kinderarmut liegt deutlich über dem städtischen Durchschnitt. Die Maßnahme bündelt "
    "Beratung, Begegnung und Begleitung an einem gut erreichbaren Ort und wird gemeinsam mit "
    "den Trägern im Quartier umgesetzt. "
) * 3


def messen(titel, funktion):
    start = time.perf_counter()
    ergebnis = funktion()
    dauer = time.perf_counter() - start
    spitze = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{titel:<44} {dauer:7.2f} s   Prozess-Spitze {spitze:6.0f} MB")
    return ergebnis


@transaction.atomic
def bestand(anzahl_e: int, anzahl_s: int) -> Sozialraum:
    """Freigegebene items in one Sozialraum (states set directly: the workflow is not what is
    measured here), each Empfehlung with two Anregungen behind it."""
    raum = Sozialraum.objects.get(kurzname=RAUM)
    sp = User.objects.get(username="sozialplanung")
    felder = list(Handlungsfeld.objects.all())
    bereiche = list(Bereich.objects.all())
    Strategiepapier.objects.filter(sozialraum=raum).delete()
    vorhanden = Handlungsempfehlung.objects.filter(titel__startswith="Bench ").count()
    for i in range(vorhanden, anzahl_e):
        e = services.empfehlung_anlegen(
            user=sp,
            titel=f"Bench {i}: Familienbüro mit Abendsprechstunde",
            text=TEXT,
            begruendung="Bedarf durch die Statistikprüfung belegt (Kinderarmut, SGB-II-Quote).",
            handlungsfeld=felder[i % len(felder)],
            sozialraeume=[raum],
            federfuehrung=bereiche[i % len(bereiche)],
            beteiligte=[bereiche[(i + 1) % len(bereiche)]],
        )
        for j in range(2):
            a = services.anregung_erfassen(
                user=sp, text=f"Anregung {i}/{j}: Familienbüro fehlt", sozialraum=raum
            )
            a.empfehlungen.add(e)
    vorhanden = Massnahmensteckbrief.objects.filter(titel__startswith="Bench ").count()
    for i in range(vorhanden, anzahl_s):
        s = Massnahmensteckbrief.objects.create(
            titel=f"Bench {i}: Stadtteilmütter",
            beschreibung=TEXT,
            zielgruppe="Familien mit Kindern bis 10 Jahre",
            kontakt="Koordination im Bereich",
            federfuehrung=bereiche[i % len(bereiche)],
            handlungsfeld=felder[i % len(felder)],
            erstellt_von=sp,
        )
        s.sozialraeume.add(raum)
    Handlungsempfehlung.objects.filter(titel__startswith="Bench ").update(status=F.FREIGEGEBEN)
    Massnahmensteckbrief.objects.filter(titel__startswith="Bench ").update(status=F.FREIGEGEBEN)
    return raum


def main(anzahl_e: int, anzahl_s: int) -> None:
    call_command("migrate", verbosity=0)
    demo.laden()
    print(f"Datenbank: {django.db.connection.vendor}")
    raum = messen("Bestand anlegen (einmalig)", lambda: bestand(anzahl_e, anzahl_s))
    sp = User.objects.get(username="sozialplanung")
    papier = strategiepapier.strategiepapier_anlegen(user=sp, sozialraum=raum, ausgabe=2099)
    e, s = papier.empfehlungen.count(), papier.steckbriefe.count()
    print(f"Strategiepapier {raum.kurzname}: {e} Empfehlungen, {s} Steckbriefe = {e + s} Einträge")
    vorschau = messen(
        "Vorschau-PDF erzeugen",
        lambda: strategiepapier.strategiepapier_pdf(papier=papier, vorschau=True),
    )
    seiten = len(PdfReader(io.BytesIO(vorschau)).pages)
    print(f"  {seiten} Seiten, {len(vorschau) / 1024:.0f} KB")
    papier = messen(
        "Veröffentlichen (Übergänge + PDF + Ablage)",
        lambda: strategiepapier.strategiepapier_veroeffentlichen(papier=papier, user=sp),
    )
    print(f"  {papier.pdf.size / 1024:.0f} KB gespeichert unter {papier.pdf.name}")
    offen = Handlungsempfehlung.objects.filter(strategiepapiere=papier).exclude(
        status=F.VEROEFFENTLICHT
    )
    assert not offen.exists(), "nicht alle Einträge veröffentlicht"
    print(f"Anregungen im Bestand: {Anregung.objects.count()}")


if __name__ == "__main__":
    argumente = [int(a) for a in sys.argv[1:3]]
    main(*(argumente + [150, 50][len(argumente) :]))
