"""Documentation of one World-Café as PDF: Themeninseln with their dots as bars (the same
chart as on the web), the cards grouped by kind, and the feedback words sized by count."""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from django.conf import settings
from django.utils import timezone
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer

from core import charts
from core.pdf import SCHRIFT, bauen, schriften_registrieren, tabelle
from core.pdf import absatz as _p
from core.pdf import stile as pdf_stile
from weltcafe import selectors
from weltcafe.models import Karte

WOLKE_HOECHSTENS = 300  # the most frequent words; a cloud of thousands says nothing


def _wortwolke(woerter, stile) -> Paragraph:
    groesstes = max((w.anzahl for w in woerter), default=1)
    teile = []
    for w in woerter[:WOLKE_HOECHSTENS]:
        groesse = 9 + round(15 * w.anzahl / groesstes)
        teile.append(
            f'<font size="{groesse}">{escape(w.wort)}</font> <font size="7">({w.anzahl})</font>'
        )
    if len(woerter) > WOLKE_HOECHSTENS:
        teile.append(f'<font size="8">(und {len(woerter) - WOLKE_HOECHSTENS} weitere)</font>')
    stil = ParagraphStyle("wolke", parent=stile["text"], fontName=SCHRIFT, leading=28)
    return Paragraph("&nbsp;&nbsp; ".join(teile), stil)


def erzeugen(veranstaltung) -> bytes:
    schriften_registrieren()
    stile = pdf_stile()
    puffer = io.BytesIO()
    doc = SimpleDocTemplate(
        puffer,
        pagesize=A4,
        leftMargin=2 * cm,
        rightMargin=2 * cm,
        topMargin=2 * cm,
        bottomMargin=2 * cm,
        title=f"World-Café {veranstaltung.bezeichnung}",
        author=settings.STADT_NAME,
    )
    breite = A4[0] - 4 * cm
    mindestens = settings.BEKANNTHEIT_MIN_ANTWORTEN
    inhalt = [
        _p(f"World-Café: {veranstaltung.bezeichnung}", stile["h1"]),
        _p(
            f"{veranstaltung.datum:%d.%m.%Y} · Runde {veranstaltung.runde} · "
            f"{veranstaltung.teilnehmende or '?'} Teilnehmende · Stand "
            f"{timezone.localdate():%d.%m.%Y}",
            stile["text"],
        ),
    ]
    if "Beispieldaten" in veranstaltung.notizen:
        inhalt.append(_p("Beispieldaten: die Zahlen sind für die Demo erfunden.", stile["text"]))
    inhalt.append(
        _p(
            "Kennen Sie das Angebot? Anteil der Ja-Antworten an allen Antworten, Punkte auf "
            "Papier und digitale Antworten (Telefon, Live-Runde) zusammen; n = Zahl der "
            f"Antworten; unter {mindestens} Antworten ist der Wert unsicher.",
            stile["klein"],
        )
    )

    inhalt.append(_p("Themeninseln", stile["h2"]))
    for nummer, insel in enumerate(selectors.inseln_mit_angeboten(veranstaltung), start=1):
        bereiche = ", ".join(f"{b.code} {b.name}" for b in insel.bereiche.all()) or "–"
        block = [
            _p(f"{nummer}. {insel.titel}", stile["h3"]),
            _p(f"{insel.handlungsfeld or 'ohne Handlungsfeld'} · {bereiche}", stile["klein"]),
        ]
        abfragen = list(insel.abfragen.all())
        # A chart is one flowable: in parts of 25 offers each fits on a page.
        for start in range(0, len(abfragen), 25):
            block.append(
                charts.quoten_balken(
                    [
                        charts.Quote(
                            a.steckbrief.titel,
                            (a.ja_gesamt / a.n) if a.n else None,
                            a.n,
                            a.n < mindestens,
                        )
                        for a in abfragen[start : start + 25]
                    ],
                    breite=int(breite),
                )
            )
        inhalt.append(KeepTogether(block))
        if abfragen:
            inhalt.append(
                tabelle(
                    [["Angebot", "ja Papier", "nein Papier", "ja digital", "nein digital", "n"]]
                    + [
                        [a.steckbrief.titel, a.ja, a.nein, a.ja_digital, a.nein_digital, a.n]
                        for a in abfragen
                    ],
                    [breite * 0.5] + [breite * 0.1] * 5,
                    stile,
                )
            )
        inhalt.append(Spacer(1, 6))

    inhalt.append(_p("Karten", stile["h2"]))
    karten = selectors.karten_nach_art(veranstaltung)
    if not karten:
        inhalt.append(_p("Keine Karten erfasst.", stile["text"]))
    for label, liste in karten:
        inhalt.append(_p(f"{label} ({len(liste)})", stile["h3"]))
        inhalt.append(
            tabelle(
                [["Karte", "Themeninsel"]]
                # Very long cards (imports) are shortened so a row fits on a page.
                + [
                    [
                        k.text + (" (digital)" if k.quelle == Karte.Quelle.DIGITAL else ""),
                        k.themeninsel.titel if k.themeninsel else "–",
                    ]
                    for k in liste
                ],
                [breite * 0.7, breite * 0.3],
                stile,
            )
        )

    inhalt.append(_p("Rückmeldungen in ein bis zwei Worten", stile["h2"]))
    woerter = list(veranstaltung.rueckmeldewoerter.all())
    inhalt.append(
        _wortwolke(woerter, stile) if woerter else _p("Keine Rückmeldungen.", stile["text"])
    )
    bauen(doc, inhalt)
    return puffer.getvalue()
