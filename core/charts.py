"""The one chart module: each chart is drawn once as a reportlab Drawing, then rendered for the
web (SVG) and for PDFs (the Drawing is a flowable), so page and report never disagree.

Colour is never the only carrier of meaning: every chart sits beside a table with the figures.
"""

from __future__ import annotations

import itertools
import math
import re
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from xml.sax.saxutils import escape

from reportlab.graphics import renderSVG
from reportlab.graphics.shapes import Circle, Drawing, Line, Polygon, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

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


def prozent_gerundet(anteil: float) -> int:
    """Percent as German readers round: half up (Python's round() goes to the even number)."""
    return int(Decimal(str(anteil * 100)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


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


# --- Controlling: counts per category (Umsetzungsstatus, Ampel) ---------------------------------
HELLGRAU = colors.HexColor("#e4e7eb")
RASTER = colors.HexColor("#e4e7eb")

# Keys are the values stored on the Sachstandsmeldung; "keine" = no Meldung submitted.
UMSETZUNGSFARBEN = {
    "nicht_begonnen": colors.HexColor("#9aa5b1"),
    "in_umsetzung": colors.HexColor("#2f6db5"),
    "umgesetzt": colors.HexColor("#2b7a3b"),
    "verzoegert": colors.HexColor("#e0a100"),
    "gestoppt": colors.HexColor("#a50f15"),
    "keine": HELLGRAU,
}
AMPELFARBEN = {
    "gruen": colors.HexColor("#2b7a3b"),
    "gelb": colors.HexColor("#f2c230"),
    "rot": colors.HexColor("#a50f15"),
    "keine": HELLGRAU,
}
# The trend tells its lines apart by marker and dash too, not by colour alone.
AMPELMARKEN = {"gruen": "kreis", "gelb": "quadrat", "rot": "dreieck", "keine": "raute"}
AMPELSTRICHE = {"gruen": None, "gelb": [6, 3], "rot": [2, 2], "keine": [1, 3]}


def _hell(farbe) -> bool:
    return 0.299 * farbe.red + 0.587 * farbe.green + 0.114 * farbe.blue > 0.6


def _schritt(groesstes: int, teile: int = 6) -> int:
    """A round tick distance (1, 2, 5, 10, 20, 50, …) giving at most `teile` ticks."""
    basis = 1
    while True:
        for faktor in (1, 2, 5):
            if basis * faktor * teile >= groesstes:
                return basis * faktor
        basis *= 10


def _gekuerzt(text: str, breite: float, groesse: float = 8) -> str:
    if stringWidth(text, SCHRIFT, groesse) <= breite:
        return text
    while text and stringWidth(text + "…", SCHRIFT, groesse) > breite:
        text = text[:-1]
    return text.rstrip() + "…"


def _legende(d: Drawing, kategorien, farben, x: float, y: float, breite: float, **extra) -> None:
    """Legend with text, wrapping to further lines (from y downwards)."""
    start = x
    for schluessel, name in kategorien:
        bedarf = 16 + stringWidth(name, SCHRIFT, 8) + 14
        if x + bedarf > start + breite and x > start:
            x, y = start, y - 13
        if extra.get("marken"):
            d.add(
                Line(
                    x,
                    y + 4,
                    x + 14,
                    y + 4,
                    strokeColor=farben[schluessel],
                    strokeWidth=1.5,
                    strokeDashArray=AMPELSTRICHE.get(schluessel),
                )
            )
            _marke(d, extra["marken"][schluessel], x + 7, y + 4, farben[schluessel])
        else:
            d.add(
                Rect(
                    x,
                    y,
                    10,
                    8,
                    fillColor=farben[schluessel],
                    strokeColor=ACHSENFARBE,
                    strokeWidth=0.3,
                )
            )
        d.add(String(x + 16, y + 1, name, fontName=SCHRIFT, fontSize=8, fillColor=TEXTFARBE))
        x += bedarf


def _legende_hoehe(kategorien, breite: float) -> float:
    zeilen, x = 1, 0.0
    for _, name in kategorien:
        bedarf = 16 + stringWidth(name, SCHRIFT, 8) + 14
        if x + bedarf > breite and x > 0:
            zeilen, x = zeilen + 1, 0.0
        x += bedarf
    return zeilen * 13


def _segment_zahl(d: Drawing, x: float, y: float, breite: float, hoehe: float, n: int, farbe):
    """The count written into its segment when it fits: the figure, not only the colour."""
    text = str(n)
    if breite >= 6 * len(text) + 4 and hoehe >= 9:
        d.add(
            String(
                x + breite / 2,
                y + hoehe / 2 - 3,
                text,
                fontName=SCHRIFT,
                fontSize=7.5,
                fillColor=TEXTFARBE if _hell(farbe) else colors.white,
                textAnchor="middle",
            )
        )


def gestapelte_balken(
    zeilen: list[tuple[str, list[int]]],
    kategorien: list[tuple[str, str]],
    farben: dict,
    *,
    achse: str,
    breite: int = 560,
) -> Drawing:
    """Horizontal stacked bars: one row per label, one segment per category (in order)."""
    zeilenhoehe, oben, links, rechts = 18, 8, 150, 16
    legende = _legende_hoehe(kategorien, breite - links)
    unten = 34 + legende
    hoehe = oben + unten + zeilenhoehe * max(len(zeilen), 1)
    d = Drawing(breite, hoehe)
    groesstes = max([sum(w) for _, w in zeilen] + [1])
    schritt = _schritt(groesstes)
    skala = math.ceil(groesstes / schritt) * schritt
    plot = breite - links - rechts

    def x(wert: float) -> float:
        return links + wert / skala * plot

    for wert in range(0, skala + 1, schritt):
        d.add(Line(x(wert), unten - 4, x(wert), hoehe - oben, strokeColor=RASTER, strokeWidth=0.5))
        d.add(
            String(
                x(wert),
                unten - 14,
                str(wert),
                fontName=SCHRIFT,
                fontSize=8,
                fillColor=ACHSENFARBE,
                textAnchor="middle",
            )
        )
    d.add(
        String(
            links + plot / 2,
            unten - 26,
            achse,
            fontName=SCHRIFT,
            fontSize=8,
            fillColor=TEXTFARBE,
            textAnchor="middle",
        )
    )
    for i, (beschriftung, werte) in enumerate(zeilen):
        y = hoehe - oben - (i + 1) * zeilenhoehe + 3
        d.add(
            String(
                links - 6,
                y + 3,
                _gekuerzt(beschriftung, links - 10),
                fontName=SCHRIFT,
                fontSize=8,
                fillColor=TEXTFARBE,
                textAnchor="end",
            )
        )
        summe = 0
        for (schluessel, _), n in zip(kategorien, werte, strict=True):
            if not n:
                continue
            x0, x1 = x(summe), x(summe + n)
            farbe = farben[schluessel]
            d.add(
                Rect(x0, y, x1 - x0, 12, fillColor=farbe, strokeColor=colors.white, strokeWidth=0.5)
            )
            _segment_zahl(d, x0, y, x1 - x0, 12, n, farbe)
            summe += n
    d.add(Line(links, unten - 4, links, hoehe - oben, strokeColor=ACHSENFARBE, strokeWidth=1))
    _legende(d, kategorien, farben, links, legende - 10 + 4, breite - links)
    return d


def _werte_raster(d: Drawing, skala: int, schritt: int, y, *, links, rechts, achse: str) -> None:
    """Horizontal grid lines with their values and the axis title, for column and line charts."""
    for wert in range(0, skala + 1, schritt):
        d.add(Line(links, y(wert), d.width - rechts, y(wert), strokeColor=RASTER, strokeWidth=0.5))
        d.add(
            String(
                links - 5,
                y(wert) - 3,
                str(wert),
                fontName=SCHRIFT,
                fontSize=8,
                fillColor=ACHSENFARBE,
                textAnchor="end",
            )
        )
    d.add(
        String(links - 30, d.height - 10, achse, fontName=SCHRIFT, fontSize=8, fillColor=TEXTFARBE)
    )


def gestapelte_saeulen(
    spalten: list[tuple[str, list[int]]],
    kategorien: list[tuple[str, str]],
    farben: dict,
    *,
    achse: str,
    breite: int = 560,
    plot_hoehe: int = 180,
) -> Drawing:
    """Vertical stacked columns: one column per (short) label, segments per category."""
    links, rechts, oben = 40, 10, 22  # the axis title sits above the plot
    legende = _legende_hoehe(kategorien, breite - links)
    unten = 34 + legende
    hoehe = unten + plot_hoehe + oben
    d = Drawing(breite, hoehe)
    groesstes = max([sum(w) for _, w in spalten] + [1])
    schritt = _schritt(groesstes)
    skala = math.ceil(groesstes / schritt) * schritt
    plot = breite - links - rechts
    fach = plot / max(len(spalten), 1)
    saeule = min(fach * 0.7, 40)

    def y(wert: float) -> float:
        return unten + wert / skala * plot_hoehe

    _werte_raster(d, skala, schritt, y, links=links, rechts=rechts, achse=achse)
    for i, (beschriftung, werte) in enumerate(spalten):
        mitte = links + fach * (i + 0.5)
        d.add(
            String(
                mitte,
                unten - 14,
                _gekuerzt(beschriftung, fach - 2),
                fontName=SCHRIFT,
                fontSize=8,
                fillColor=TEXTFARBE,
                textAnchor="middle",
            )
        )
        summe = 0
        for (schluessel, _), n in zip(kategorien, werte, strict=True):
            if not n:
                continue
            y0, y1 = y(summe), y(summe + n)
            farbe = farben[schluessel]
            d.add(
                Rect(
                    mitte - saeule / 2,
                    y0,
                    saeule,
                    y1 - y0,
                    fillColor=farbe,
                    strokeColor=colors.white,
                    strokeWidth=0.5,
                )
            )
            _segment_zahl(d, mitte - saeule / 2, y0, saeule, y1 - y0, n, farbe)
            summe += n
    d.add(Line(links, unten, breite - rechts, unten, strokeColor=ACHSENFARBE, strokeWidth=1))
    _legende(d, kategorien, farben, links, legende - 10 + 4, breite - links)
    return d


def _marke(d: Drawing, form: str, x: float, y: float, farbe) -> None:
    r = 3.2
    stil = {"fillColor": farbe, "strokeColor": ACHSENFARBE, "strokeWidth": 0.6}
    if form == "kreis":
        d.add(Circle(x, y, r, **stil))
    elif form == "quadrat":
        d.add(Rect(x - r, y - r, 2 * r, 2 * r, **stil))
    elif form == "dreieck":
        d.add(Polygon([x - r - 0.5, y - r, x + r + 0.5, y - r, x, y + r + 0.5], **stil))
    else:
        d.add(Polygon([x, y + r + 1, x + r + 1, y, x, y - r - 1, x - r - 1, y], **stil))


def verlauf_linien(
    punkte: list[tuple[str, list[int]]],
    kategorien: list[tuple[str, str]],
    farben: dict,
    marken: dict,
    *,
    achse: str,
    breite: int = 560,
    plot_hoehe: int = 160,
) -> Drawing:
    """One line per category across periods; each line has its own marker and dash."""
    links, rechts, oben = 40, 20, 22
    legende = _legende_hoehe(kategorien, breite - links)
    unten = 34 + legende
    hoehe = unten + plot_hoehe + oben
    d = Drawing(breite, hoehe)
    groesstes = max([max(w, default=0) for _, w in punkte] + [1])
    schritt = _schritt(groesstes, 5)
    skala = math.ceil(groesstes / schritt) * schritt
    plot = breite - links - rechts
    fach = plot / max(len(punkte), 1)

    def y(wert: float) -> float:
        return unten + wert / skala * plot_hoehe

    _werte_raster(d, skala, schritt, y, links=links, rechts=rechts, achse=achse)
    xs = [links + fach * (i + 0.5) for i in range(len(punkte))]
    for xi, (beschriftung, _) in zip(xs, punkte, strict=True):
        d.add(
            String(
                xi,
                unten - 14,
                _gekuerzt(beschriftung, fach - 2),
                fontName=SCHRIFT,
                fontSize=8,
                fillColor=TEXTFARBE,
                textAnchor="middle",
            )
        )
    d.add(Line(links, unten, breite - rechts, unten, strokeColor=ACHSENFARBE, strokeWidth=1))
    for k, (schluessel, _) in enumerate(kategorien):
        farbe = ACHSENFARBE if schluessel == "keine" else farben[schluessel]
        werte = [(xi, y(w[k])) for xi, (_, w) in zip(xs, punkte, strict=True)]
        for (xa, ya), (xb, yb) in itertools.pairwise(werte):
            d.add(
                Line(
                    xa,
                    ya,
                    xb,
                    yb,
                    strokeColor=farbe,
                    strokeWidth=1.5,
                    strokeDashArray=AMPELSTRICHE.get(schluessel),
                )
            )
        for xi, yi in werte:
            _marke(d, marken[schluessel], xi, yi, farben[schluessel])
    _legende(d, kategorien, farben, links, legende - 10 + 4, breite - links, marken=marken)
    return d


_GEMERKT: OrderedDict[str, str] = OrderedDict()
_GEMERKT_SPERRE = threading.Lock()
GEMERKT_HOECHSTENS = 200  # SVGs per process, a few kB each


def svg_gemerkt(
    daten: tuple,
    zeichnen: Callable[[], Drawing],
    *,
    titel: str,
    beschreibung: str = "",
    kennung: str,
) -> str:
    """als_svg_inline(zeichnen(), …), remembered per process under `daten`, which must name the
    chart and everything it is drawn from: reportlab's SVG writer cost the Controlling
    dashboard a third of its time, for charts that change only with the next Meldung."""
    schluessel = repr((daten, titel, beschreibung, kennung))
    if " at 0x" in schluessel:  # an object without a value repr: its address names nothing
        return als_svg_inline(zeichnen(), titel=titel, beschreibung=beschreibung, kennung=kennung)
    with _GEMERKT_SPERRE:
        svg = _GEMERKT.get(schluessel)
        if svg is not None:
            _GEMERKT.move_to_end(schluessel)
            return svg
    svg = als_svg_inline(zeichnen(), titel=titel, beschreibung=beschreibung, kennung=kennung)
    with _GEMERKT_SPERRE:
        _GEMERKT[schluessel] = svg
        while len(_GEMERKT) > GEMERKT_HOECHSTENS:
            _GEMERKT.popitem(last=False)
    return svg


def als_svg_inline(drawing: Drawing, *, titel: str, beschreibung: str = "", kennung: str) -> str:
    """SVG to embed in a page. The Content-Security-Policy forbids style attributes, so
    reportlab's inline styles become presentation attributes; ids get a prefix so several
    charts can share one page."""
    svg = renderSVG.drawToString(drawing)
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r'id="([^"]+)"', lambda m: f'id="{kennung}-{m.group(1)}"', svg)
    svg = re.sub(r"url\(#([^)]+)\)", lambda m: f"url(#{kennung}-{m.group(1)})", svg)

    def attribute(m: re.Match) -> str:
        teile = []
        for eintrag in m.group(1).split(";"):
            name, _, wert = eintrag.partition(":")
            name, wert = name.strip(), wert.strip()
            if not name or not re.fullmatch(r"[a-z-]+", name):
                continue
            if name == "font-family":
                wert = f"{wert}, Arial, sans-serif"
            teile.append(f'{name}="{escape(wert, {chr(34): "&quot;"})}"')
        return " ".join(teile)

    svg = re.sub(r'style="([^"]*)"', attribute, svg)
    svg = svg.replace(
        "<title>...</title>", f'<title id="{kennung}-titel">{escape(titel)}</title>', 1
    )
    svg = svg.replace(
        "<desc>...</desc>", f'<desc id="{kennung}-beschreibung">{escape(beschreibung)}</desc>', 1
    )
    return svg.replace(
        "<svg ",
        f'<svg role="img" aria-labelledby="{kennung}-titel {kennung}-beschreibung" '
        'class="diagramm-svg" ',
        1,
    )


# --- World-Café: Bekanntheit (share of "ja" dots) -----------------------------------------------
BEKANNT = colors.HexColor("#2b7a3b")
UNSICHER = colors.HexColor("#a3c9a8")


@dataclass
class Quote:
    beschriftung: str
    quote: float | None  # 0..1; None = no answers
    n: int
    unsicher: bool = False


def quoten_balken(zeilen: list[Quote], *, breite: int = 560, titel: str = "") -> Drawing:
    """Horizontal bars on a 0–100 % scale; the rate and its n are written beside each bar,
    and an uncertain rate (few answers) is drawn pale with a dashed outline."""
    zeilenhoehe, oben, unten, links, rechts = 18, 8 + (14 if titel else 0), 46, 190, 110
    hoehe = oben + unten + zeilenhoehe * max(len(zeilen), 1)
    d = Drawing(breite, hoehe)
    plot = breite - links - rechts
    if titel:
        d.add(String(links, hoehe - 12, titel, fontName=SCHRIFT, fontSize=9, fillColor=TEXTFARBE))

    def x(wert: float) -> float:
        return links + wert * plot

    for p in range(0, 101, 25):
        d.add(
            Line(
                x(p / 100), unten - 4, x(p / 100), hoehe - oben, strokeColor=RASTER, strokeWidth=0.5
            )
        )
        d.add(
            String(
                x(p / 100),
                unten - 16,
                f"{p} %",
                fontName=SCHRIFT,
                fontSize=8,
                fillColor=ACHSENFARBE,
                textAnchor="middle",
            )
        )
    d.add(Line(links, unten - 4, links, hoehe - oben, strokeColor=ACHSENFARBE, strokeWidth=1))
    for i, z in enumerate(zeilen):
        y = hoehe - oben - (i + 1) * zeilenhoehe + 3
        d.add(
            String(
                links - 6,
                y + 3,
                _gekuerzt(z.beschriftung, links - 10),
                fontName=SCHRIFT,
                fontSize=8,
                fillColor=TEXTFARBE,
                textAnchor="end",
            )
        )
        if z.quote is None:
            text = "keine Antworten"
            ende = links
        else:
            breite_balken = max(z.quote * plot, 0.8)
            d.add(
                Rect(
                    links,
                    y,
                    breite_balken,
                    12,
                    fillColor=UNSICHER if z.unsicher else BEKANNT,
                    strokeColor=ACHSENFARBE if z.unsicher else None,
                    strokeWidth=0.6,
                    strokeDashArray=[2, 2] if z.unsicher else None,
                )
            )
            text = f"{prozent_gerundet(z.quote)} % (n = {z.n}){' unsicher' if z.unsicher else ''}"
            ende = links + breite_balken
        d.add(String(ende + 4, y + 3, text, fontName=SCHRIFT, fontSize=8, fillColor=TEXTFARBE))
    d.add(
        String(
            links,
            6,
            "Anteil „Ja, kenne ich“ an den Punkten; blass und gestrichelt = wenige Antworten",
            fontName=SCHRIFT,
            fontSize=7.5,
            fillColor=TEXTFARBE,
        )
    )
    return d


# --- Wirkung: one indicator from baseline to target ---------------------------------------------
SOLL = colors.HexColor("#52606d")
IST = colors.HexColor("#0b4f6c")
STADT = colors.HexColor("#b45309")


def _rund_schritt(spanne: float) -> float:
    """A round grid step (1, 2 or 5 × 10^n) for about five lines over the span."""
    roh = spanne / 5 if spanne > 0 else 1
    basis = 10 ** math.floor(math.log10(roh))
    return next(f * basis for f in (1, 2, 5, 10) if f * basis >= roh)


def zielverlauf(
    *,
    basis: tuple[float, float],
    ziel: tuple[float, float],
    ist: list[tuple[float, float]],
    stadt: list[tuple[float, float]] = (),
    einheit: str = "",
    breite: int = 560,
    plot_hoehe: int = 150,
) -> Drawing:
    """Time (years, quarters as fractions) against value: the planned path from baseline to
    target (dashed), the actual values (solid, circles) and the city beside them (dotted,
    squares; a different scale would mislead, so the same axis)."""
    links, rechts, oben, unten = 52, 16, 22, 46
    d = Drawing(breite, unten + plot_hoehe + oben)
    zeiten = [basis[0], ziel[0], *(t for t, _ in ist), *(t for t, _ in stadt)]
    werte = [basis[1], ziel[1], *(w for _, w in ist), *(w for _, w in stadt)]
    t0, t1 = min(zeiten), max(zeiten)
    if t1 == t0:
        t1 = t0 + 1
    w0, w1 = min(werte), max(werte)
    schritt = _rund_schritt(w1 - w0)
    w0 = math.floor(w0 / schritt) * schritt
    w1 = math.ceil(w1 / schritt) * schritt
    if w1 == w0:
        w1 = w0 + schritt
    plot = breite - links - rechts

    def x(t: float) -> float:
        return links + (t - t0) / (t1 - t0) * plot

    def y(w: float) -> float:
        return unten + (w - w0) / (w1 - w0) * plot_hoehe

    wert = w0
    stellen = 0 if schritt >= 1 else min(4, -math.floor(math.log10(schritt)))
    while wert <= w1 + schritt / 1000:
        d.add(Line(links, y(wert), breite - rechts, y(wert), strokeColor=RASTER, strokeWidth=0.5))
        text = f"{wert:,.{stellen}f}".replace(",", "_").replace(".", ",").replace("_", ".")
        d.add(
            String(
                links - 5,
                y(wert) - 3,
                text,
                fontName=SCHRIFT,
                fontSize=8,
                fillColor=ACHSENFARBE,
                textAnchor="end",
            )
        )
        wert += schritt
    for jahr in range(math.ceil(t0), math.floor(t1) + 1):
        d.add(
            String(
                x(jahr),
                unten - 14,
                str(jahr),
                fontName=SCHRIFT,
                fontSize=8,
                fillColor=TEXTFARBE,
                textAnchor="middle",
            )
        )
    d.add(Line(links, unten, breite - rechts, unten, strokeColor=ACHSENFARBE, strokeWidth=1))
    if einheit:
        d.add(
            String(
                links - 45,
                d.height - 10,
                _gekuerzt(einheit, 200),
                fontName=SCHRIFT,
                fontSize=8,
                fillColor=TEXTFARBE,
            )
        )
    d.add(
        Line(
            x(basis[0]),
            y(basis[1]),
            x(ziel[0]),
            y(ziel[1]),
            strokeColor=SOLL,
            strokeWidth=1.5,
            strokeDashArray=[5, 3],
        )
    )
    _marke(d, "raute", x(ziel[0]), y(ziel[1]), SOLL)
    for reihe, farbe, form, striche in (
        (stadt, STADT, "quadrat", [1, 2]),
        (ist, IST, "kreis", None),
    ):
        punkte = [(x(t), y(w)) for t, w in reihe]
        for (xa, ya), (xb, yb) in itertools.pairwise(punkte):
            d.add(Line(xa, ya, xb, yb, strokeColor=farbe, strokeWidth=1.5, strokeDashArray=striche))
        for xi, yi in punkte:
            _marke(d, form, xi, yi, farbe)
    legende = [("Soll: Ausgang → Ziel", SOLL, "raute"), ("Ist", IST, "kreis")]
    if stadt:
        legende.append(("Stadt gesamt", STADT, "quadrat"))
    lx = links
    for text, farbe, form in legende:
        _marke(d, form, lx + 4, 10, farbe)
        d.add(String(lx + 12, 7, text, fontName=SCHRIFT, fontSize=8, fillColor=TEXTFARBE))
        lx += 24 + stringWidth(text, SCHRIFT, 8)
    return d
