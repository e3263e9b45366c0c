"""Demo data of the intake: the Expert*innendialoge 2019–2023 named in the city's documentation
and about 150 invented Beispiel-Anregungen taken through every state of the research by the
services (so each has its history), with the Empfehlungen they led to."""

from __future__ import annotations

import random
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from empfehlungen import services
from empfehlungen.models import Anregung, Handlungsempfehlung, Veranstaltung
from massnahmen import demo as massnahmen_demo
from massnahmen.demo import (
    ALTER,
    BILDUNG,
    BUT,
    DATEN,
    EHRENAMT,
    FRUEH,
    GESUNDHEIT,
    GLEICH,
    INKLUSION,
    INTEGRATION,
    JUGEND,
    SPORT,
    UEBERGANG,
)
from stammdaten.models import Bereich, Handlungsfeld, Kennzahl, Sozialraum, User

BEISPIEL = "Beispieldaten: Die Anregungen dieser Veranstaltung sind für die Demo erfunden."
EXPERT = Veranstaltung.Format.EXPERTINNENDIALOG
CAFE = Veranstaltung.Format.WORLD_CAFE

# (Sozialraum-Kürzel, Datum, Runde, Format, Teilnehmende): round 1 by month as documented
# (the day is invented), round 2 with the documented dates.
VERANSTALTUNGEN = [
    ("MST", date(2019, 10, 17), 1, EXPERT, 82),
    ("ALL", date(2019, 11, 21), 1, EXPERT, 74),
    ("OST", date(2020, 2, 13), 1, EXPERT, 68),
    ("OSF", date(2021, 11, 18), 1, EXPERT, 61),
    ("STM", date(2022, 5, 12), 1, EXPERT, 95),
    ("STN", date(2022, 5, 19), 1, EXPERT, 63),
    ("MST", date(2023, 8, 16), 2, CAFE, 71),
    ("ALL", date(2023, 9, 6), 2, CAFE, 64),
    ("OSF", date(2023, 9, 28), 2, CAFE, 66),
    ("OST", date(2023, 10, 26), 2, CAFE, 58),
    ("STM", date(2023, 11, 7), 2, CAFE, 77),
    ("STN", date(2023, 11, 23), 2, CAFE, 60),
]

ANREGUNGEN = {
    JUGEND: [
        "Es fehlt ein offener Jugendtreff am Abend in {ort}.",
        "Mehr Streetwork an den Treffpunkten rund um den Bahnhof in {ort}.",
        "Jugendliche brauchen wohnortnahe Freizeitangebote am Wochenende.",
        "Angebote für Mädchen ab 12 Jahren fehlen in {ort}.",
    ],
    GESUNDHEIT: [
        "Eine Suchtberatung mit offener Sprechstunde im Stadtteil fehlt.",
        "Mehr niedrigschwellige Angebote zur seelischen Gesundheit für Jugendliche.",
        "Kinderärztliche Versorgung in {ort} ist zu knapp.",
        "Zahnprophylaxe in den Kitas in {ort} ausbauen.",
    ],
    ALTER: [
        "Treffpunkte für ältere Menschen im Quartier fehlen in {ort}.",
        "Besuchsdienst gegen Einsamkeit im Alter.",
        "Selbsthilfegruppe für junge pflegende Angehörige gründen.",
        "Altersarmut: Beratung zur Grundsicherung im Alter vor Ort anbieten.",
    ],
    FRUEH: [
        "Mehr Sprechstunden der Frühen Hilfen in {ort}.",
        "Ein Familiengrundschulzentrum an jeder Grundschule in {ort}.",
        "Eltern-Café in der Kita für Familien ohne Kita-Platz öffnen.",
        "Hebammensprechstunde im Familienzentrum.",
    ],
    INTEGRATION: [
        "Sprachkurse mit Kinderbetreuung fehlen in {ort}.",
        "Lotsen für neu zugewanderte Familien bei Behördengängen.",
        "Mehrsprachige Informationen über Beratungsangebote.",
    ],
    INKLUSION: [
        "Barrierefreie Spielplätze in {ort} fehlen.",
        "Informationen in Leichter Sprache über städtische Angebote.",
    ],
    EHRENAMT: [
        "Ehrenamtsbörse für Nachbarschaftshilfe in {ort}.",
        "Anerkennungskultur für Ehrenamtliche stärken.",
    ],
    BILDUNG: [
        "Hausaufgabenhilfe für Grundschulkinder in {ort}.",
        "Lesepatenschaften an Grundschulen ausbauen.",
    ],
    SPORT: [
        "Bewegungsangebote für übergewichtige Kinder.",
        "Offene Sportangebote in Schulturnhallen am Wochenende.",
    ],
    UEBERGANG: [
        "Begleitung beim Übergang von der Schule in den Beruf für Jugendliche ohne Abschluss.",
        "Praktikumsbörse mit Betrieben aus {ort}.",
    ],
    BUT: [
        "Leistungen aus Bildung und Teilhabe bekannter machen.",
        "Hilfe beim Antrag auf Bildung und Teilhabe in den Schulen.",
    ],
    GLEICH: ["Beratungsangebot für Frauen in Trennungssituationen im Stadtteil."],
    DATEN: ["Sozialdaten kleinräumig für Träger zugänglich machen."],
}

# How the ~150 cards end, as a repeating plan (weights per outcome).
PLAN = (
    ["eingegangen"] * 34
    + ["in_recherche"] * 18
    + ["statistikpruefung"] * 10
    + ["bedarf_belegt"] * 8
    + ["bedarf_nicht_belegt"] * 12
    + ["angebot_befristet"] * 6
    + ["dublette"] * 16
    + ["nicht_zustaendig"] * 8
    + ["angebot"] * 18
    + ["empfehlung"] * 20
)


def laden() -> None:
    with transaction.atomic():
        sozialplanung = User.objects.get(username="sozialplanung")
        veranstaltungen = _veranstaltungen()
        # Loaded before: the research history must not be written twice.
        if not Anregung.objects.filter(veranstaltung__in=veranstaltungen).exists():
            _anregungen(sozialplanung, veranstaltungen, massnahmen_demo.steckbriefe())


def zusammenfassung() -> str:
    return (
        f"{Veranstaltung.objects.count()} Veranstaltungen, {Anregung.objects.count()} "
        f"Anregungen, {Handlungsempfehlung.objects.count()} Empfehlungen"
    )


def _veranstaltungen() -> list[Veranstaltung]:
    raeume = {r.kurzname: r for r in Sozialraum.objects.all()}
    ergebnis = []
    for kurz, datum, runde, art, teilnehmende in VERANSTALTUNGEN:
        v, _ = Veranstaltung.objects.update_or_create(
            sozialraum=raeume[kurz],
            datum=datum,
            defaults={
                "runde": runde,
                "format": art,
                "teilnehmende": teilnehmende,
                "titel": f"Expert*innendialog im Sozialraum {raeume[kurz].name}"
                + (" – Markt der Möglichkeiten" if art == CAFE else ""),
                "notizen": BEISPIEL,
            },
        )
        ergebnis.append(v)
    return ergebnis


def _anregungen(user, veranstaltungen, steckbriefe) -> None:
    zufall = random.Random(42)
    felder = {h.name: h for h in Handlungsfeld.objects.all()}
    kinderarmut = Kennzahl.objects.filter(name="Kinderarmut").first()
    befristete = [s for s in steckbriefe.values() if s.befristet]
    unbefristete = [s for s in steckbriefe.values() if not s.befristet]
    texte = [(feld, text) for feld, liste in ANREGUNGEN.items() for text in liste]
    plan = list(PLAN)
    zufall.shuffle(plan)
    erste: list[Anregung] = []
    for i, ziel in enumerate(plan):
        veranstaltung = veranstaltungen[i % len(veranstaltungen)]
        feld, text = texte[(i * 7) % len(texte)]
        a = services.anregung_erfassen(
            user=user,
            text=text.format(ort=veranstaltung.sozialraum.name),
            veranstaltung=veranstaltung,
            sozialraum=veranstaltung.sozialraum,
            handlungsfeld=felder[feld] if i % 9 else None,
            zielgruppe="",
        )
        Anregung.objects.filter(pk=a.pk).update(
            erfasst_am=timezone.make_aware(
                timezone.datetime.combine(
                    veranstaltung.datum + timedelta(days=3), timezone.datetime.min.time()
                )
            )
        )
        erste.append(a)
        if ziel == "eingegangen":
            continue
        a = services.anregung_recherche_beginnen(anregung=a, user=user)
        if ziel == "in_recherche":
            continue
        if ziel == "dublette":
            original = erste[max(0, i - 1 - zufall.randrange(5))]
            if original.pk != a.pk:
                services.anregung_als_dublette(anregung=a, user=user, original_anregung=original)
            continue
        if ziel == "nicht_zustaendig":
            services.anregung_nicht_zustaendig(
                anregung=a,
                user=user,
                grund="Aufgabe des Landes bzw. der Krankenkassen; an die "
                "zuständige Stelle weitergegeben.",
            )
            continue
        if ziel == "angebot":
            services.anregung_angebot_vorhanden(
                anregung=a, user=user, steckbrief=zufall.choice(unbefristete)
            )
            continue
        if ziel == "angebot_befristet":
            services.anregung_angebot_vorhanden(
                anregung=a, user=user, steckbrief=befristete[i % len(befristete)]
            )
            continue
        a = services.anregung_zur_statistikpruefung(anregung=a, user=user)
        if ziel == "statistikpruefung" or kinderarmut is None:
            continue
        belegt = ziel != "bedarf_nicht_belegt"
        services.statistikpruefung_abschliessen(
            anregung=a,
            user=user,
            ergebnis="belegt" if belegt else "nicht_belegt",
            begruendung="Kinderarmut und SGB-II-Quote deutlich über dem Stadtwert."
            if belegt
            else "Die Kennzahlen liegen im städtischen Durchschnitt.",
            kennzahl_ids=[kinderarmut.pk],
        )
        if ziel == "empfehlung":
            a.refresh_from_db()
            services.empfehlung_anlegen(
                user=user,
                anregungen=[a],
                titel=a.text[:80].rstrip("."),
                text=f"Die Stadt prüft den Ausbau: {a.text}",
                begruendung="Bedarf durch die Statistikprüfung belegt.",
                handlungsfeld=a.handlungsfeld,
                sozialraeume=[a.sozialraum],
                federfuehrung=Bereich.objects.get(code="3-1" if i % 2 else "3-4"),
                prioritaet=zufall.choice(list(Handlungsempfehlung.Prioritaet.values)),
            )
    # Befristete offers: two of them already have their Verlängerung/Verstetigung draft.
    for a in Anregung.objects.filter(status=Anregung.Status.ANGEBOT_VORHANDEN).select_related(
        "steckbrief", "sozialraum"
    )[:2]:
        services.empfehlung_anlegen(
            user=user,
            anregungen=[a],
            titel=f"{a.steckbrief.titel} verstetigen",
            text=f"Das befristete Angebot „{a.steckbrief.titel}“ dauerhaft sichern.",
            art=Handlungsempfehlung.Art.VERSTETIGUNG,
            steckbrief=a.steckbrief,
            handlungsfeld=a.steckbrief.handlungsfeld,
            stadtweit=True,
            federfuehrung=a.steckbrief.federfuehrung,
        )
