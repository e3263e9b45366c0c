"""The one chart module: each chart is drawn once as a reportlab Drawing, then rendered for the
web (SVG) and for PDFs (the Drawing is a flowable), so page and report never disagree.

Colour is never the only carrier of meaning: every chart sits beside a table with the figures.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from xml.sax.saxutils import escape

from reportlab.graphics import renderSVG
from reportlab.graphics.shapes import Drawing, Line, Polygon, Rect, String
from reportlab.lib import colors

SCHRIFT = "Helvetica"
TEXTFARBE = colors.HexColor("#1f2933")
ACHSENFARBE = colors.HexColor("#52606d")

STATUSFARBEN = {
    "sehr niedrig": colors.HexColor("#a50f15"),
    "niedrig": colors.HexColor("#d4542a"),
    "mittel": colors.HexColor("#6b7280"),
    "hoch": colors.HexColor("#2b7a3b"),
    "–": colors.HexColor("#cbd2d9"),
}


@dataclass
class Balken:
    beschriftung: str
    wert: float | None
    klasse: str
    marke: float | None = None  # a second value shown as a diamond on the same scale


def _skala(werte: list[float]) -> float:
    groesste = max([abs(w) for w in werte] + [1.0])
    return math.ceil(groesste * 2) / 2


def balken_mit_marke(
    balken: list[Balken], *, legende_balken: str, legende_marke: str, breite: int = 560
) -> Drawing:
    """Horizontal bars around zero (the city), coloured by class, with an optional marker."""
    zeilenhoehe, oben, unten, links = 16, 10, 62, 190
    hoehe = oben + unten + zeilenhoehe * max(len(balken), 1)
    d = Drawing(breite, hoehe)
    werte = [b.wert for b in balken if b.wert is not None] + [
        b.marke for b in balken if b.marke is not None
    ]
    skala = _skala(werte)
    plot_breite = breite - links - 20
    null_x = links + plot_breite / 2

    def x(wert: float) -> float:
        return null_x + (wert / skala) * (plot_breite / 2)

    # Grid and axis labels every 0.5 standard deviations.
    schritt = 0.5 if skala <= 2 else 1.0
    n = int(skala / schritt)
    for i in range(-n, n + 1):
        wert = i * schritt
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
                f"{wert:+.1f}".replace(".", ",").replace("+0,0", "0"),
                fontName=SCHRIFT,
                fontSize=8,
                fillColor=ACHSENFARBE,
                textAnchor="middle",
            )
        )
    d.add(Line(null_x, unten - 4, null_x, hoehe - oben, strokeColor=ACHSENFARBE, strokeWidth=1))

    for i, b in enumerate(balken):
        y = hoehe - oben - (i + 1) * zeilenhoehe + 3
        d.add(
            String(
                links - 6,
                y + 2,
                b.beschriftung[:34],
                fontName=SCHRIFT,
                fontSize=8,
                fillColor=TEXTFARBE,
                textAnchor="end",
            )
        )
        if b.wert is not None:
            x0, x1 = sorted((null_x, x(b.wert)))
            d.add(
                Rect(
                    x0,
                    y,
                    max(x1 - x0, 0.8),
                    10,
                    fillColor=STATUSFARBEN.get(b.klasse),
                    strokeColor=None,
                )
            )
        if b.marke is not None:
            mx, my = x(b.marke), y + 5
            d.add(
                Polygon(
                    [mx, my + 5, mx + 4, my, mx, my - 5, mx - 4, my],
                    fillColor=colors.black,
                    strokeColor=colors.white,
                    strokeWidth=0.8,
                )
            )

    # Legend.
    lx, ly = links, 14
    for klasse_name in ["sehr niedrig", "niedrig", "mittel", "hoch"]:
        d.add(Rect(lx, ly, 10, 8, fillColor=STATUSFARBEN[klasse_name], strokeColor=None))
        d.add(
            String(lx + 13, ly + 1, klasse_name, fontName=SCHRIFT, fontSize=8, fillColor=TEXTFARBE)
        )
        lx += 75
    d.add(String(links, ly + 14, legende_balken, fontName=SCHRIFT, fontSize=8, fillColor=TEXTFARBE))
    mx = links + 310
    d.add(Polygon([mx, ly + 9, mx + 4, ly + 4, mx, ly - 1, mx - 4, ly + 4], fillColor=colors.black))
    d.add(String(mx + 8, ly + 1, legende_marke, fontName=SCHRIFT, fontSize=8, fillColor=TEXTFARBE))
    return d


def als_svg(drawing: Drawing, *, titel: str, beschreibung: str = "") -> str:
    """SVG for the web, with a real title and description for assistive technology."""
    svg = renderSVG.drawToString(drawing)
    return svg.replace("<title>...</title>", f"<title>{escape(titel)}</title>", 1).replace(
        "<desc>...</desc>", f"<desc>{escape(beschreibung)}</desc>", 1
    )


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
