"""Demo data of the intake: the Expert*innendialoge 2019–2023 named in the city's documentation,
Steckbriefe of the real offers presented there, and about 150 invented Beispiel-Anregungen
taken through every state of the research by the services (so each has its history)."""

from __future__ import annotations

import random
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from empfehlungen import demo_freigabe, services
from empfehlungen.models import Anregung, Handlungsempfehlung, Veranstaltung
from massnahmen.models import Massnahmensteckbrief
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

JUGEND, GESUNDHEIT, ALTER = "Jugend", "Gesundheit", "Leben im Alter"
FRUEH = "Präventionsketten, Familien(grundschul)zentren, Frühe Hilfen"
INTEGRATION, INKLUSION, EHRENAMT = "Integration", "Inklusion", "Ehrenamt"
BILDUNG, SPORT, UEBERGANG = "(Weiter-)Bildung/Kultur", "Sport/Bewegung", "Übergang Schule-Beruf"
BUT, GLEICH, DATEN = (
    "Bürgergeld/Bildung und Teilhabe",
    "Gleichstellung",
    "Statistik, Daten und Portale",
)

# (Titel, Bereich, Handlungsfeld, befristet bis, Beschreibung, Zielgruppe, Kontakt): real offers
# named at the 2023 Themeninseln; texts are short summaries, not the city's wording.
STECKBRIEFE = [
    (
        "Frühe Hilfen",
        "3-1",
        FRUEH,
        None,
        "Netzwerk früher, freiwilliger Unterstützung mit offenen Sprechstunden, aufsuchender Familienbegleitung und Eltern-Kind-Angeboten.",
        "Schwangere und Familien mit Kindern bis 3 Jahre",
        "Koordination Frühe Hilfen, Bereich 3-1",
    ),
    (
        "Familienzentren in Kindertageseinrichtungen",
        "3-1",
        FRUEH,
        None,
        "Kitas als Familienzentren: Beratung, Familienbildung und Vernetzung im Sozialraum, offen auch für Familien ohne Kita-Platz.",
        "Kinder, Eltern, Familien im Sozialraum",
        "Fachberatung Familienzentren, Bereich 3-1",
    ),
    (
        "Familiengrundschulzentren",
        "3-3",
        FRUEH,
        date(2026, 7, 31),
        "Grundschulen öffnen sich als Familiengrundschulzentren mit Eltern-Café, Beratung und Angeboten im Übergang.",
        "Grundschulkinder und ihre Familien",
        "Koordination Familiengrundschulzentren, Bereich 3-3",
    ),
    (
        "Präventionsketten",
        "3-1",
        FRUEH,
        None,
        "Abgestimmte Unterstützung von der Geburt bis zum Berufseinstieg entlang der Übergänge.",
        "Kinder und Jugendliche bis 27 Jahre",
        "Koordination Präventionskette, Bereich 3-1",
    ),
    (
        "Streetwork Oberhausen",
        "3-1",
        JUGEND,
        date(2025, 12, 31),
        "Aufsuchende Jugendarbeit an Treffpunkten im öffentlichen Raum; gefördert aus dem Kinder- und Jugendförderplan 2021–2025.",
        "Jugendliche und junge Erwachsene",
        "Mobile Jugendarbeit, Bereich 3-1",
    ),
    (
        "MOJO – Mobile Jugendarbeit",
        "3-1",
        JUGEND,
        date(2025, 12, 31),
        "Mobiles Jugendangebot mit Spiel- und Beratungsbus in den Quartieren.",
        "Jugendliche",
        "Mobile Jugendarbeit, Bereich 3-1",
    ),
    (
        "Flotte Lotte Mädchenmobil",
        "3-1",
        JUGEND,
        date(2025, 12, 31),
        "Mobiles Angebot speziell für Mädchen und junge Frauen.",
        "Mädchen und junge Frauen",
        "Mobile Jugendarbeit, Bereich 3-1",
    ),
    (
        "Fanprojekt Oberhausen",
        "3-1",
        JUGEND,
        None,
        "Sozialpädagogische Arbeit mit jugendlichen Fußballfans.",
        "jugendliche Fußballfans",
        "Fanprojekt, Bereich 3-1",
    ),
    (
        "Kompetenzzentrum Suchtberatung",
        "3-4",
        GESUNDHEIT,
        None,
        "Beratung, Behandlung und Therapievermittlung, Begleitung bei Substitution, Suchtprävention; kostenlos und anonym.",
        "Menschen mit Suchtproblemen und Angehörige",
        "Suchtberatung, Bereich 3-4",
    ),
    (
        "Sozialpsychiatrischer Dienst",
        "3-4",
        GESUNDHEIT,
        None,
        "Beratung und Vermittlung für Menschen mit psychischen Erkrankungen und ihre Bezugspersonen, fachärztliche Sprechstunde.",
        "Menschen mit psychischen Erkrankungen",
        "Sozialpsychiatrischer Dienst, Bereich 3-4",
    ),
    (
        "Bündnis Seelische Gesundheit Oberhausen",
        "3-4",
        GESUNDHEIT,
        None,
        "Vorträge, Workshops und Aktionen gegen Stigmatisierung psychischer Erkrankungen.",
        "Betroffene, Angehörige, Fachleute",
        "Kompetenzzentrum Suchtberatung und Sozialpsychiatrie, Bereich 3-4",
    ),
    (
        "Kinder- und Jugendgesundheitsdienst",
        "3-4",
        GESUNDHEIT,
        None,
        "Schuleingangsuntersuchung, Beratung zu Bewegung, Wahrnehmung und Sprache.",
        "Kinder und Jugendliche",
        "Kinder- und Jugendgesundheitsdienst, Bereich 3-4",
    ),
    (
        "Zahnmedizinischer Dienst",
        "3-4",
        GESUNDHEIT,
        None,
        "Zahnärztliche Untersuchungen und Prophylaxe in Kitas und Schulen.",
        "Kinder in Kitas und Schulen",
        "Zahnmedizinischer Dienst, Bereich 3-4",
    ),
    (
        "Gesundheitskompetenz für Alleinerziehende",
        "3-4",
        GESUNDHEIT,
        date(2025, 6, 30),
        "Projekt mit kostenlosen Kursen zu Stressbewältigung, Selbstfürsorge, Ernährung und Bewegung.",
        "Alleinerziehende",
        "Projektkoordination, Bereich 3-4",
    ),
    (
        "Beratungsstelle für Menschen mit Behinderungen",
        "3-4",
        INKLUSION,
        None,
        "Beratung zu Schwerbehindertenangelegenheiten, Eingliederungshilfe, Hilfsmitteln und Teilhabe.",
        "Menschen mit Behinderungen",
        "Beratungsstelle, Bereich 3-4",
    ),
    (
        "Leichte Sprache",
        "0-4",
        INKLUSION,
        None,
        "Übertragung von Dokumenten und Flyern in Leichte Sprache, Karten für Gebärdensprachdolmetschung.",
        "Menschen mit Lernschwierigkeiten",
        "Bereich 0-4 Chancengleichheit",
    ),
    (
        "Beratung rund um das Ehrenamt",
        "0-4",
        EHRENAMT,
        None,
        "Beratung und Vermittlung für Menschen, die sich engagieren möchten.",
        "Engagierte und Vereine",
        "Bereich 0-4 Chancengleichheit",
    ),
    (
        "Förderprogramm 2000x1000 Euro",
        "0-4",
        EHRENAMT,
        date(2024, 12, 31),
        "Kleine Zuschüsse für ehrenamtliche Projekte in den Quartieren.",
        "Initiativen und Vereine",
        "Bereich 0-4 Chancengleichheit",
    ),
    (
        "Quartiersbüros für ältere Menschen",
        "0-4",
        ALTER,
        None,
        "Anlaufstellen im Quartier, Quartiersspaziergänge und Nachbarschaftsprojekte.",
        "ältere Menschen",
        "Bereich 0-4 Chancengleichheit",
    ),
    (
        "Sprach- und Leseförderung der Stadtbibliothek",
        "0-3",
        BILDUNG,
        None,
        "Vorlesepatenschaften, Schreibwerkstatt, Stöpsel-Angebot für Kleinkinder, Aktion Lesestadt.",
        "Kinder und Familien",
        "Stadtbibliothek, Bereich 0-3",
    ),
    (
        "Kursangebote des Bert-Brecht-Bildungszentrums",
        "0-3",
        BILDUNG,
        None,
        "Weiterbildung, Sprachen, zweiter Bildungsweg und Bildungsberatung.",
        "Erwachsene",
        "Bereich 0-3 Bert-Brecht-Bildungszentrum",
    ),
    (
        "KIM – Kommunales Integrationsmanagement",
        "2-6",
        INTEGRATION,
        date(2025, 12, 31),
        "Rechtskreisübergreifendes Case-Management für Zugewanderte; Landesprogramm.",
        "Zugewanderte",
        "Bereich 2-6 Kommunales Integrationszentrum",
    ),
    (
        "Bildung und Teilhabe",
        "JC",
        BUT,
        None,
        "Leistungen für Schulbedarf, Ausflüge, Lernförderung, Mittagessen und Vereinsbeiträge.",
        "Kinder und Jugendliche aus Familien mit Leistungsbezug",
        "Jobcenter Oberhausen",
    ),
    (
        "Generationenübergreifender Bewegungs- und Begegnungspark",
        "2-5",
        SPORT,
        None,
        "Öffentlicher Park mit Bewegungsgeräten für alle Generationen.",
        "alle Altersgruppen",
        "Bereich 2-5 Sport",
    ),
    (
        "Koordinierung Übergang Schule-Beruf",
        "KUSB",
        UEBERGANG,
        None,
        "Berufsorientierung und Begleitung im Übergang von der Schule in Ausbildung.",
        "Schülerinnen und Schüler ab Klasse 8",
        "Koordinierungsstelle Übergang Schule-Beruf",
    ),
    (
        "Sozialnavigator",
        "3-2",
        DATEN,
        None,
        "Online-Karte sozialer Einrichtungen: Beratungsstellen, Quartiersbüros, Jugendeinrichtungen, Kitas, Schulen.",
        "Fachkräfte und Bürger*innen",
        "Sozialplanung, Bereich 3-2",
    ),
]

# Invented suggestions per Handlungsfeld; {ort} is the Sozialraum.
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
        steckbriefe = _steckbriefe(sozialplanung)
        # Loaded before: the research history must not be written twice.
        if not Anregung.objects.filter(veranstaltung__in=veranstaltungen).exists():
            _anregungen(sozialplanung, veranstaltungen, steckbriefe)
    demo_freigabe.laden()


def zusammenfassung() -> str:
    return (
        f"{Veranstaltung.objects.count()} Veranstaltungen, {Anregung.objects.count()} "
        f"Anregungen, {Massnahmensteckbrief.objects.count()} Steckbriefe, "
        f"{Handlungsempfehlung.objects.count()} Empfehlungen, " + demo_freigabe.zusammenfassung()
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


def _steckbriefe(user) -> dict[str, Massnahmensteckbrief]:
    bereiche = {b.code: b for b in Bereich.objects.all()}
    felder = {h.name: h for h in Handlungsfeld.objects.all()}
    alle_raeume = list(Sozialraum.objects.all())
    ergebnis = {}
    for i, (titel, code, feld, bis, text, zielgruppe, kontakt) in enumerate(STECKBRIEFE):
        s, neu = Massnahmensteckbrief.objects.update_or_create(
            titel=titel,
            defaults={
                "beschreibung": text,
                "zielgruppe": zielgruppe,
                "kontakt": kontakt,
                "federfuehrung": bereiche[code],
                "handlungsfeld": felder[feld],
                "befristet": bis is not None,
                "laufzeit_bis": bis,
                "laufzeit_von": date(2021, 1, 1) if bis else None,
                "stadtweit": i % 3 != 0,
                "erstellt_von": user,
                "umsetzungsstand": "läuft" if not bis else f"befristet bis {bis:%d.%m.%Y}",
            },
        )
        if neu and not s.stadtweit:
            s.sozialraeume.set(alle_raeume[i % 6 : i % 6 + 2])
        ergebnis[titel] = s
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
