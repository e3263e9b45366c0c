"""The event documentation PDF, built by a worker (`core.dokumente`)."""

from django.urls import reverse

from core.dokumente import Dokumentart, Ergebnis
from weltcafe import pdf


def _bauen(auftrag, veranstaltung, stand) -> Ergebnis:
    stand(10, "PDF wird gesetzt")
    return Ergebnis(
        inhalt=pdf.erzeugen(veranstaltung),
        dateiname=f"weltcafe-{veranstaltung.datum:%Y-%m-%d}-{veranstaltung.pk}.pdf",
    )


DOKUMENTATION = Dokumentart(
    name="weltcafe_dokumentation",
    titel=lambda veranstaltung: f"World-Café-Dokumentation: {veranstaltung.bezeichnung}",
    recht="weltcafe.ansehen",
    bauen=_bauen,
    zurueck=lambda veranstaltung: reverse("weltcafe_uebersicht", args=[veranstaltung.pk]),
)
