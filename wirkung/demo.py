"""Demo Wirkungsziele on published items: Kennzahl goals on the demo's Kennzahlen (whose
values are Beispieldaten), own indicators with Beispieldaten actuals over several years, one on
course, one off course, one with no data yet, and one item already assessed."""

from __future__ import annotations

from decimal import Decimal

from empfehlungen.models import Empfehlungsstatus, Handlungsempfehlung
from freigabe.models import Freigabestatus
from stammdaten.models import Kennzahl, Kennzahlwert, User
from wirkung import selectors, services
from wirkung.models import Istwert, Wirkungspruefung, Wirkungsziel

VEROEFFENTLICHT = [
    Freigabestatus.VEROEFFENTLICHT,
    Empfehlungsstatus.IN_UMSETZUNG,
    Empfehlungsstatus.UMGESETZT,
]
HINWEIS = "Beispieldaten der Demo: Ziel und Werte sind erfunden."


def _werte(kennzahl, sozialraum) -> dict[int, Decimal]:
    return dict(
        Kennzahlwert.objects.filter(
            kennzahl=kennzahl, sozialraum=sozialraum, sozialquartier=None
        ).values_list("jahr", "wert")
    )


def _kennzahl_ziel(empfehlung, kennzahl, raum, werte, *, auf_kurs: bool) -> Wirkungsziel:
    """A goal to lower a "higher is worse" figure; on course or not depending on the path."""
    basis_jahr, letztes = min(werte), max(werte)
    basis, ist = werte[basis_jahr], werte[letztes]
    ziel_jahr = letztes + 2
    anteil = Decimal(letztes - basis_jahr) / Decimal(ziel_jahr - basis_jahr)
    if auf_kurs:  # fell: the target is a bit further down the same path
        ziel = basis - (basis - ist) / (anteil * Decimal("1.15"))
    else:  # rose or stayed: the target still asks for a fall
        ziel = basis - max(basis * Decimal("0.1"), Decimal("0.5"))
    return Wirkungsziel.objects.create(
        empfehlung=empfehlung,
        bezeichnung=kennzahl.name,
        art=Wirkungsziel.Art.GESELLSCHAFTLICH,
        quelle=Wirkungsziel.Quelle.KENNZAHL,
        richtung=Wirkungsziel.Richtung.SINKEN,
        kennzahl=kennzahl,
        sozialraum=raum,
        basis_jahr=basis_jahr,
        basis_wert=basis,
        ziel_jahr=ziel_jahr,
        ziel_wert=ziel.quantize(Decimal("0.1")),
        beschreibung=HINWEIS,
        fassung=empfehlung.fassung,
    )


def laden() -> None:
    if Wirkungsziel.objects.exists():
        return
    sp = User.objects.filter(username="sozialplanung").first()
    empfehlungen = list(
        Handlungsempfehlung.objects.filter(status__in=VEROEFFENTLICHT, stadtweit=False)
        .prefetch_related("sozialraeume")
        .order_by("pk")
    )
    kennzahlen = list(Kennzahl.objects.filter(richtung=Kennzahl.Richtung.HOEHER_SCHLECHTER))
    if sp is None or len(empfehlungen) < 3 or not kennzahlen:
        return
    # A falling and a rising figure among the items' Sozialräume, for "auf Kurs" and "nicht".
    gefunden: dict[bool, tuple] = {}
    for empfehlung in empfehlungen:
        for raum in empfehlung.sozialraeume.all():
            for kennzahl in kennzahlen:
                werte = _werte(kennzahl, raum)
                if len(werte) < 3:
                    continue
                gefallen = werte[max(werte)] < werte[min(werte)]
                gefunden.setdefault(gefallen, (empfehlung, kennzahl, raum, werte))
        if len(gefunden) == 2:
            break
    for auf_kurs, (empfehlung, kennzahl, raum, werte) in gefunden.items():
        _kennzahl_ziel(empfehlung, kennzahl, raum, werte, auf_kurs=auf_kurs)

    erste, zweite = empfehlungen[0], empfehlungen[1]
    eigenes = Wirkungsziel.objects.create(
        empfehlung=erste,
        bezeichnung="Beratungsgespräche im Jahr",
        art=Wirkungsziel.Art.LEISTUNG,
        quelle=Wirkungsziel.Quelle.EIGEN,
        richtung=Wirkungsziel.Richtung.STEIGEN,
        einheit="Gespräche",
        basis_jahr=2021,
        basis_wert=Decimal(120),
        ziel_jahr=2026,
        ziel_wert=Decimal(300),
        beschreibung=HINWEIS,
        fassung=erste.fassung,
    )
    for jahr, wert in ((2022, 150), (2023, 190), (2024, 235), (2025, 275)):
        Istwert.objects.create(
            ziel=eigenes, jahr=jahr, wert=Decimal(wert), herkunft="Beispieldaten", erfasst_von=sp
        )
    Wirkungsziel.objects.create(
        empfehlung=zweite,
        bezeichnung="Familien, die das Angebot nach einem Jahr noch nutzen",
        art=Wirkungsziel.Art.WIRKUNG,
        quelle=Wirkungsziel.Quelle.EIGEN,
        richtung=Wirkungsziel.Richtung.STEIGEN,
        einheit="%",
        basis_jahr=2025,
        basis_wert=Decimal(40),
        ziel_jahr=2028,
        ziel_wert=Decimal(60),
        beschreibung=HINWEIS + " Erste Istwerte kommen mit der Jahresstatistik 2026.",
        fassung=zweite.fassung,
    )
    Wirkungsziel.objects.create(
        empfehlung=zweite,
        bezeichnung="Träger im Stadtteil arbeiten abgestimmt",
        art=Wirkungsziel.Art.WIRKUNG,
        quelle=Wirkungsziel.Quelle.QUALITATIV,
        beschreibung="Die Träger treffen sich vierteljährlich und verabreden Zuständigkeiten. "
        + HINWEIS,
        fassung=zweite.fassung,
    )
    # One item assessed already, with its figures frozen.
    services.wirkung_pruefen(
        user=sp,
        gegenstand=erste,
        urteil="teilweise",
        begruendung="Die Beratungsgespräche nehmen zu und liegen auf Kurs; eine Wirkung auf "
        "die Kennzahlen des Sozialraums ist noch nicht sicher von der Entwicklung der Stadt zu "
        "trennen. (Beispieldaten)",
    )


def zusammenfassung() -> str:
    auswertungen = selectors.auswerten(
        list(
            Wirkungsziel.objects.select_related(
                "kennzahl", "sozialraum", "sozialquartier"
            ).prefetch_related("istwerte")
        )
    )
    zaehler = selectors.zaehlen(auswertungen)
    teile = ", ".join(f"{n} {z}" for z, n in zaehler.items() if n)
    return (
        f"{len(auswertungen)} Wirkungsziele ({teile}), "
        f"{Wirkungspruefung.objects.count()} Wirkungsprüfung"
    )
