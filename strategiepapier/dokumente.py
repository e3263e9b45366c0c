"""The Strategiepapier's documents, built by a worker (`core.dokumente`): the preview, and
the publication (the PDF frozen, the items marked veröffentlicht)."""

from django.urls import reverse

from core.dokumente import Dokumentart, Ergebnis
from strategiepapier import services


def _vorschau(auftrag, papier, stand) -> Ergebnis:
    stand(10, "PDF wird gesetzt")
    return Ergebnis(
        inhalt=services.strategiepapier_pdf(papier=papier, vorschau=True),
        dateiname=f"vorschau-{papier.sozialraum.kurzname}-{papier.ausgabe}.pdf",
    )


def _veroeffentlichung(auftrag, papier, stand) -> Ergebnis:
    papier.refresh_from_db()
    if papier.veroeffentlicht and papier.veroeffentlicht_am >= auftrag.angefordert_am:
        # The task delivered again after its worker published and died: done already.
        return Ergebnis(meldung=f"{papier} ist veröffentlicht.")
    services.strategiepapier_veroeffentlichen(
        papier=papier, user=auftrag.angefordert_von, stand=stand
    )
    return Ergebnis(
        meldung=f"{papier} ist veröffentlicht; alle enthaltenen Steckbriefe und Empfehlungen "
        "sind jetzt „veröffentlicht“."
    )


def _seite(papier) -> str:
    return reverse("strategiepapier_detail", args=[papier.pk])


VORSCHAU = Dokumentart(
    name=services.VORSCHAU,
    titel=lambda papier: f"Vorschau: {papier}",
    recht="strategiepapier.bearbeiten",
    bauen=_vorschau,
    zurueck=_seite,
)
VEROEFFENTLICHUNG = Dokumentart(
    name=services.VEROEFFENTLICHUNG,
    titel=lambda papier: f"Veröffentlichung: {papier}",
    recht="strategiepapier.bearbeiten",
    bauen=_veroeffentlichung,
    zurueck=_seite,
    einmalig=True,
    aufbewahren=True,
)
