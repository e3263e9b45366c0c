"""Generator for a state-wide volume: Anregungen, Empfehlungen and Steckbriefe in bulk.

Texts are built from word pools so that full-text search and similarity have realistic
selectivity (a search word hits a few percent of the cards, not all or none)."""

from __future__ import annotations

import random
from datetime import date, timedelta

from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

THEMEN = [
    "Jugendtreff",
    "Streetwork",
    "Familienzentrum",
    "Suchtberatung",
    "Sprachkurs",
    "Hausaufgabenhilfe",
    "Seniorentreff",
    "Spielplatz",
    "Sportverein",
    "Schuldnerberatung",
    "Ferienfreizeit",
    "Elterncafé",
    "Hebammensprechstunde",
    "Nachbarschaftshilfe",
    "Quartiersbüro",
    "Bewegungsangebot",
    "Mittagstisch",
    "Lernförderung",
    "Beratungsstelle",
    "Integrationskurs",
    "Pflegeberatung",
    "Kältehilfe",
    "Mädchentreff",
    "Musikschule",
]
ZUSATZ = [
    "am Abend",
    "am Wochenende",
    "in den Ferien",
    "im Quartier",
    "für Alleinerziehende",
    "für Jugendliche",
    "für ältere Menschen",
    "für Zugewanderte",
    "mit Kinderbetreuung",
    "in Leichter Sprache",
    "barrierefrei",
    "mehrsprachig",
    "ohne Anmeldung",
    "kostenlos",
]
ANFANG = [
    "Es fehlt ein",
    "Wir brauchen mehr",
    "Bitte ausbauen:",
    "Zu wenig",
    "Gewünscht wird",
    "Dringend nötig ist",
    "Im Stadtteil fehlt",
    "Eltern wünschen sich",
]


def text(zufall: random.Random) -> str:
    return (
        f"{zufall.choice(ANFANG)} {zufall.choice(THEMEN)} {zufall.choice(ZUSATZ)} "
        f"und {zufall.choice(THEMEN)} {zufall.choice(ZUSATZ)}."
    )


def erzeugen(*, anregungen: int, empfehlungen: int, steckbriefe: int, seed: int = 7) -> None:
    from empfehlungen.models import Anregung, Handlungsempfehlung, Nummernkreis, Veranstaltung
    from massnahmen.models import Massnahmensteckbrief
    from stammdaten.models import Bereich, Handlungsfeld, Sozialraum, User

    zufall = random.Random(seed)
    user = User.objects.get(username="sozialplanung")
    raeume = list(Sozialraum.objects.all())
    felder = list(Handlungsfeld.objects.all())
    bereiche = list(Bereich.objects.all())
    veranstaltungen = list(Veranstaltung.objects.all())
    zustaende = list(Anregung.Status.values)
    gewichte = [30, 15, 5, 8, 8, 10, 10, 5, 9]
    jetzt = timezone.now()

    with transaction.atomic():
        stapel = []
        for i in range(steckbriefe):
            befristet = i % 3 == 0
            stapel.append(
                Massnahmensteckbrief(
                    titel=f"{zufall.choice(THEMEN)} {zufall.choice(ZUSATZ)} ({i})",
                    beschreibung=text(zufall),
                    federfuehrung=zufall.choice(bereiche),
                    handlungsfeld=zufall.choice(felder),
                    stadtweit=True,
                    befristet=befristet,
                    laufzeit_bis=date(2026, 12, 31) if befristet else None,
                    erstellt_von=user,
                )
            )
        Massnahmensteckbrief.objects.bulk_create(stapel, batch_size=5000)

        stapel = []
        for i in range(anregungen):
            v = zufall.choice(veranstaltungen)
            stapel.append(
                Anregung(
                    text=text(zufall),
                    veranstaltung=v,
                    sozialraum=v.sozialraum,
                    handlungsfeld=zufall.choice(felder) if i % 7 else None,
                    zielgruppe=zufall.choice(ZUSATZ),
                    erfasst_von=user,
                    erfasst_am=jetzt - timedelta(minutes=i),
                    status=zufall.choices(zustaende, gewichte)[0],
                )
            )
            if len(stapel) == 10_000:
                Anregung.objects.bulk_create(stapel)
                stapel = []
        Anregung.objects.bulk_create(stapel)

        # A second call adds to the first (bench/intake.py --klein grows one database).
        kreise: dict[str, int] = {
            kreis: hoechste - 10_000
            for kreis, hoechste in Handlungsempfehlung.objects.filter(laufende_nummer__gt=10_000)
            .values("nummernkreis")
            .annotate(hoechste=Max("laufende_nummer"))
            .values_list("nummernkreis", "hoechste")
        }
        stapel = []
        for _ in range(empfehlungen):
            raum = zufall.choice(raeume)
            kreise[raum.kurzname] = kreise.get(raum.kurzname, 0) + 1
            stapel.append(
                Handlungsempfehlung(
                    nummernkreis=raum.kurzname,
                    laufende_nummer=10_000 + kreise[raum.kurzname],
                    titel=f"{zufall.choice(THEMEN)} {zufall.choice(ZUSATZ)}",
                    text=text(zufall),
                    handlungsfeld=zufall.choice(felder),
                    federfuehrung=zufall.choice(bereiche),
                    erstellt_von=user,
                )
            )
        Handlungsempfehlung.objects.bulk_create(stapel, batch_size=5000)
        for kuerzel, anzahl in kreise.items():
            kreis, _ = Nummernkreis.objects.get_or_create(kuerzel=kuerzel)
            kreis.letzte_nummer = max(kreis.letzte_nummer, 10_000 + anzahl)
            kreis.save()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
