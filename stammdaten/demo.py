"""Demo data for Oberhausen: names and codes from the city's public documentation; every
statistical value is invented and marked as Beispieldaten. Loading twice changes nothing."""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from stammdaten.models import (
    Bereich,
    Handlungsfeld,
    Kennzahl,
    Kennzahlwert,
    Mitgliedschaft,
    Sozialquartier,
    Sozialraum,
    User,
)

DEMO_PASSWORT = "demo"
JAHRE = range(2019, 2025)

# Sozialraum (name, Kürzel) -> Sozialquartiere with an invented social status (negative = worse)
# and yearly trend. The assignment of quarters to Sozialräume is plausible, not official.
SOZIALRAEUME = [
    (
        "Mitte/Styrum",
        "MST",
        [
            ("Innenstadt", -1.35, 0.03),
            ("Marienviertel-Ost", -1.15, 0.0),
            ("Marienviertel-West", -0.95, -0.01),
            ("Brücktorviertel", -1.2, 0.01),
            ("Styrum", -0.5, -0.02),
            ("Dümpten", 0.25, 0.0),
        ],
    ),
    (
        "Alstaden/Lirich",
        "ALL",
        [
            ("Lirich-Süd", -1.05, -0.02),
            ("Lirich-Nord", -0.3, 0.0),
            ("Alstaden-Ost", -0.2, 0.01),
            ("Alstaden-West", 0.45, 0.0),
        ],
    ),
    (
        "Oberhausen-Ost",
        "OST",
        [
            ("Bermensfeld", -0.3, 0.0),
            ("Schladviertel", -0.05, -0.07),
            ("Knappenviertel", -0.75, 0.02),
            ("Borbeck/Neue Mitte/Grafenbusch", -0.35, 0.01),
        ],
    ),
    (
        "Osterfeld",
        "OSF",
        [
            ("Osterfeld-Mitte/Vonderort", -0.35, -0.01),
            ("Vondern/Osterfeld-Süd", -0.25, 0.0),
            ("Rothebusch", 0.1, 0.0),
            ("Klosterhardt", 0.6, 0.01),
        ],
    ),
    (
        "Sterkrade-Mitte",
        "STM",
        [
            ("Sterkrade-Mitte", 0.0, -0.02),
            ("Tackenberg-Ost", -0.2, -0.01),
            ("Tackenberg-West", 0.3, 0.0),
            ("Buschhausen/Biefang", -0.15, 0.0),
            ("Alsfeld", 0.7, 0.01),
        ],
    ),
    (
        "Sterkrade-Nord",
        "STN",
        [
            ("Walsumer Mark", 0.5, 0.0),
            ("Königshardt", 0.95, 0.0),
            ("Schmachtendorf", 0.85, 0.01),
            ("Holten/Barmingholten", 0.6, -0.01),
        ],
    ),
]

# The Themeninseln of the 2023 World-Café serve as the managed list of Handlungsfelder.
HANDLUNGSFELDER = [
    "Inklusion",
    "Ehrenamt",
    "Gleichstellung",
    "Statistik, Daten und Portale",
    "(Weiter-)Bildung/Kultur",
    "Integration",
    "Übergang Schule-Beruf",
    "Bürgergeld/Bildung und Teilhabe",
    "Sport/Bewegung",
    "Gesundheit",
    "Leben im Alter",
    "Präventionsketten, Familien(grundschul)zentren, Frühe Hilfen",
    "Jugend",
]

# (Kürzel, Name, Art, Funktionspostfach)
BEREICHE = [
    ("0-3", "Bert-Brecht-Bildungszentrum", Bereich.Art.STADTVERWALTUNG, ""),
    ("0-4", "Chancengleichheit", Bereich.Art.STADTVERWALTUNG, ""),
    ("2-5", "Sport", Bereich.Art.STADTVERWALTUNG, ""),
    ("2-6", "Kommunales Integrationszentrum", Bereich.Art.STADTVERWALTUNG, ""),
    ("3-1", "Kinder, Jugend und Familie", Bereich.Art.STADTVERWALTUNG, "jugend@example.org"),
    ("3-2", "Soziales", Bereich.Art.STADTVERWALTUNG, "sozialplanung@example.org"),
    ("3-3", "Schule", Bereich.Art.STADTVERWALTUNG, ""),
    ("3-4", "Gesundheit", Bereich.Art.STADTVERWALTUNG, "gesundheit@example.org"),
    ("4-5", "Integrierte Stadtentwicklung und Statistik", Bereich.Art.STADTVERWALTUNG, ""),
    ("KUSB", "Koordinierungsstelle Übergang Schule-Beruf", Bereich.Art.STADTVERWALTUNG, ""),
    ("JC", "Jobcenter Oberhausen (gemeinsame Einrichtung)", Bereich.Art.EXTERN, ""),
    ("SSB", "Stadtsportbund Oberhausen e.V.", Bereich.Art.EXTERN, ""),
]


@dataclass
class DemoKennzahl:
    name: str
    einheit: str
    definition: str
    quelle: str
    richtung: str
    im_sozialindex: bool
    basis: float
    empfindlichkeit: float  # change per unit of social status (higher status -> value - e*s)
    drift: float = 0.0  # city-wide change per year
    nachkommastellen: int = 1


H, N, NEUTRAL = (
    Kennzahl.Richtung.HOEHER_SCHLECHTER,
    Kennzahl.Richtung.NIEDRIGER_SCHLECHTER,
    Kennzahl.Richtung.NEUTRAL,
)
KENNZAHLEN = [
    DemoKennzahl(
        "Anteil Menschen mit Einwanderungsgeschichte",
        "%",
        "Einwohner*innen mit ausländischer Staatsangehörigkeit oder eigener Zuwanderung, "
        "Anteil an allen Einwohner*innen.",
        "Einwohnermelderegister",
        H,
        True,
        30,
        11,
        0.6,
    ),
    DemoKennzahl(
        "SGB-II-Quote",
        "%",
        "Personen in Bedarfsgemeinschaften nach SGB II, Anteil an der Bevölkerung unter 65 Jahren.",
        "Statistik der Bundesagentur für Arbeit",
        H,
        True,
        14,
        6,
        -0.1,
    ),
    DemoKennzahl(
        "Kinderarmut",
        "%",
        "SGB-II-Quote der Kinder unter 15 Jahren.",
        "Statistik der Bundesagentur für Arbeit",
        H,
        True,
        25,
        11,
        -0.2,
    ),
    DemoKennzahl(
        "Jugendarbeitslosigkeit",
        "%",
        "Arbeitslose unter 25 Jahren je 100 Einwohner*innen von 15 bis unter 25 Jahren.",
        "Statistik der Bundesagentur für Arbeit",
        H,
        True,
        6,
        2.5,
        0.05,
    ),
    DemoKennzahl(
        "Altersarmut",
        "%",
        "Empfänger*innen von Grundsicherung im Alter je 100 Einwohner*innen ab 65 Jahren.",
        "Bereich Soziales",
        H,
        True,
        6,
        2.8,
        0.15,
    ),
    DemoKennzahl(
        "Alleinerziehende",
        "%",
        "Haushalte von Alleinerziehenden, Anteil an allen Haushalten mit Kindern.",
        "Haushaltegenerierung aus dem Melderegister",
        H,
        True,
        22,
        6,
        0.1,
    ),
    DemoKennzahl(
        "Kinderreiche Haushalte",
        "%",
        "Haushalte mit drei und mehr Kindern, Anteil an allen Haushalten mit Kindern.",
        "Haushaltegenerierung aus dem Melderegister",
        H,
        True,
        12,
        4,
        0.05,
    ),
    DemoKennzahl(
        "Einwohner*innen",
        "Personen",
        "Einwohner*innen mit Hauptwohnsitz am 31.12.",
        "Einwohnermelderegister",
        NEUTRAL,
        False,
        0,
        0,
        nachkommastellen=0,
    ),
    DemoKennzahl(
        "Anteil ab 65 Jahren",
        "%",
        "Einwohner*innen ab 65 Jahren, Anteil an allen.",
        "Einwohnermelderegister",
        NEUTRAL,
        False,
        21,
        -2.5,
        0.1,
    ),
    DemoKennzahl(
        "Hilfen zur Erziehung",
        "je 100 unter 21 J.",
        "Laufende Hilfen zur Erziehung je 100 Einwohner*innen unter 21 Jahren.",
        "Bereich Kinder, Jugend und Familie",
        H,
        False,
        3.5,
        1.4,
        0.02,
        2,
    ),
    DemoKennzahl(
        "Fehlende Früherkennungsuntersuchungen (U8/U9)",
        "%",
        "Kinder ohne Nachweis der U8 oder U9 bei der Schuleingangsuntersuchung.",
        "Bereich Gesundheit",
        H,
        False,
        9,
        4,
        0.0,
    ),
    DemoKennzahl(
        "Übergangsquote Gymnasium",
        "%",
        "Übergänge von der Grundschule auf ein Gymnasium, Anteil an allen Übergängen.",
        "Bereich Schule",
        N,
        False,
        38,
        -9,
        0.2,
    ),
]

# username -> (Vorname, Nachname, Funktion, Sozialplanung, Lesend, [(Bereich, Rolle)], staff, superuser)
L, M = Mitgliedschaft.Rolle.LEITUNG, Mitgliedschaft.Rolle.MITARBEIT
BENUTZER = {
    "sozialplanung": ("Svenja", "Albers", "Sozialplanerin", True, False, [], True, False),
    "fb-jugend": (
        "Jonas",
        "Becker",
        "Jugendhilfeplanung",
        False,
        False,
        [("3-1", M)],
        False,
        False,
    ),
    "bl-jugend": (
        "Katrin",
        "Jansen",
        "Bereichsleitung Kinder, Jugend und Familie",
        False,
        False,
        [("3-1", L)],
        False,
        False,
    ),
    "fb-gesundheit": (
        "Mehmet",
        "Yilmaz",
        "Gesundheitsplanung",
        False,
        False,
        [("3-4", M)],
        False,
        False,
    ),
    "bl-gesundheit": (
        "Andrea",
        "Krüger",
        "Bereichsleitung Gesundheit",
        False,
        False,
        [("3-4", L)],
        False,
        False,
    ),
    "lesend": ("Lena", "Richter", "Geschäftsstelle Sozialausschuss", False, True, [], False, False),
    "admin": ("Administration", "", "IT-Administration", False, False, [], True, True),
}
STATISTIKPFLEGE = "Statistikpflege"


def laden() -> None:
    """Master data: Bereiche, Handlungsfelder, Sozialräume and -quartiere, Kennzahlen with
    their invented values, and the demo users with their roles."""
    with transaction.atomic():
        bereiche = _bereiche()
        _handlungsfelder()
        quartiere = _sozialraeume()
        _kennzahlwerte(quartiere)
        _benutzer(bereiche)


def zusammenfassung() -> str:
    return (
        f"{Sozialraum.objects.count()} Sozialräume, {Sozialquartier.objects.count()} "
        f"Sozialquartiere, {Bereich.objects.count()} Bereiche, {Kennzahl.objects.count()} "
        f"Kennzahlen, {Kennzahlwert.objects.count()} Kennzahlwerte (Beispieldaten), "
        f"{len(BENUTZER)} Demo-Benutzer*innen"
    )


def _handlungsfelder() -> None:
    for i, name in enumerate(HANDLUNGSFELDER, 1):
        Handlungsfeld.objects.update_or_create(
            name=name, defaults={"reihenfolge": i, "aktiv": True}
        )


def _bereiche() -> dict[str, Bereich]:
    ergebnis = {}
    for code, name, art, email in BEREICHE:
        ergebnis[code], _ = Bereich.objects.update_or_create(
            code=code, defaults={"name": name, "art": art, "email": email, "aktiv": True}
        )
    return ergebnis


def _sozialraeume() -> list[tuple[Sozialquartier, float, float]]:
    quartiere = []
    for i, (name, kurz, qs) in enumerate(SOZIALRAEUME, 1):
        raum, _ = Sozialraum.objects.update_or_create(
            kurzname=kurz, defaults={"name": name, "reihenfolge": i, "aktiv": True}
        )
        for j, (qname, status, trend) in enumerate(qs, 1):
            q, _ = Sozialquartier.objects.update_or_create(
                name=qname, defaults={"sozialraum": raum, "reihenfolge": j, "aktiv": True}
            )
            quartiere.append((q, status, trend))
    return quartiere


def _kennzahlwerte(quartiere) -> None:
    kennzahlen = {}
    for i, k in enumerate(KENNZAHLEN, 1):
        kennzahlen[k.name], _ = Kennzahl.objects.update_or_create(
            name=k.name,
            defaults={
                "einheit": k.einheit,
                "definition": k.definition,
                "quelle": k.quelle,
                "richtung": k.richtung,
                "im_sozialindex": k.im_sozialindex,
                "nachkommastellen": k.nachkommastellen,
                "reihenfolge": i,
            },
        )
    zufall = random.Random(2023)  # fixed seed: the same figures on every load
    einwohner = {q.pk: zufall.randint(6_000, 14_000) for q, _, _ in quartiere}

    soll: dict[tuple[int, int | None, int | None, int], Decimal] = {}
    for jahr in JAHRE:
        t = jahr - JAHRE.start
        # Per Kennzahl: (value * population) sums per Sozialraum and city, for weighted means.
        for dk in KENNZAHLEN:
            k = kennzahlen[dk.name]
            raum_summe: dict[int, list[float]] = {}
            stadt = [0.0, 0.0]
            for q, status, trend in quartiere:
                bev = einwohner[q.pk] * (1 + 0.004 * t * (1 if status > 0 else -0.5))
                if dk.richtung == NEUTRAL and dk.basis == 0:
                    wert = round(bev)
                else:
                    s = status + trend * t
                    wert = dk.basis + dk.drift * t - dk.empfindlichkeit * s
                    wert += zufall.gauss(0, abs(dk.empfindlichkeit) * 0.06 + 0.05)
                    wert = max(wert, 0.1)
                wert = round(wert, dk.nachkommastellen)
                soll[(k.pk, q.pk, None, jahr)] = Decimal(str(wert))
                summe = raum_summe.setdefault(q.sozialraum_id, [0.0, 0.0])
                if dk.basis == 0:  # a count: sums, not means
                    summe[0] += wert
                    summe[1] = 1
                    stadt[0] += wert
                    stadt[1] = 1
                else:
                    summe[0] += wert * bev
                    summe[1] += bev
                    stadt[0] += wert * bev
                    stadt[1] += bev
            for raum_id, (a, b) in raum_summe.items():
                soll[(k.pk, None, raum_id, jahr)] = Decimal(str(round(a / b, dk.nachkommastellen)))
            soll[(k.pk, None, None, jahr)] = Decimal(
                str(round(stadt[0] / stadt[1], dk.nachkommastellen))
            )

    vorhanden = {
        (w.kennzahl_id, w.sozialquartier_id, w.sozialraum_id, w.jahr): w
        for w in Kennzahlwert.objects.filter(kennzahl__in=kennzahlen.values(), jahr__in=JAHRE)
    }
    neu, geaendert = [], []
    for schluessel, wert in soll.items():
        w = vorhanden.get(schluessel)
        if w is None:
            k_id, q_id, r_id, jahr = schluessel
            neu.append(
                Kennzahlwert(
                    kennzahl_id=k_id,
                    sozialquartier_id=q_id,
                    sozialraum_id=r_id,
                    jahr=jahr,
                    wert=wert,
                    beispieldaten=True,
                )
            )
        elif w.wert != wert or not w.beispieldaten:
            w.wert, w.beispieldaten = wert, True
            geaendert.append(w)
    Kennzahlwert.objects.bulk_create(neu, batch_size=500)
    Kennzahlwert.objects.bulk_update(geaendert, ["wert", "beispieldaten"], batch_size=500)


def _benutzer(bereiche: dict[str, Bereich]) -> None:
    statistikpflege, _ = Group.objects.get_or_create(name=STATISTIKPFLEGE)
    statistikpflege.permissions.set(
        Permission.objects.filter(
            content_type__app_label="stammdaten",
            content_type__model__in=["kennzahl", "kennzahlwert"],
        )
    )
    for username, (vor, nach, funktion, sp, lesend, rollen, staff, superuser) in BENUTZER.items():
        user, _ = User.objects.update_or_create(
            username=username,
            defaults={
                "first_name": vor,
                "last_name": nach,
                "funktion": funktion,
                "email": f"{username}@example.org",
                "ist_sozialplanung": sp,
                "ist_lesend": lesend,
                "is_staff": staff,
                "is_superuser": superuser,
                "is_active": True,
            },
        )
        if not user.check_password(DEMO_PASSWORT):
            user.set_password(DEMO_PASSWORT)
            user.save(update_fields=["password"])
        soll = {bereiche[code].pk: rolle for code, rolle in rollen}
        user.mitgliedschaften.exclude(bereich_id__in=soll).delete()
        for bereich_id, rolle in soll.items():
            Mitgliedschaft.objects.update_or_create(
                user=user, bereich_id=bereich_id, defaults={"rolle": rolle}
            )
        if username == "sozialplanung":
            user.groups.add(statistikpflege)
