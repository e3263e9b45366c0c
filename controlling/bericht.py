"""Building the quarterly Controllingbericht: requested on a page, built by a Celery task whose
progress the status page polls (pretix's AsyncAction pattern)."""

from __future__ import annotations

import logging
import threading
from contextlib import contextmanager
from datetime import date, datetime, timedelta

from celery.exceptions import SoftTimeLimitExceeded
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from controlling import auswertung, bericht_pdf, bericht_xlsx
from controlling.models import Berichtsperiode, Controllingbericht
from core.rechte import erzwingen
from stammdaten.models import User

logger = logging.getLogger(__name__)

S = Controllingbericht.Status
LAUFEND = [S.WARTEND, S.LAEUFT]
# A running build beats every HERZSCHLAG; one silent for TOT_NACH lost its worker. One still
# waiting after WARTET_HOECHSTENS lost its task (broker down at commit time). Either no longer
# blocks a new request, and the status page says so.
HERZSCHLAG = timedelta(seconds=20)
TOT_NACH = timedelta(minutes=2)
WARTET_HOECHSTENS = timedelta(minutes=10)


def _tot(jetzt: datetime) -> Q:
    return Q(status=S.LAEUFT, lebenszeichen__lt=jetzt - TOT_NACH) | Q(
        status=S.WARTEND, angefordert_am__lt=jetzt - WARTET_HOECHSTENS
    )


def haengt(bericht: Controllingbericht, *, jetzt: datetime | None = None) -> bool:
    jetzt = jetzt or timezone.now()
    if bericht.status == S.LAEUFT:
        return (bericht.lebenszeichen or bericht.angefordert_am) < jetzt - TOT_NACH
    return bericht.status == S.WARTEND and bericht.angefordert_am < jetzt - WARTET_HOECHSTENS


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
        laufend.filter(_tot(jetzt)).update(
            status=S.FEHLER,
            schritt="abgebrochen",
            fehler="Die Erstellung kam nicht zu Ende (Worker oder Warteschlange nicht "
            "erreichbar); sie wurde durch eine erneute Anforderung ersetzt.",
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


def _stand(bericht_id: int, fortschritt: int, schritt: str) -> None:
    Controllingbericht.objects.filter(pk=bericht_id, status=S.LAEUFT).update(
        fortschritt=fortschritt, schritt=schritt, lebenszeichen=timezone.now()
    )


@contextmanager
def lebenszeichen(bericht_id: int, *, takt: timedelta = HERZSCHLAG):
    """While the block runs (a long PDF), a thread tells every `takt` that the build lives."""
    fertig = threading.Event()

    def schlagen():
        try:
            while not fertig.wait(takt.total_seconds()):
                Controllingbericht.objects.filter(pk=bericht_id, status=S.LAEUFT).update(
                    lebenszeichen=timezone.now()
                )
        finally:
            connection.close()  # the thread's own connection

    faden = threading.Thread(target=schlagen, name=f"lebenszeichen-{bericht_id}", daemon=True)
    faden.start()
    try:
        yield
    finally:
        fertig.set()
        faden.join(timeout=5)


def dateiname(bericht: Controllingbericht, endung: str, *, jetzt: datetime) -> str:
    p = bericht.periode
    return f"controlling-{p.jahr}-Q{p.quartal}-{timezone.localtime(jetzt):%Y%m%d-%H%M%S}.{endung}"


def controllingbericht_erstellen(*, bericht_id: int, heute: date | None = None) -> bool:
    """Build one requested report (the task's work). Only the run that moves the row to läuft
    builds it, so a task delivered twice builds once; a build whose worker died (no heartbeat
    for TOT_NACH) may be taken over by the redelivered task. A failure, also the time limit,
    ends in status "fehlgeschlagen" with a German message; nothing is raised to the caller."""
    jetzt = timezone.now()
    beansprucht = (
        Controllingbericht.objects.filter(pk=bericht_id)
        .filter(Q(status=S.WARTEND) | Q(status=S.LAEUFT, lebenszeichen__lt=jetzt - TOT_NACH))
        .update(
            status=S.LAEUFT,
            fortschritt=0,
            schritt="Daten werden ausgewertet",
            fehler="",
            lebenszeichen=jetzt,
        )
    )
    if beansprucht != 1:
        return False
    bericht = Controllingbericht.objects.select_related("periode").get(pk=bericht_id)
    gespeichert = []
    try:
        with lebenszeichen(bericht_id):
            _bauen(bericht, gespeichert, heute=heute)
    except SoftTimeLimitExceeded:
        logger.exception("Controllingbericht %s: Zeitlimit", bericht_id)
        _fehlgeschlagen(
            bericht,
            gespeichert,
            "Der Bericht brauchte länger als erlaubt und wurde abgebrochen. Bitte erneut "
            "versuchen; bleibt es dabei, hilft die technische Betreuung.",
        )
        return False
    except Exception as exc:
        logger.exception("Controllingbericht %s fehlgeschlagen", bericht_id)
        _fehlgeschlagen(
            bericht,
            gespeichert,
            "Der Bericht konnte nicht erstellt werden "
            f"({type(exc).__name__}). Bitte erneut versuchen; bleibt der Fehler, hilft die "
            "technische Betreuung (Protokoll des Workers).",
        )
        return False
    return True


def _fehlgeschlagen(bericht: Controllingbericht, gespeichert: list[str], meldung: str) -> None:
    for name in gespeichert:
        bericht.pdf.storage.delete(name)
    Controllingbericht.objects.filter(pk=bericht.pk).update(
        status=S.FEHLER, schritt="fehlgeschlagen", fehler=meldung
    )


def _bauen(bericht: Controllingbericht, gespeichert: list[str], *, heute=None) -> None:
    """The build itself; `gespeichert` collects the files written, removed again on failure."""
    bericht_id = bericht.pk
    jetzt = timezone.now()
    _stand(bericht_id, 5, "Daten werden ausgewertet")
    a = auswertung.auswerten(bericht.periode, heute=heute)
    _stand(bericht_id, 20, f"Diagramme werden gezeichnet ({a.kennzahlen.gesamt} Meldungen)")
    diagramme = auswertung.diagramme(a)
    _stand(bericht_id, 30, "PDF wird erstellt")
    pdf = bericht_pdf.erzeugen(a, diagramme, erstellt=jetzt)
    _stand(bericht_id, 75, "XLSX wird erstellt")
    xlsx = bericht_xlsx.erzeugen(a, erstellt=jetzt)
    _stand(bericht_id, 90, "Dateien werden abgelegt")
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
