"""What the World-Café adds to other rooms' pages (registered in apps.py)."""

from __future__ import annotations

from django.conf import settings

from core import charts
from weltcafe import selectors
from weltcafe.models import Karte


def bekanntheit_des_angebots(request, steckbrief) -> dict | None:
    """On a Steckbrief's page: its rates per Sozialraum and round from the World-Café dots,
    as chart and table; two queries whatever the number of rounds."""
    if not request.user.has_perm("weltcafe.ansehen"):
        return None
    werte = selectors.bekanntheit(steckbrief_ids=[steckbrief.pk])
    if not werte:
        return None
    runden, zeilen = selectors.als_tabelle(werte)
    quoten = [charts.Quote(f"{b.ort}, Runde {b.runde}", b.quote, b.n, b.unsicher) for b in werte]
    return {
        "runden": runden,
        "zeilen": zeilen,
        "min_antworten": settings.BEKANNTHEIT_MIN_ANTWORTEN,
        "svg": charts.svg_gemerkt(
            ("quoten_balken", quoten),
            lambda: charts.quoten_balken(quoten),
            titel=f"Bekanntheit von „{steckbrief.titel}“",
            beschreibung="Anteil der Ja-Punkte je Sozialraum und Runde; Zahlen in der "
            "Tabelle darunter.",
            kennung="bekanntheit",
        ),
    }


def zur_veranstaltung(request, veranstaltung) -> dict | None:
    """On a Veranstaltung's page: the way to its World-Café pages and documentation."""
    if not request.user.has_perm("weltcafe.ansehen"):
        return None
    return {"veranstaltung": veranstaltung}


def karte_der_anregung(request, anregung) -> dict | None:
    """In an Anregung's "Herkunft": the World-Café card it was taken from."""
    karte = Karte.objects.filter(anregung=anregung).select_related("themeninsel").first()
    if karte is None:
        return None
    return {"karte": karte, "darf_lesen": request.user.has_perm("weltcafe.bearbeiten")}
