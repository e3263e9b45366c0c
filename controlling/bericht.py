"""Building the quarterly Controllingbericht: requested on a page, built by a Celery task whose
progress the status page polls (pretix's AsyncAction pattern)."""

from __future__ import annotations

from datetime import date, datetime

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from controlling import auswertung, bericht_pdf, bericht_xlsx
from controlling.models import Berichtsperiode, Controllingbericht
from core import auftraege
from core.auftraege import LAUFEND, haengt
from core.rechte import erzwingen
from stammdaten.models import User

S = Controllingbericht.Status
__all__ = ["LAUFEND", "controllingbericht_anfordern", "controllingbericht_erstellen", "haengt"]


def controllingbericht_anfordern(*, periode: Berichtsperiode, user: User) -> Controllingbericht:
    """Queue a build of the period's report, or return the build already under way.

    The returned row carries `bereits_angefordert` (True when no new build was queued)."""
    from controlling.tasks import bericht_erstellen as aufgabe

    erzwingen(user, "controlling.steuern")
    jetzt = timezone.now()
    with transaction.atomic():
        # Serialises two clicks on "Bericht erstellen" for the same period.
        Berichtsperiode.objects.select_for_update().get(pk=periode.pk)
        laufend = Controllingbericht.objects.filter(periode=periode, status__in=LAUFEND)
        laufend.filter(auftraege.tot(jetzt)).update(
            status=S.FEHLER, schritt="abgebrochen", fehler=auftraege.ABGEBROCHEN
        )
        vorhanden = laufend.order_by("-angefordert_am").first()
        if vorhanden is not None:
            vorhanden.bereits_angefordert = True
            return vorhanden
        bericht = Controllingbericht.objects.create(
            periode=periode,
            angefordert_von=user,
            angefordert_am=jetzt,
            schritt="wartet auf die Verarbeitung",
        )
        # robust: a broker outage must not turn the request into an error page; the row
        # then waits until WARTET_HOECHSTENS and a new request replaces it.
        transaction.on_commit(lambda: aufgabe.delay(bericht.pk), robust=True)
    bericht.bereits_angefordert = False
    return bericht


def lebenszeichen(bericht_id: int, **optionen):
    return auftraege.lebenszeichen(Controllingbericht, bericht_id, **optionen)


def dateiname(bericht: Controllingbericht, endung: str, *, jetzt: datetime) -> str:
    p = bericht.periode
    return f"controlling-{p.jahr}-Q{p.quartal}-{timezone.localtime(jetzt):%Y%m%d-%H%M%S}.{endung}"


def controllingbericht_erstellen(*, bericht_id: int, heute: date | None = None) -> bool:
    """Build one requested report (the task's work): claimed once, taken over from a dead
    worker, ended with a German message on any failure (`core.auftraege`)."""
    if not auftraege.beanspruchen(Controllingbericht, bericht_id, "Daten werden ausgewertet"):
        return False
    bericht = Controllingbericht.objects.select_related("periode").get(pk=bericht_id)
    gespeichert: list[str] = []

    def aufraeumen():
        for name in gespeichert:
            bericht.pdf.storage.delete(name)

    return auftraege.ausfuehren(
        Controllingbericht,
        bericht_id,
        lambda: _bauen(bericht, gespeichert, heute=heute),
        was="Der Controllingbericht",
        aufraeumen=aufraeumen,
    )


def _bauen(bericht: Controllingbericht, gespeichert: list[str], *, heute=None) -> None:
    """The build itself; `gespeichert` collects the files written, removed again on failure."""
    bericht_id = bericht.pk
    jetzt = timezone.now()

    def stand(fortschritt: int, schritt: str) -> None:
        auftraege.stand(Controllingbericht, bericht_id, fortschritt, schritt)

    stand(5, "Daten werden ausgewertet")
    a = auswertung.auswerten(bericht.periode, heute=heute)
    stand(20, f"Diagramme werden gezeichnet ({a.kennzahlen.gesamt} Meldungen)")
    diagramme = auswertung.diagramme(a)
    for d in diagramme:
        d.zeichnung  # noqa: B018 (drawn in this step, not inside the PDF's)
    stand(30, "PDF wird erstellt")
    pdf = bericht_pdf.erzeugen(a, diagramme, erstellt=jetzt)
    stand(75, "XLSX wird erstellt")
    xlsx = bericht_xlsx.erzeugen(a, erstellt=jetzt)
    stand(90, "Dateien werden abgelegt")
    bericht.pdf.save(dateiname(bericht, "pdf", jetzt=jetzt), ContentFile(pdf), save=False)
    gespeichert.append(bericht.pdf.name)
    bericht.xlsx.save(dateiname(bericht, "xlsx", jetzt=jetzt), ContentFile(xlsx), save=False)
    gespeichert.append(bericht.xlsx.name)
    Controllingbericht.objects.filter(pk=bericht_id, status=S.LAEUFT).update(
        status=S.FERTIG,
        fortschritt=100,
        schritt="fertig",
        pdf=bericht.pdf.name,
        xlsx=bericht.xlsx.name,
        fertig_am=timezone.now(),
    )
