"""Strategiepapier of one Sozialraum with many items: preview PDF and publication, each timed
beside the goal of issue 15 (≤ 1 s each for 200 items), with the layout passes counted (one
`build()` of reportlab; its multiBuild makes one per pass) and the publication split into PDF,
accessible HTML edition, the public copy (transparenz, written after the commit) and the rest
(the items' transitions to veröffentlicht, reads, storing the file).

    .venv/bin/python bench/strategiepapier.py [EMPFEHLUNGEN] [STECKBRIEFE]    # default 150 + 50
    .venv/bin/python bench/strategiepapier.py 3 2                              # smoke run (CI)

Uses var/bench/ (SQLite; VAR_DIR to choose another folder) or DATABASE_URL if set (a
PostgreSQL database that does not exist yet is created). A fresh
database is migrated (about 10 s, most of a smoke run) and gets the demo's master data and
users. Every run publishes a new Ausgabe of the Sozialraum OSF made of the bench's own items
only (freigegeben, two Wirkungsziele each, two Anregungen behind each Empfehlung), creating
as many as no earlier run left unpublished: published papers are never deleted (on PostgreSQL
their history is immutable). Times are wall clock (median of three for the preview) and the
CPU time of this process, which tells more when others share the machine."""

import functools
import io
import os
import resource
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("VAR_DIR", str(BASE / "var" / "bench"))


def _datenbank_da(url: str) -> None:
    """A PostgreSQL database named in DATABASE_URL that does not exist yet is created."""
    from urllib.parse import unquote, urlsplit, urlunsplit

    import psycopg
    from psycopg import sql

    url = url.replace("postgres://", "postgresql://", 1)
    try:
        psycopg.connect(url).close()
        return
    except psycopg.OperationalError:
        pass  # missing, or the server is down: the maintenance database tells which
    teile = urlsplit(url)
    name = unquote(teile.path.lstrip("/"))
    with psycopg.connect(urlunsplit(teile._replace(path="/postgres")), autocommit=True) as c:
        if not c.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            c.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


if os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
    _datenbank_da(os.environ["DATABASE_URL"])

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402
from django.db.models import Max  # noqa: E402
from pypdf import PdfReader  # noqa: E402
from reportlab.platypus.doctemplate import BaseDocTemplate  # noqa: E402

from empfehlungen import services  # noqa: E402
from empfehlungen.models import Handlungsempfehlung  # noqa: E402
from freigabe.models import Freigabestatus as F  # noqa: E402
from massnahmen.models import Massnahmensteckbrief  # noqa: E402
from stammdaten import demo as stammdaten_demo  # noqa: E402
from stammdaten.models import Bereich, Handlungsfeld, Kennzahl, Sozialraum, User  # noqa: E402
from strategiepapier import ausgabe  # noqa: E402
from strategiepapier import pdf as papier_pdf  # noqa: E402
from strategiepapier import services as strategiepapier  # noqa: E402
from strategiepapier.models import Strategiepapier  # noqa: E402
from transparenz import services as transparenz  # noqa: E402
from wirkung.models import Wirkungsziel  # noqa: E402

RAUM = "OSF"
KENNUNG = "Papierbench"  # other benches count their own items by "Bench "
ZIEL = 1.0  # seconds, issue 15
TEXT = (
    "Im Sozialraum fehlen verlässliche Angebote für Familien mit kleinen Kindern; die "
    "Kinderarmut liegt deutlich über dem städtischen Durchschnitt. Die Maßnahme bündelt "
    "Beratung, Begegnung und Begleitung an einem gut erreichbaren Ort und wird gemeinsam mit "
    "den Trägern im Quartier umgesetzt. "
) * 3


class Stoppuhr:
    """Calls and seconds of one function, wherever it is called from (also inside others)."""

    def __init__(self, besitzer, name: str):
        self.aufrufe, self.sekunden = 0, 0.0
        original = getattr(besitzer, name)

        @functools.wraps(original)
        def gemessen(*args, **kwargs):
            start = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                self.aufrufe += 1
                self.sekunden += time.perf_counter() - start

        setattr(besitzer, name, gemessen)

    def zuruecksetzen(self) -> None:
        self.aufrufe, self.sekunden = 0, 0.0


# A layout pass is one build() of reportlab; its multiBuild calls build() once per pass.
DURCHLAEUFE = Stoppuhr(BaseDocTemplate, "build")
PDF = Stoppuhr(papier_pdf, "erzeugen")
HTML = Stoppuhr(ausgabe, "erzeugen")
# The public copy (transparenz) is written after the commit, within the publication's call.
KOPIE = Stoppuhr(transparenz, "abgleichen")
UHREN = [DURCHLAEUFE, PDF, HTML, KOPIE]


def messen(titel, funktion, ziel: float | None = None, mal: int = 1):
    """Median of `mal` runs (wall clock, and CPU time of this process: others share the
    machine); the result of the last run and the median. The Stoppuhren count the last run."""
    dauern, cpu = [], []
    for _ in range(mal):
        for uhr in UHREN:
            uhr.zuruecksetzen()
        start, start_cpu = time.perf_counter(), time.process_time()
        ergebnis = funktion()
        dauern.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    dauer = statistics.median(dauern)
    spitze = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    zusatz = f"Ziel ≤ {ziel:g} s" + (f", Median von {mal}" if mal > 1 else "") if ziel else ""
    print(
        f"{titel:<44} {dauer:6.2f} s  CPU {statistics.median(cpu):6.2f} s  {zusatz:<24}"
        f" Spitze {spitze:4.0f} MB"
    )
    return ergebnis, dauer


def bestand(anzahl_e: int, anzahl_s: int) -> tuple[list, list]:
    """The bench's freigegebene items not published yet, as many as asked for (states set
    directly: the workflow is not what is measured here)."""
    offen_e = Handlungsempfehlung.objects.filter(
        titel__startswith=KENNUNG, status=F.FREIGEGEBEN, sozialraeume__kurzname=RAUM
    )
    offen_s = Massnahmensteckbrief.objects.filter(
        titel__startswith=KENNUNG, status=F.FREIGEGEBEN, sozialraeume__kurzname=RAUM
    )
    with transaction.atomic():
        raum = Sozialraum.objects.get(kurzname=RAUM)
        sp = User.objects.get(username="sozialplanung")
        felder = list(Handlungsfeld.objects.order_by("reihenfolge"))
        bereiche = list(Bereich.objects.order_by("code"))
        neu_e, neu_s = [], []
        start = Handlungsempfehlung.objects.filter(titel__startswith=KENNUNG).count()
        for i in range(start, start + anzahl_e - offen_e.count()):
            e = services.empfehlung_anlegen(
                user=sp,
                titel=f"{KENNUNG} {i}: Familienbüro mit Abendsprechstunde",
                text=TEXT,
                begruendung="Bedarf durch die Statistikprüfung belegt (Kinderarmut, SGB-II-Quote).",
                handlungsfeld=felder[i % len(felder)],
                sozialraeume=[raum],
                federfuehrung=bereiche[i % len(bereiche)],
                beteiligte=[bereiche[(i + 1) % len(bereiche)]],
            )
            for j in range(2):
                a = services.anregung_erfassen(
                    user=sp,
                    text=f"Anregung {i}/{j}: Familienbüro fehlt",
                    quelle="Bench",
                    sozialraum=raum,
                )
                a.empfehlungen.add(e)
            neu_e.append(e)
        start = Massnahmensteckbrief.objects.filter(titel__startswith=KENNUNG).count()
        for i in range(start, start + anzahl_s - offen_s.count()):
            s = Massnahmensteckbrief.objects.create(
                titel=f"{KENNUNG} {i}: Stadtteilmütter",
                beschreibung=TEXT,
                zielgruppe="Familien mit Kindern bis 10 Jahre",
                kontakt="Koordination im Bereich",
                federfuehrung=bereiche[i % len(bereiche)],
                handlungsfeld=felder[i % len(felder)],
                erstellt_von=sp,
            )
            s.sozialraeume.add(raum)
            neu_s.append(s)
        _wirkungsziele(neu_e + neu_s, raum)
        Handlungsempfehlung.objects.filter(pk__in=[e.pk for e in neu_e]).update(
            status=F.FREIGEGEBEN
        )
        Massnahmensteckbrief.objects.filter(pk__in=[s.pk for s in neu_s]).update(
            status=F.FREIGEGEBEN
        )
    return list(offen_e.order_by("pk")[:anzahl_e]), list(offen_s.order_by("pk")[:anzahl_s])


def _wirkungsziele(gegenstaende: list, raum: Sozialraum) -> None:
    """Two goals per item: a Kennzahl of the Sozialraum and an own indicator."""
    kennzahl = Kennzahl.objects.get(name="Kinderarmut")
    ziele = []
    for g in gegenstaende:
        art = {"empfehlung": g} if isinstance(g, Handlungsempfehlung) else {"steckbrief": g}
        ziele += [
            Wirkungsziel(
                **art,
                bezeichnung="Kinderarmut",
                quelle="kennzahl",
                art="gesellschaftlich",
                richtung="sinken",
                kennzahl=kennzahl,
                sozialraum=raum,
                basis_jahr=2019,
                basis_wert=Decimal("30.0"),
                ziel_jahr=2026,
                ziel_wert=Decimal("26.0"),
            ),
            Wirkungsziel(
                **art,
                bezeichnung="Beratungsgespräche",
                quelle="eigen",
                art="leistung",
                richtung="steigen",
                einheit="Gespräche",
                basis_jahr=2022,
                basis_wert=Decimal(100),
                ziel_jahr=2026,
                ziel_wert=Decimal(200),
            ),
        ]
    Wirkungsziel.objects.bulk_create(ziele, batch_size=2000)


def main(anzahl_e: int, anzahl_s: int) -> None:
    # Nobody signs in here: the demo users' passwords need not cost seconds of hashing.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    print(f"Datenbank: {django.db.connection.vendor}")
    messen("Datenbank migrieren", lambda: call_command("migrate", verbosity=0))
    messen("Stammdaten und Benutzer*innen der Demo", stammdaten_demo.laden)
    (empfehlungen, steckbriefe), _ = messen(
        "Einträge anlegen (soweit nicht übrig)", lambda: bestand(anzahl_e, anzahl_s)
    )
    raum = Sozialraum.objects.get(kurzname=RAUM)
    sp = User.objects.get(username="sozialplanung")
    # A new Ausgabe per run: published papers stay.
    letzte = Strategiepapier.objects.filter(sozialraum=raum).aggregate(m=Max("ausgabe"))["m"]
    papier = strategiepapier.strategiepapier_anlegen(
        user=sp, sozialraum=raum, ausgabe=max(letzte or 0, 2099) + 1
    )
    papier = strategiepapier.strategiepapier_auswahl_speichern(
        papier=papier,
        user=sp,
        empfehlung_ids=[e.pk for e in empfehlungen],
        steckbrief_ids=[s.pk for s in steckbriefe],
    )
    e, s = papier.empfehlungen.count(), papier.steckbriefe.count()
    print(
        f"Strategiepapier {raum.kurzname}, Ausgabe {papier.ausgabe}: {e} Empfehlungen, "
        f"{s} Steckbriefe = {e + s} Einträge"
    )
    vorschau, dauer = messen(
        "Vorschau-PDF erzeugen",
        lambda: strategiepapier.strategiepapier_pdf(papier=papier, vorschau=True),
        ziel=ZIEL,
        mal=3,
    )
    seiten = len(PdfReader(io.BytesIO(vorschau)).pages)
    print(
        f"  Satzdurchläufe: {DURCHLAEUFE.aufrufe}, {seiten} Seiten, {len(vorschau) / 1024:.0f} KB"
        f"; davon PDF setzen {PDF.sekunden:.2f} s (letzter Lauf)"
    )
    papier, dauer = messen(
        "Veröffentlichen",
        lambda: strategiepapier.strategiepapier_veroeffentlichen(papier=papier, user=sp),
        ziel=ZIEL,
    )
    rest = dauer - PDF.sekunden - HTML.sekunden - KOPIE.sekunden
    print(
        f"  Satzdurchläufe: {DURCHLAEUFE.aufrufe}, PDF {PDF.aufrufe}-mal gesetzt, "
        f"{papier.pdf.size / 1024:.0f} KB unter {papier.pdf.name}\n"
        f"  davon PDF {PDF.sekunden:.2f} s, barrierefreie Fassung {HTML.sekunden:.2f} s, "
        f"öffentliche Kopie {KOPIE.sekunden:.2f} s ({KOPIE.aufrufe} Abgleiche nach dem "
        f"Commit), Übergänge, Lesen und Ablage {rest:.2f} s"
    )
    offen = [
        str(o)
        for o in [*papier.empfehlungen.all(), *papier.steckbriefe.all()]
        if o.status != F.VEROEFFENTLICHT
    ]
    assert papier.veroeffentlicht and not offen, f"nicht veröffentlicht: {offen}"


if __name__ == "__main__":
    argumente = [int(a) for a in sys.argv[1:3]]
    main(*(argumente + [150, 50][len(argumente) :]))
