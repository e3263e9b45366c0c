"""The accessible HTML edition of a Strategiepapier: the same content as the PDF, built from
the same items at the same moment and frozen with it at publication. reportlab cannot write a
tagged PDF (PDF/UA); this edition is what screen-reader users read (BITV 2.0): real headings,
tables with header cells, the chart's figures as a table."""

from __future__ import annotations

from collections import defaultdict

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from stammdaten import selectors, sozialindex


def _zahl(wert, stellen: int) -> str:
    if wert is None:
        return "–"
    return f"{wert:,.{stellen}f}".replace(",", "X").replace(".", ",").replace("X", ".")


def erzeugen(papier, *, empfehlungen, steckbriefe, anzahl_anregungen: dict[int, int]) -> str:
    """The edition as an HTML fragment (from the h1 on), escaped by the template."""
    jahr = selectors.neuestes_jahr()
    analyse = None
    if jahr:
        vergleich = selectors.kennzahlen_vergleich(papier.sozialraum, jahr)
        index = sozialindex.berechnen(jahr=jahr, sozialraum=papier.sozialraum)
        analyse = {
            "jahr": jahr,
            "beispieldaten": selectors.beispieldaten_im_jahr(jahr),
            "kennzahlen": [
                {
                    "name": f"{z.kennzahl.name} ({z.kennzahl.einheit})",
                    "wert": _zahl(z.wert, z.kennzahl.nachkommastellen),
                    "stadt": _zahl(z.stadt, z.kennzahl.nachkommastellen),
                    "rang": f"{z.rang} von {z.anzahl}" if z.rang else "–",
                    "auffaellig": z.auffaellig,
                    # The chart's bar: deviation from the city in percent of the city value.
                    "abweichung": (
                        _zahl(z.abweichung / abs(z.stadt) * 100, 1) + " %"
                        if z.abweichung is not None and z.stadt
                        else "–"
                    ),
                }
                for z in vergleich
            ],
            "basisjahr": index.basisjahr,
            "quartiere": [
                {
                    "name": z.gebiet.name,
                    "status": _zahl(z.status, 2),
                    "klasse": z.status_klasse,
                    "dynamik": _zahl(z.dynamik, 2),
                    "entwicklung": z.dynamik_klasse,
                }
                for z in index.zeilen
            ],
        }
    gruppen: dict[str, list] = defaultdict(list)
    for e in empfehlungen:
        gruppen[e.handlungsfeld.name if e.handlungsfeld_id else "Ohne Handlungsfeld"].append(e)
    return render_to_string(
        "strategiepapier/ausgabe.html",
        {
            "papier": papier,
            "stadt": settings.STADT_NAME,
            "datum": timezone.localdate(),
            "analyse": analyse,
            "steckbriefe": steckbriefe,
            "gruppen": sorted(gruppen.items()),
            "anhang": [(e, anzahl_anregungen.get(e.pk, 0)) for e in empfehlungen],
        },
    )
