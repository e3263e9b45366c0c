"""Demo data of the offers: Steckbriefe of the real offers presented at the city's 2023
Themeninseln (texts are short summaries, not the city's wording). Loading twice changes
nothing."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from massnahmen.models import Massnahmensteckbrief
from stammdaten.models import Bereich, Handlungsfeld, Sozialraum, User

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


def laden() -> None:
    with transaction.atomic():
        _steckbriefe(User.objects.get(username="sozialplanung"))


def steckbriefe() -> dict[str, Massnahmensteckbrief]:
    """The demo's Steckbriefe by title (for the demos of the rooms above)."""
    titel = [eintrag[0] for eintrag in STECKBRIEFE]
    vorhanden = {s.titel: s for s in Massnahmensteckbrief.objects.filter(titel__in=titel)}
    return {t: vorhanden[t] for t in titel if t in vorhanden}  # in the order of STECKBRIEFE


def zusammenfassung() -> str:
    return f"{Massnahmensteckbrief.objects.count()} Steckbriefe"


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
