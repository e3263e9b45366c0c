"""Documents over hostile stored texts (written past the limits, as older data or a database
import could be): a Strategiepapier whose stadtweit Steckbrief carries 300,000 characters in
Umsetzungsstand, description and goals and line breaks in its one-line fields; an event PDF
with a hundred cards of 100 lines and a giant word cloud; a controlling report with a huge
Sachstand. Prints time and peak memory of each build.

    .venv/bin/python bench/dokumente_feindlich.py [ZEICHEN]     # default 300000

Uses var/bench/ (SQLite) or DATABASE_URL if set. Goal: each under a few seconds (before the
shortening: 200,000 characters took 17 s, 300,000 about 3 minutes; one card of 100 lines or a
line break in Kontakt made the build fail)."""

import io
import os
import resource
import sys
import time
from datetime import date
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("VAR_DIR", str(BASE / "var" / "bench"))

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.utils import timezone  # noqa: E402
from pypdf import PdfReader  # noqa: E402

from controlling import auswertung, bericht_pdf  # noqa: E402
from controlling.models import Berichtsperiode, Sachstandsmeldung  # noqa: E402
from empfehlungen.models import Veranstaltung  # noqa: E402
from freigabe.models import Freigabestatus as F  # noqa: E402
from massnahmen.models import Massnahmensteckbrief  # noqa: E402
from stammdaten.models import Bereich, Sozialraum, User  # noqa: E402
from start import demo  # noqa: E402
from strategiepapier import services as strategiepapier  # noqa: E402
from strategiepapier.models import Strategiepapier  # noqa: E402
from weltcafe import pdf as weltcafe_pdf  # noqa: E402
from weltcafe.models import Karte, Rueckmeldewort  # noqa: E402


def messen(titel, funktion):
    start = time.perf_counter()
    ergebnis = funktion()
    dauer = time.perf_counter() - start
    spitze = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    seiten = len(PdfReader(io.BytesIO(ergebnis)).pages) if isinstance(ergebnis, bytes) else "–"
    print(f"{titel:<52} {dauer:7.2f} s   {seiten:>4} Seiten   Prozess-Spitze {spitze:6.0f} MB")
    return ergebnis


def pruefen(inhalt: bytes, erwartet: str) -> None:
    """The hostile item is in the document, shortened (not silently left out)."""
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(inhalt)).pages)
    assert erwartet in text, f"„{erwartet}“ fehlt im Dokument"
    print(f"  enthält „{erwartet}“; Kürzungsvermerke: {text.count('gekürzt')}")


def feindlich(zeichen: int) -> str:
    satz = "Sachstand ohne Ende, immer weiter, <b>kein Markup</b> & keine Pause. "
    return (satz * (zeichen // len(satz) + 1))[:zeichen]


def main(zeichen: int) -> None:
    call_command("migrate", verbosity=0)
    demo.laden()
    print(f"Datenbank: {django.db.connection.vendor}; feindlicher Text: {zeichen:,} Zeichen")
    sp = User.objects.get(username="sozialplanung")
    raum = Sozialraum.objects.get(kurzname="OST")
    text = feindlich(zeichen)

    # What an earlier run left.
    Sachstandsmeldung.objects.filter(periode__jahr=2097).delete()
    Strategiepapier.objects.filter(ausgabe=2098).delete()
    Massnahmensteckbrief.objects.filter(titel="Bench feindlich").delete()

    # Strategiepapier: a stadtweit Steckbrief copied from a huge Sachstand.
    s = Massnahmensteckbrief.objects.create(
        titel="Bench feindlich",
        beschreibung="x",
        federfuehrung=Bereich.objects.first(),
        erstellt_von=sp,
        stadtweit=True,
    )
    Massnahmensteckbrief.objects.filter(pk=s.pk).update(
        beschreibung=text,
        ziele=text,
        umsetzungsstand="\n".join(["Zeile"] * 20_000) + text,
        kontakt="Frau Muster\nTel. 0208 825-0\nZimmer 4",
        zielgruppe="Familien\n" * 20,
        status=F.FREIGEGEBEN,
    )
    papier = strategiepapier.strategiepapier_anlegen(user=sp, sozialraum=raum, ausgabe=2098)
    inhalt = messen(
        "Strategiepapier-Vorschau (300.000 Zeichen im Steckbrief)",
        lambda: strategiepapier.strategiepapier_pdf(papier=papier, vorschau=True),
    )
    pruefen(inhalt, "Bench feindlich")

    # World-Café: a hundred cards of 100 lines, two thousand long feedback words.
    cafe = Veranstaltung.objects.filter(format=Veranstaltung.Format.WORLD_CAFE).first()
    Karte.objects.filter(veranstaltung=cafe, text__startswith="Bench").delete()
    Karte.objects.bulk_create(
        Karte(veranstaltung=cafe, art=Karte.Art.SONSTIGES, text="Bench\n" * 100 + text[:5_000])
        for _ in range(100)
    )
    Rueckmeldewort.objects.filter(veranstaltung=cafe, wort__startswith="bench").delete()
    Rueckmeldewort.objects.bulk_create(
        Rueckmeldewort(veranstaltung=cafe, wort=f"bench{i:04d}" + "x" * 50, anzahl=i + 1)
        for i in range(2_000)
    )
    inhalt = messen(
        "World-Café-Dokumentation (100 Karten à 100 Zeilen)", lambda: weltcafe_pdf.erzeugen(cafe)
    )
    pruefen(inhalt, "bench1999")  # the most frequent word

    # Controlling report: one Meldung with a huge Sachstand and a title of 33 lines.
    periode, _ = Berichtsperiode.objects.get_or_create(
        jahr=2097, quartal=1, defaults={"stichtag": date(2097, 3, 31), "frist": date(2097, 4, 30)}
    )
    Sachstandsmeldung.objects.create(
        periode=periode,
        steckbrief=s,
        bereich=s.federfuehrung,
        titel="Titel\n" * 33,
        status="eingereicht",
        umsetzungsstatus="in_umsetzung",
        ampel="gruen",
        sachstand=text,
        eingereicht_am=timezone.now(),
    )
    a = auswertung.auswerten(periode, heute=date(2097, 5, 1))
    inhalt = messen(
        "Controllingbericht (Sachstand mit 300.000 Zeichen)",
        lambda: bericht_pdf.erzeugen(a, auswertung.diagramme(a)),
    )
    pruefen(inhalt, "Sachstand ohne Ende")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 300_000)
