"""Charts of the statistics (Sozialindex, a Sozialraum against the city), drawn with the
primitives of `core.charts`, so page and PDF show the same picture."""

from __future__ import annotations

import math

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors

from core.charts import ACHSENFARBE, SCHRIFT, STATUSFARBEN, TEXTFARBE, Balken, balken_mit_marke


def sozialindex_diagramm(index) -> Drawing:
    """Status as bars (coloured by class), Dynamik as diamonds, areas sorted by Status."""
    zeilen = sorted(index.zeilen, key=lambda z: (z.status is None, z.status or 0))
    return balken_mit_marke(
        [Balken(str(z.gebiet), z.status, z.status_klasse, z.dynamik) for z in zeilen],
        legende_balken=f"Balken: Status {index.jahr} (Stadt = 0; negativ = ungünstiger)",
        legende_marke=f"Raute: Dynamik {index.basisjahr}–{index.jahr}",
    )


def abweichung_diagramm(vergleich) -> Drawing:
    """Each valued Kennzahl of a Sozialraum against the city, in percent of the city value;
    bars to the right mean more need (direction taken from the Kennzahl)."""
    zeilen = []
    for z in vergleich:
        if z.abweichung is None or not z.stadt:
            continue
        prozent = float(z.abweichung / abs(z.stadt) * 100)
        if not z.kennzahl.hoeher_ist_schlechter:
            prozent = -prozent
        zeilen.append((z.kennzahl.name, prozent, z.auffaellig))
    zeilenhoehe, oben, unten, links, breite = 16, 10, 40, 230, 480
    hoehe = oben + unten + zeilenhoehe * max(len(zeilen), 1)
    d = Drawing(breite, hoehe)
    groesste = max([abs(p) for _, p, _ in zeilen] + [10.0])
    skala = math.ceil(groesste / 10) * 10
    plot = breite - links - 20
    null_x = links + plot / 2

    def x(wert: float) -> float:
        return null_x + wert / skala * plot / 2

    for wert in (-skala, -skala / 2, 0, skala / 2, skala):
        gx = x(wert)
        d.add(
            Line(
                gx,
                unten - 4,
                gx,
                hoehe - oben,
                strokeColor=colors.HexColor("#e4e7eb"),
                strokeWidth=0.5,
            )
        )
        d.add(
            String(
                gx,
                unten - 16,
                f"{wert:+.0f} %".replace("+0 %", "0 %"),
                fontName=SCHRIFT,
                fontSize=8,
                fillColor=ACHSENFARBE,
                textAnchor="middle",
            )
        )
    d.add(Line(null_x, unten - 4, null_x, hoehe - oben, strokeColor=ACHSENFARBE, strokeWidth=1))
    for i, (name, prozent, auffaellig) in enumerate(zeilen):
        y = hoehe - oben - (i + 1) * zeilenhoehe + 3
        d.add(
            String(
                links - 6,
                y + 2,
                name[:44],
                fontName=SCHRIFT,
                fontSize=8,
                fillColor=TEXTFARBE,
                textAnchor="end",
            )
        )
        x0, x1 = sorted((null_x, x(prozent)))
        farbe = STATUSFARBEN["sehr niedrig"] if auffaellig else STATUSFARBEN["mittel"]
        d.add(Rect(x0, y, max(x1 - x0, 0.8), 10, fillColor=farbe, strokeColor=None))
    d.add(
        String(
            links,
            6,
            "Abweichung vom Wert der Stadt in %: rechts = mehr Unterstützungsbedarf; "
            "dunkelrot = auffällig",
            fontName=SCHRIFT,
            fontSize=7.5,
            fillColor=TEXTFARBE,
        )
    )
    return d
