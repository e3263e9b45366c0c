"""The Strategiepapier as PDF (reportlab): title page, contents, Sozialraumanalyse with chart,
Steckbriefe, Empfehlungen by Handlungsfeld, and an appendix of the Anregungen behind each
Empfehlung. Bitstream Vera (shipped with reportlab) is embedded: umlauts, ß and German quotes
print everywhere."""

from __future__ import annotations

import io
from collections import defaultdict
from xml.sax.saxutils import escape

from django.conf import settings
from django.utils import timezone
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import (
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
)

from core.pdf import (
    FETT,
    SCHRIFT,
    DokumentMitVerzeichnis,
    Verzeichnis,
    als_eintrag,
    bauen,
    beschriftet,
    schriften_registrieren,
    stile,
    tabelle,
    ueberschrift,
)
from core.pdf import absatz as _p
from core.pdf import zahl as _zahl
from stammdaten import diagramme, selectors, sozialindex


def erzeugen(
    papier, *, empfehlungen, steckbriefe, anzahl_anregungen: dict[int, int], vorschau: bool = False
) -> bytes:
    """The PDF as bytes. `anzahl_anregungen`: Empfehlung id -> Anregungen behind it."""
    schriften_registrieren()
    s = stile()
    stadt = settings.STADT_NAME
    puffer = io.BytesIO()
    fusszeile = f"Strategiepapier {papier.sozialraum.name} – Ausgabe {papier.ausgabe}"
    if vorschau:
        fusszeile += " – VORSCHAU, nicht veröffentlicht"

    def seite(canvas, doc):
        canvas.saveState()
        canvas.setFont(SCHRIFT, 8)
        canvas.setFillColor(colors.HexColor("#4b5563"))
        canvas.drawString(2 * cm, 1.2 * cm, fusszeile)
        canvas.drawRightString(A4[0] - 2 * cm, 1.2 * cm, f"Seite {doc.page}")
        canvas.restoreState()

    doc = DokumentMitVerzeichnis(
        puffer,
        pagesize=A4,
        leftMargin=2 * cm,
        rightMargin=2 * cm,
        topMargin=2 * cm,
        bottomMargin=2 * cm,
        title=fusszeile,
        author=f"Sozialplanung {stadt}".strip(),
        lang="de-DE",
    )
    breite = A4[0] - 4 * cm
    inhalt = [
        Spacer(1, 5 * cm),
        Paragraph("Strategiepapier", s["titel"]),
        Paragraph(f"Sozialraum {escape(papier.sozialraum.name)}", s["untertitel"]),
        Spacer(1, 0.4 * cm),
        Paragraph(f"Ausgabe {papier.ausgabe}", s["untertitel"]),
        Spacer(1, 2 * cm),
        Paragraph(f"Strategische Sozialplanung {escape(stadt)}".strip(), s["untertitel"]),
        Paragraph(
            ("Vorschau vom " if vorschau else "Veröffentlicht am ")
            + timezone.localdate().strftime("%d.%m.%Y"),
            s["untertitel"],
        ),
        PageBreak(),
        Paragraph("Inhalt", s["h1"]),
    ]
    verzeichnis = Verzeichnis(
        [
            ParagraphStyle("toc1", fontName=FETT, fontSize=10.5, leading=15),
            ParagraphStyle("toc2", fontName=SCHRIFT, fontSize=9.5, leading=13, leftIndent=14),
        ]
    )
    inhalt += [verzeichnis, PageBreak()]

    # 1 Sozialraumanalyse
    inhalt.append(ueberschrift("1 Sozialraumanalyse", s["h1"], 0))
    jahr = selectors.neuestes_jahr()
    if jahr:
        vergleich = selectors.kennzahlen_vergleich(papier.sozialraum, jahr)
        inhalt.append(
            _p(
                f"Kennzahlen {jahr} des Sozialraums {papier.sozialraum.name} im "
                "Vergleich zur Stadt; Rang 1 = größter Unterstützungsbedarf unter den "
                "Sozialräumen.",
                s["text"],
            )
        )
        if selectors.beispieldaten_im_jahr(jahr):
            inhalt.append(_p("Beispieldaten: Die Werte sind für die Demo erfunden.", s["klein"]))
        zeilen = [["Kennzahl", papier.sozialraum.kurzname, "Stadt", "Rang", "auffällig"]]
        for z in vergleich:
            n = z.kennzahl.nachkommastellen
            zeilen.append(
                [
                    f"{z.kennzahl.name} ({z.kennzahl.einheit})",
                    _zahl(z.wert, n),
                    _zahl(z.stadt, n),
                    f"{z.rang} von {z.anzahl}" if z.rang else "–",
                    "ja" if z.auffaellig else "nein",
                ]
            )
        inhalt += [
            Spacer(1, 6),
            tabelle(zeilen, [7 * cm, 2.4 * cm, 2.4 * cm, 2.2 * cm, 3 * cm], s),
            Spacer(1, 10),
            diagramme.abweichung_diagramm(vergleich),
        ]
        index = sozialindex.berechnen(jahr=jahr, sozialraum=papier.sozialraum)
        inhalt.append(ueberschrift("Sozialindex der Sozialquartiere", s["h2"], 1))
        zeilen = [
            ["Sozialquartier", "Status", "Klasse", f"Dynamik seit {index.basisjahr}", "Entwicklung"]
        ]
        for z in index.zeilen:
            zeilen.append(
                [
                    z.gebiet.name,
                    _zahl(z.status, 2),
                    z.status_klasse,
                    _zahl(z.dynamik, 2),
                    z.dynamik_klasse,
                ]
            )
        inhalt.append(tabelle(zeilen, [6 * cm, 2.4 * cm, 2.8 * cm, 2.8 * cm, 3 * cm], s))
    else:
        inhalt.append(_p("Für diese Ausgabe liegen keine Kennzahlwerte vor.", s["text"]))

    # 2 Maßnahmensteckbriefe
    inhalt += [PageBreak(), ueberschrift("2 Maßnahmensteckbriefe", s["h1"], 0)]
    if not steckbriefe:
        inhalt.append(_p("Keine Steckbriefe in dieser Ausgabe.", s["text"]))
    for sb in steckbriefe:
        laufzeit = "unbefristet"
        if sb.befristet:
            laufzeit = f"befristet bis {sb.laufzeit_bis:%d.%m.%Y}"
        teile = [
            ueberschrift(sb.titel, s["h2"], 1),
            tabelle(
                [
                    ["verantwortlich", "Zielgruppe", "Laufzeit", "Kontakt"],
                    [sb.verantwortlich, sb.zielgruppe or "–", laufzeit, sb.kontakt or "–"],
                ],
                [4.5 * cm, 4 * cm, 3.5 * cm, 5 * cm],
                s,
            ),
            Spacer(1, 4),
            _p(sb.beschreibung, s["text"]),
        ]
        for beschriftung, text in (
            ("Ziele", sb.ziele),
            ("Finanzierung", sb.finanzierung),
            ("Umsetzungsstand", sb.umsetzungsstand),
        ):
            if text:
                teile.append(beschriftet(beschriftung, text, s["text"]))
        teile += _wirkungsziele(sb, s)
        inhalt += als_eintrag(sb.titel, KeepTogether(teile[:3]), *teile[3:])

    # 3 Handlungsempfehlungen, grouped by Handlungsfeld
    inhalt += [PageBreak(), ueberschrift("3 Handlungsempfehlungen", s["h1"], 0)]
    gruppen: dict[str, list] = defaultdict(list)
    for e in empfehlungen:
        gruppen[e.handlungsfeld.name if e.handlungsfeld_id else "Ohne Handlungsfeld"].append(e)
    if not gruppen:
        inhalt.append(_p("Keine Empfehlungen in dieser Ausgabe.", s["text"]))
    for feld in sorted(gruppen):
        inhalt.append(ueberschrift(feld, s["h2"], 1))
        for e in gruppen[feld]:
            beteiligt = ", ".join(b.code for b in e.beteiligte.all()) or "–"
            kopf = [
                Paragraph(f"{escape(e.nummer)} {escape(e.titel)}", s["h3"]),
                tabelle(
                    [
                        ["Art", "Priorität", "Zeithorizont", "federführend", "beteiligt"],
                        [
                            e.get_art_display(),
                            e.get_prioritaet_display(),
                            e.get_zeithorizont_display(),
                            str(e.federfuehrung) if e.federfuehrung_id else "–",
                            beteiligt,
                        ],
                    ],
                    [2.8 * cm, 2.2 * cm, 3.6 * cm, 5 * cm, 3.4 * cm],
                    s,
                ),
                Spacer(1, 4),
                _p(e.text, s["text"]),
            ]
            inhalt += als_eintrag(e.nummer, KeepTogether(kopf))
            if e.begruendung:
                inhalt += als_eintrag(e.nummer, beschriftet("Begründung", e.begruendung, s["text"]))
            if ziele := _wirkungsziele(e, s):
                inhalt += als_eintrag(e.nummer, *ziele)

    # Anhang
    inhalt += [
        PageBreak(),
        ueberschrift("Anhang: Anregungen hinter den Empfehlungen", s["h1"], 0),
        _p(
            "Zahl der Anregungen aus den Expert*innendialogen und anderen Quellen, die in "
            "die jeweilige Empfehlung eingeflossen sind (Dubletten mitgezählt).",
            s["text"],
        ),
        Spacer(1, 6),
    ]
    zeilen = [["Nr.", "Empfehlung", "Anregungen"]]
    for e in empfehlungen:
        zeilen.append([e.nummer, e.titel, str(anzahl_anregungen.get(e.pk, 0))])
    inhalt.append(tabelle(zeilen, [2.5 * cm, breite - 5.5 * cm, 3 * cm], s))

    bauen(doc, inhalt, onFirstPage=seite, onLaterPages=seite)
    return puffer.getvalue()


def _wirkungsziele(gegenstand, s) -> list:
    """The item's Wirkungsziele as a small table: what it should change, from where to where."""
    ziele = getattr(gegenstand, "wirkungsziele", [])
    if not ziele:
        return []
    zeilen = [["Wirkungsziel", "Art", "Ausgang", "Ziel"]]
    zeilen += [[z["indikator"], z["art"], z["ausgang"], z["ziel"]] for z in ziele]
    return [Spacer(1, 4), tabelle(zeilen, [6.5 * cm, 3.5 * cm, 3 * cm, 4 * cm], s)]
