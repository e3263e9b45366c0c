"""Controllingbericht for a quarter with many items: time of the Auswertung, the PDF and the XLSX
separately, pages and sizes, peak memory of the process.

    .venv/bin/python bench/controlling_bericht.py [ITEMS]      # default 2000

Generates ITEMS published items (three in four Empfehlungen, the rest Steckbriefe, some
befristet) with a Meldung each in the measured quarter and in the five quarters before it
(for the trend), in every state, and three Wirkungsziele per item. Uses var/bench/ (SQLite)
or DATABASE_URL if set. Goals: PDF (with the Wirkung section) under 5 s, XLSX under 5 s."""

import io
import os
import random
import resource
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

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

from controlling import auswertung, bericht_pdf, bericht_xlsx  # noqa: E402
from controlling.models import (  # noqa: E402
    Berichtsperiode,
    Sachstandsmeldung,
    ampel_fuer,
    quartalsende,
    vorquartal,
)
from empfehlungen.models import Handlungsempfehlung  # noqa: E402
from freigabe.models import Freigabestatus as F  # noqa: E402
from massnahmen.models import Massnahmensteckbrief  # noqa: E402
from stammdaten.models import Bereich, Sozialraum, User  # noqa: E402
from start import demo  # noqa: E402

JAHR, QUARTAL = 2096, 3  # far from the demo's quarters
PERIODEN = 6
KREIS = "BENCH"
SACHSTAND = (
    "Die Maßnahme läuft in allen Quartieren des Sozialraums; zwei Stellen sind besetzt, die "
    "dritte ist ausgeschrieben. Die Zahl der erreichten Familien ist gegenüber dem Vorquartal "
    "gestiegen, die Zusammenarbeit mit den Schulen wurde vertraglich geregelt. "
)
STATUS = ["angefordert", "in_bearbeitung", "eingereicht", "geprueft", "geprueft", "zurueckgegeben"]
UMSETZUNG = [
    "nicht_begonnen",
    "in_umsetzung",
    "in_umsetzung",
    "umgesetzt",
    "verzoegert",
    "gestoppt",
]
BERLIN = ZoneInfo("Europe/Berlin")


def messen(titel, funktion):
    start = time.perf_counter()
    ergebnis = funktion()
    dauer = time.perf_counter() - start
    spitze = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{titel:<44} {dauer:7.2f} s   Prozess-Spitze {spitze:6.0f} MB")
    return ergebnis


def _gegenstaende(anzahl: int) -> list:
    """ITEMS published items (created once; a second run reuses them)."""
    sp = User.objects.get(username="sozialplanung")
    bereiche = list(Bereich.objects.all())
    n_e = anzahl * 3 // 4
    vorhanden_e = Handlungsempfehlung.objects.filter(nummernkreis=KREIS).count()
    Handlungsempfehlung.objects.bulk_create(
        Handlungsempfehlung(
            nummernkreis=KREIS,
            laufende_nummer=i + 1,
            titel=f"Bench {i}: Familienbüro mit Abendsprechstunde und Beratung",
            text="…",
            federfuehrung=bereiche[i % len(bereiche)],
            stadtweit=i % 15 == 0,
            status=F.VEROEFFENTLICHT,
            erstellt_von=sp,
        )
        for i in range(vorhanden_e, n_e)
    )
    vorhanden_s = Massnahmensteckbrief.objects.filter(titel__startswith="Bench ").count()
    Massnahmensteckbrief.objects.bulk_create(
        Massnahmensteckbrief(
            titel=f"Bench {i}: Stadtteilmütter im Quartier",
            beschreibung="…",
            federfuehrung=bereiche[i % len(bereiche)],
            befristet=i % 4 == 0,
            laufzeit_bis=date(JAHR + 1, 1 + i % 12, 28) if i % 4 == 0 else None,
            status=F.VEROEFFENTLICHT,
            erstellt_von=sp,
        )
        for i in range(vorhanden_s, anzahl - n_e)
    )
    return [
        *Handlungsempfehlung.objects.filter(nummernkreis=KREIS).order_by("laufende_nummer"),
        *Massnahmensteckbrief.objects.filter(titel__startswith="Bench ").order_by("pk"),
    ]


@transaction.atomic
def bestand(anzahl: int) -> Berichtsperiode:
    """The measured quarter and the five before it, one Meldung per item in each."""
    zufall = random.Random(7)
    gegenstaende = _gegenstaende(anzahl)
    raeume = list(Sozialraum.objects.all())
    jahr, quartal = JAHR, QUARTAL
    quartale = []
    for _ in range(PERIODEN):
        quartale.append((jahr, quartal))
        jahr, quartal = vorquartal(jahr, quartal)
    Durch = Sachstandsmeldung.sozialraeume.through
    for jahr, quartal in reversed(quartale):
        stichtag = quartalsende(jahr, quartal)
        periode, neu = Berichtsperiode.objects.get_or_create(
            jahr=jahr,
            quartal=quartal,
            defaults={"stichtag": stichtag, "frist": stichtag + timedelta(days=30)},
        )
        if not neu:
            continue
        frist = datetime.combine(periode.frist, datetime.min.time(), tzinfo=BERLIN)
        meldungen, gebiete = [], []
        for i, g in enumerate(gegenstaende):
            status = zufall.choice(STATUS)
            umsetzung = zufall.choice(UMSETZUNG)
            hindernisse = "Personal fehlt" if zufall.random() < 0.2 else ""
            ist_e = isinstance(g, Handlungsempfehlung)
            meldungen.append(
                Sachstandsmeldung(
                    periode=periode,
                    empfehlung=g if ist_e else None,
                    steckbrief=None if ist_e else g,
                    bereich_id=g.federfuehrung_id,
                    nummer=g.nummer if ist_e else "",
                    titel=g.titel,
                    stadtweit=g.stadtweit,
                    status=status,
                    umsetzungsstatus=umsetzung,
                    ampel=ampel_fuer(umsetzung, hindernisse),
                    hindernisse=hindernisse,
                    fortschritt=zufall.randrange(0, 101, 5),
                    sachstand=SACHSTAND * zufall.randint(1, 4),
                    naechste_schritte="Auswertung mit den Trägern im nächsten Quartal.",
                    befristet=getattr(g, "befristet", False),
                    laufzeit_bis=getattr(g, "laufzeit_bis", None),
                    finanzierung="Landesmittel und Eigenanteil" if not ist_e else "",
                    eingereicht_am=frist + timedelta(days=zufall.randint(-25, 10))
                    if status in ("eingereicht", "geprueft", "zurueckgegeben")
                    else None,
                )
            )
            gebiete.append([] if g.stadtweit else zufall.sample(raeume, 1 + (i % 5 == 0)))
        meldungen = Sachstandsmeldung.objects.bulk_create(meldungen, batch_size=1000)
        Durch.objects.bulk_create(
            [
                Durch(sachstandsmeldung_id=m.pk, sozialraum_id=r.pk)
                for m, rs in zip(meldungen, gebiete, strict=True)
                for r in rs
            ],
            batch_size=5000,
        )
    _wirkungsziele(gegenstaende)
    return Berichtsperiode.objects.get(jahr=JAHR, quartal=QUARTAL)


def _wirkungsziele(gegenstaende: list) -> None:
    """Three goals per item (a Kennzahl of a Sozialraum, an own indicator with three actual
    values, a qualitative goal), once."""
    from decimal import Decimal

    from stammdaten.models import Kennzahl
    from wirkung.models import Istwert, Wirkungsziel

    if Wirkungsziel.objects.filter(bezeichnung__startswith="Bench ").exists():
        return
    kennzahl = Kennzahl.objects.get(name="Kinderarmut")
    raeume = list(Sozialraum.objects.all())
    ziele = []
    for i, g in enumerate(gegenstaende):
        art = {"empfehlung": g} if isinstance(g, Handlungsempfehlung) else {"steckbrief": g}
        ziele += [
            Wirkungsziel(
                **art,
                bezeichnung="Kinderarmut",
                quelle="kennzahl",
                art="gesellschaftlich",
                richtung="sinken",
                kennzahl=kennzahl,
                sozialraum=None if g.stadtweit else raeume[i % len(raeume)],
                basis_jahr=2019,
                basis_wert=Decimal("30.0"),
                ziel_jahr=2026,
                ziel_wert=Decimal("26.0"),
            ),
            Wirkungsziel(
                **art,
                bezeichnung=f"Bench {i}: Beratungsgespräche",
                quelle="eigen",
                art="leistung",
                richtung="steigen",
                einheit="Gespräche",
                basis_jahr=2022,
                basis_wert=Decimal(100),
                ziel_jahr=2026,
                ziel_wert=Decimal(200),
            ),
            Wirkungsziel(
                **art,
                bezeichnung="Bench: Träger abgestimmt",
                quelle="qualitativ",
                beschreibung="Die Träger im Quartier verabreden Zuständigkeiten.",
            ),
        ]
    ziele = Wirkungsziel.objects.bulk_create(ziele, batch_size=2000)
    Istwert.objects.bulk_create(
        [
            Istwert(ziel=z, jahr=jahr, wert=Decimal(100 + 20 * (jahr - 2022) + k % 30))
            for k, z in enumerate(ziele)
            if z.quelle == "eigen"
            for jahr in (2023, 2024, 2025)
        ],
        batch_size=5000,
    )


def main(anzahl: int) -> None:
    call_command("migrate", verbosity=0)
    demo.laden()
    print(f"Datenbank: {django.db.connection.vendor}")
    periode = messen(f"Bestand anlegen ({PERIODEN} Quartale, einmalig)", lambda: bestand(anzahl))
    print(f"{periode}: {periode.meldungen.count()} Meldungen")
    # As after the Frist: the missing Meldungen are listed too.
    heute = periode.frist + timedelta(days=1)
    a = messen("Auswertung (auswerten)", lambda: auswertung.auswerten(periode, heute=heute))
    k = a.kennzahlen
    print(
        f"  {k.gesamt} Meldungen, {k.vorgelegt} vorgelegt, {k.fehlend} fehlend, "
        f"{k.verspaetet} verspätet, {len(a.gebiete)} Gebiete, {len(a.bereiche)} Bereiche, "
        f"{len(a.verlauf)} Perioden im Verlauf, {len(a.befristet)} befristet"
    )
    print(f"  {len(a.wirkung)} Wirkungsziele")
    messen("… davon der Wirkung-Teil allein", lambda: auswertung.wirkung_zeilen(periode))
    diagramme = messen("Diagramme zeichnen", lambda: auswertung.diagramme(a))
    pdf = messen(
        "PDF erzeugen, mit Wirkung (Ziel < 5 s)", lambda: bericht_pdf.erzeugen(a, diagramme)
    )
    ohne = auswertung.Auswertung(**{**a.__dict__, "wirkung": []})
    messen("… zum Vergleich PDF ohne Wirkung", lambda: bericht_pdf.erzeugen(ohne, diagramme))
    seiten = len(PdfReader(io.BytesIO(pdf)).pages)
    print(f"  {seiten} Seiten, {len(pdf) / 1024:.0f} KB")
    xlsx = messen("XLSX erzeugen (Ziel < 5 s)", lambda: bericht_xlsx.erzeugen(a))
    print(f"  {len(xlsx) / 1024:.0f} KB")
    messen("Dashboard-SVG (drei Diagramme)", lambda: [d.svg() for d in diagramme])
    ablage = Path(os.environ["VAR_DIR"])
    (ablage / "controllingbericht.pdf").write_bytes(pdf)
    (ablage / "controllingbericht.xlsx").write_bytes(xlsx)
    print(f"Dateien zum Ansehen: {ablage}/controllingbericht.pdf und .xlsx")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)
