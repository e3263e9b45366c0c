"""What Wirkung adds to other rooms' pages (registered in apps.py)."""

from __future__ import annotations

from core import charts
from wirkung import rechnen, selectors
from wirkung.models import Wirkungspruefung


def diagramm(a: selectors.Auswertung, kennung: str) -> str | None:
    z = a.ziel
    if z.basis_jahr is None or z.ziel_jahr is None or z.basis_wert is None or z.ziel_wert is None:
        return None
    werte = {
        "basis": (z.basis_jahr, float(z.basis_wert)),
        "ziel": (z.ziel_jahr, float(z.ziel_wert)),
        "ist": [(p.zeit, float(p.wert)) for p in a.reihe],
        "stadt": [(p.zeit, float(p.wert)) for p in a.stadt] if not z.ist_stadt else [],
        "einheit": a.einheit,
    }
    return charts.svg_gemerkt(
        ("zielverlauf", werte),
        lambda: charts.zielverlauf(**werte),
        titel=f"{z.bezeichnung}: Soll und Ist",
        beschreibung="Gestrichelt der geplante Weg vom Ausgangs- zum Zielwert, durchgezogen die "
        "Istwerte"
        + (", gepunktet die ganze Stadt" if a.stadt and not z.ist_stadt else "")
        + "; die Zahlen stehen in der Tabelle darunter.",
        kennung=kennung,
    )


def wirkung_des_eintrags(request, gegenstand) -> dict | None:
    """On an Empfehlung's or Steckbrief's page: its goals, their state, charts and tables, the
    assessments; the forms' links for those who may use them."""
    auswertungen = selectors.auswerten(selectors.ziele_von([gegenstand]))
    pruefungen = selectors.pruefungen_von(gegenstand)
    aenderungen = selectors.aenderungen([a.ziel for a in auswertungen])
    darf_bearbeiten = request.user.has_perm("wirkung.ziele_bearbeiten", gegenstand)
    if not auswertungen and not pruefungen and not darf_bearbeiten:
        return None
    return {
        "gegenstand": gegenstand,
        "eintraege": [
            (
                a,
                diagramm(a, f"wirkung-{a.ziel.pk}"),
                [(p.zeitraum, a.z(p.wert), _stadtwert(a, p)) for p in a.reihe],
                aenderungen.get(a.ziel.pk, []),
            )
            for a in auswertungen
        ],
        "pruefungen": pruefungen,
        "regel": rechnen.REGEL,
        "regel_stadt": rechnen.REGEL_STADT,
        "darf_bearbeiten": darf_bearbeiten and gegenstand.bearbeitbar,
        "gesperrt": darf_bearbeiten and not gegenstand.bearbeitbar,
        "darf_melden": request.user.has_perm("wirkung.istwerte_melden", gegenstand),
        "darf_pruefen": request.user.has_perm("wirkung.pruefen", gegenstand),
        "zusammenfassung": zusammenfassung(auswertungen),
    }


def zusammenfassung(auswertungen) -> str:
    zaehler = selectors.zaehlen(auswertungen)
    teile = [f"{n} {zustand}" for zustand, n in zaehler.items() if n]
    n = len(auswertungen)
    return f"{n} Wirkungsziel{'e' if n != 1 else ''}: " + ", ".join(teile) + "."


def _stadtwert(a: selectors.Auswertung, punkt) -> str:
    stadt = {p.jahr: p.wert for p in a.stadt}
    return a.z(stadt.get(punkt.jahr)) if a.stadt and punkt.quartal is None else "–"


def pruefung_der_anregung(request, anregung) -> dict | None:
    """In an Anregung's "Herkunft": the Wirkungsprüfung it came from."""
    pruefung = (
        Wirkungspruefung.objects.filter(anregung=anregung)
        .select_related("empfehlung", "steckbrief")
        .first()
    )
    return {"pruefung": pruefung} if pruefung else None
