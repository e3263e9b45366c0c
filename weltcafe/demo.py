"""Demo: the World-Café "Markt der Möglichkeiten" in Oberhausen-Ost on 26.10.2023.

Themeninseln, presenting Bereiche and offers follow the city's documentation; the dot counts,
cards and feedback words are invented (Beispieldaten). A few offers also get dots at an older
round and in another Sozialraum, so the Steckbrief chart shows rounds and Sozialräume.
"""

from __future__ import annotations

import random
from datetime import date

from empfehlungen.models import Veranstaltung
from massnahmen.models import Massnahmensteckbrief
from stammdaten.models import Bereich, Handlungsfeld, Sozialraum, User
from weltcafe.live import sperrwoerter_vorgeben
from weltcafe.models import Angebotsabfrage, Karte, Rueckmeldewort, Themeninsel

# (Titel, Handlungsfeld, Bereiche, Angebote)
THEMENINSELN = [
    (
        "Inklusion",
        "Inklusion",
        ["0-4"],
        ["Leichte Sprache", "Weg-Weiser für Menschen mit Behinderungen"],
    ),
    (
        "Ehrenamt",
        "Ehrenamt",
        ["0-4"],
        [
            "Beratung rund um das Ehrenamt",
            "Netzwerk Bürgerschaftliches Engagement",
            "Förderprogramm 2000x1000 Euro",
        ],
    ),
    (
        "Gleichstellungsstelle Oberhausen",
        "Gleichstellung",
        ["0-4"],
        ["Beratung der Gleichstellungsstelle"],
    ),
    (
        "Statistik, Daten und Portale",
        "Statistik, Daten und Portale",
        ["4-5", "3-2"],
        ["Oberhausener Sozialstrukturatlas", "Sozialnavigator"],
    ),
    (
        "(Weiter-)Bildung/Kultur",
        "(Weiter-)Bildung/Kultur",
        ["0-3"],
        [
            "Kursangebote des Bert-Brecht-Bildungszentrums",
            "Sprach- und Leseförderung der Stadtbibliothek",
        ],
    ),
    (
        "Integration",
        "Integration",
        ["2-6"],
        [
            "KIM – Kommunales Integrationsmanagement",
            "Guter Lebensabend NRW",
            "Seiteneinsteigerberatung",
        ],
    ),
    (
        "Übergang Schule-Beruf",
        "Übergang Schule-Beruf",
        ["KUSB"],
        ["Koordinierung Übergang Schule-Beruf"],
    ),
    (
        "Bürgergeld/Bildung und Teilhabe",
        "Bürgergeld/Bildung und Teilhabe",
        ["JC"],
        ["Bildung und Teilhabe", "Stilles Ausprobieren (SAO)"],
    ),
    (
        "Sport/Bewegung",
        "Sport/Bewegung",
        ["2-5"],
        ["Generationenübergreifender Bewegungs- und Begegnungspark"],
    ),
    (
        "Gesundheit",
        "Gesundheit",
        ["3-4"],
        [
            "Gesundheitskompetenz für Alleinerziehende",
            "Beratungsstelle für Menschen mit Behinderungen",
            "Beratungsstelle zu HIV, Aids und sexuell übertragbaren Infektionen",
            "Sozialpsychiatrischer Dienst",
            "Kompetenzzentrum Suchtberatung",
            "Bündnis Seelische Gesundheit Oberhausen",
            "Kinder- und Jugendgesundheitsdienst",
            "Zahnmedizinischer Dienst",
        ],
    ),
    ("Leben im Alter", "Leben im Alter", ["0-4"], ["Quartiersbüros für ältere Menschen"]),
    (
        "Präventionsketten, Familien(grundschul)zentren, Frühe Hilfen",
        "Präventionsketten, Familien(grundschul)zentren, Frühe Hilfen",
        ["3-3", "3-1", "0-4"],
        [
            "Präventionsketten",
            "Frühe Hilfen",
            "Familienzentren in Kindertageseinrichtungen",
            "Familiengrundschulzentren",
        ],
    ),
    (
        "Jugend",
        "Jugend",
        ["3-1"],
        [
            "Streetwork Oberhausen",
            "MOJO – Mobile Jugendarbeit",
            "Flotte Lotte Mädchenmobil",
            "Fanprojekt Oberhausen",
        ],
    ),
]

# Invented cards in our own words: (Themeninsel, Art, Text).
KARTEN = [
    ("Ehrenamt", Karte.Art.BEKANNTER_MACHEN, "Kurzvorstellung in den Stadtteilkonferenzen"),
    ("Ehrenamt", Karte.Art.WOHER_BEKANNT, "Über den Newsletter der Freiwilligenagentur"),
    ("(Weiter-)Bildung/Kultur", Karte.Art.BEKANNTER_MACHEN, "Kursprogramm auf Instagram teilen"),
    (
        "(Weiter-)Bildung/Kultur",
        Karte.Art.BEKANNTER_MACHEN,
        "Infoabende an weiterführenden Schulen",
    ),
    ("(Weiter-)Bildung/Kultur", Karte.Art.WOHER_BEKANNT, "Programmheft im Briefkasten"),
    ("Leben im Alter", Karte.Art.BEKANNTER_MACHEN, "Neu Zugezogene im Quartier direkt ansprechen"),
    ("Leben im Alter", Karte.Art.BEKANNTER_MACHEN, "Aushänge in Hausfluren und Arztpraxen"),
    ("Leben im Alter", Karte.Art.WOHER_BEKANNT, "Aus dem Arbeitskreis Senior*innen"),
    (
        "Statistik, Daten und Portale",
        Karte.Art.BEKANNTER_MACHEN,
        "Musikschule im Sozialnavigator ergänzen",
    ),
    ("Sport/Bewegung", Karte.Art.WOHER_BEKANNT, "Beitrag in den sozialen Medien gesehen"),
    ("Jugend", Karte.Art.BEKANNTER_MACHEN, "Mobile Angebote an Schulhöfen ankündigen"),
    ("Integration", Karte.Art.SONSTIGES, "Sprachmittlung auch für Elterngespräche in Kitas"),
]

# Invented feedback words with counts (the reference reports 80 answers).
WOERTER = [
    ("informativ", 14),
    ("Vernetzung", 11),
    ("interessant", 9),
    ("gut organisiert", 7),
    ("vielfältig", 6),
    ("hilfreich", 6),
    ("neue Kontakte", 5),
    ("spannend", 5),
    ("zu kurz", 4),
    ("lebendig", 4),
    ("Austausch", 4),
    ("laut", 3),
    ("weiter so", 2),
]

BEISPIEL = (
    "Beispieldaten: Punkte, Karten und Rückmeldungen sind für die Demo erfunden; Themeninseln "
    "und Angebote folgen der Dokumentation der Stadt."
)


def _zahlen(titel: str, runde: int, kurz: str) -> tuple[int, int]:
    # Deterministic, so repeated demo loads and screenshots agree.
    zufall = random.Random(f"{titel}|{runde}|{kurz}")
    n = zufall.randint(6, 34)
    quote = zufall.uniform(0.15, 0.9) - (0.1 if runde == 1 else 0)
    ja = max(0, min(n, round(n * quote)))
    return ja, n - ja


def _steckbrief(titel, feld, bereich, user, ost) -> Massnahmensteckbrief:
    vorhanden = Massnahmensteckbrief.objects.filter(titel=titel).first()
    if vorhanden:
        return vorhanden
    # Offers the documentation shows but the demo has not recorded yet: a draft to fill in.
    neu = Massnahmensteckbrief.objects.create(
        titel=titel,
        beschreibung="Beim World-Café Oberhausen-Ost (26.10.2023) vorgestellt; Beschreibung folgt.",
        handlungsfeld=feld,
        federfuehrung=bereich,
        erstellt_von=user,
    )
    neu.sozialraeume.add(ost)
    return neu


def laden() -> None:
    sperrwoerter_vorgeben()
    ost = Sozialraum.objects.get(kurzname="OST")
    cafe = Veranstaltung.objects.filter(sozialraum=ost, datum=date(2023, 10, 26)).first()
    if cafe is None or cafe.themeninseln.exists():
        return
    cafe.teilnehmende = 58
    cafe.format = Veranstaltung.Format.WORLD_CAFE
    if BEISPIEL not in cafe.notizen:
        cafe.notizen = (cafe.notizen + "\n" + BEISPIEL).strip()
    cafe.save(update_fields=["teilnehmende", "format", "notizen"])
    user = User.objects.get(username="sozialplanung")
    bereiche = {b.code: b for b in Bereich.objects.all()}
    felder = {h.name: h for h in Handlungsfeld.objects.all()}
    inseln = {}
    angebote = {}
    for nr, (titel, feld, codes, offers) in enumerate(THEMENINSELN, start=1):
        insel = Themeninsel.objects.create(
            veranstaltung=cafe, titel=titel, handlungsfeld=felder.get(feld), reihenfolge=nr
        )
        insel.bereiche.set([bereiche[c] for c in codes])
        inseln[titel] = insel
        for i, name in enumerate(offers, start=1):
            s = _steckbrief(name, felder.get(feld), bereiche[codes[0]], user, ost)
            angebote[name] = s
            ja, nein = _zahlen(name, 2, "OST")
            Angebotsabfrage.objects.create(
                themeninsel=insel, steckbrief=s, ja=ja, nein=nein, reihenfolge=i
            )
    Karte.objects.bulk_create(
        Karte(veranstaltung=cafe, themeninsel=inseln[insel], art=art, text=text)
        for insel, art, text in KARTEN
    )
    Rueckmeldewort.objects.bulk_create(
        Rueckmeldewort(veranstaltung=cafe, wort=w, anzahl=n) for w, n in WOERTER
    )
    _weitere_runden(angebote)


def _weitere_runden(angebote: dict[str, Massnahmensteckbrief]) -> None:
    """Dots for a few offers at the round-1 event in Ost and the round-2 event in Mitte/Styrum."""
    auswahl = ["Streetwork Oberhausen", "Sozialnavigator", "Frühe Hilfen", "Leichte Sprache"]
    for kurz, datum, runde in [("OST", date(2020, 2, 13), 1), ("MST", date(2023, 8, 16), 2)]:
        v = Veranstaltung.objects.filter(sozialraum__kurzname=kurz, datum=datum).first()
        if v is None:
            continue
        if BEISPIEL not in v.notizen:
            v.notizen = (v.notizen + "\n" + BEISPIEL).strip()
            v.save(update_fields=["notizen"])
        insel = Themeninsel.objects.create(veranstaltung=v, titel="Bekanntheitsabfrage")
        for i, name in enumerate(auswahl, start=1):
            ja, nein = _zahlen(name, runde, kurz)
            Angebotsabfrage.objects.create(
                themeninsel=insel, steckbrief=angebote[name], ja=ja, nein=nein, reihenfolge=i
            )


def zusammenfassung() -> str:
    return (
        f"{Themeninsel.objects.count()} Themeninseln mit "
        f"{Angebotsabfrage.objects.count()} Angebotsabfragen (Beispieldaten)"
    )
