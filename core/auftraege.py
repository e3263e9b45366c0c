"""Jobs a person waits for (`core.models.Auftrag`): claimed once, progress told, a heartbeat
while the work runs, a time limit, and a German message when it fails (pretix's AsyncAction
pattern). The Controllingbericht and the documents of `core.dokumente` are built this way."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from contextlib import contextmanager
from datetime import datetime, timedelta

from celery.exceptions import SoftTimeLimitExceeded
from django.db import connection
from django.db.models import Q
from django.utils import timezone

from core.models import Auftrag

logger = logging.getLogger(__name__)

S = Auftrag.Status
LAUFEND = [S.WARTEND, S.LAEUFT]
# A running job beats every HERZSCHLAG; one silent for TOT_NACH lost its worker. One still
# waiting after WARTET_HOECHSTENS lost its task (broker down at commit time). Either no longer
# blocks a new request, and the status page says so.
HERZSCHLAG = timedelta(seconds=20)
TOT_NACH = timedelta(minutes=2)
WARTET_HOECHSTENS = timedelta(minutes=10)

ZEITLIMIT = (
    "Die Erstellung brauchte länger als erlaubt und wurde abgebrochen. Bitte erneut "
    "versuchen; bleibt es dabei, hilft die technische Betreuung."
)
ABGEBROCHEN = (
    "Die Erstellung kam nicht zu Ende (Worker oder Warteschlange nicht erreichbar); sie wurde "
    "durch eine erneute Anforderung ersetzt."
)


class AuftragFehler(Exception):
    """The job cannot be done for a reason the user can act on; the message is German and is
    shown as it is (a document part too large, a paper changed meanwhile)."""


def tot(jetzt: datetime) -> Q:
    return Q(status=S.LAEUFT, lebenszeichen__lt=jetzt - TOT_NACH) | Q(
        status=S.WARTEND, angefordert_am__lt=jetzt - WARTET_HOECHSTENS
    )


def haengt(auftrag: Auftrag, *, jetzt: datetime | None = None) -> bool:
    jetzt = jetzt or timezone.now()
    if auftrag.status == S.LAEUFT:
        return (auftrag.lebenszeichen or auftrag.angefordert_am) < jetzt - TOT_NACH
    return auftrag.status == S.WARTEND and auftrag.angefordert_am < jetzt - WARTET_HOECHSTENS


def beanspruchen(modell: type[Auftrag], pk: int, schritt: str) -> bool:
    """Only the run that moves the row to läuft does the work, so a task delivered twice works
    once; a job whose worker died (no heartbeat for TOT_NACH) may be taken over."""
    jetzt = timezone.now()
    return (
        modell.objects.filter(pk=pk)
        .filter(Q(status=S.WARTEND) | Q(status=S.LAEUFT, lebenszeichen__lt=jetzt - TOT_NACH))
        .update(status=S.LAEUFT, fortschritt=0, schritt=schritt, fehler="", lebenszeichen=jetzt)
        == 1
    )


def stand(modell: type[Auftrag], pk: int, fortschritt: int, schritt: str) -> None:
    modell.objects.filter(pk=pk, status=S.LAEUFT).update(
        fortschritt=fortschritt, schritt=schritt[:200], lebenszeichen=timezone.now()
    )


@contextmanager
def lebenszeichen(modell: type[Auftrag], pk: int, *, takt: timedelta = HERZSCHLAG):
    """While the block runs (a long PDF), a thread tells every `takt` that the job lives."""
    fertig = threading.Event()

    def schlagen():
        try:
            while not fertig.wait(takt.total_seconds()):
                modell.objects.filter(pk=pk, status=S.LAEUFT).update(lebenszeichen=timezone.now())
        finally:
            connection.close()  # the thread's own connection

    faden = threading.Thread(target=schlagen, name=f"lebenszeichen-{pk}", daemon=True)
    faden.start()
    try:
        yield
    finally:
        fertig.set()
        faden.join(timeout=5)


def ausfuehren(
    modell: type[Auftrag],
    pk: int,
    arbeit: Callable[[], None],
    *,
    was: str,
    aufraeumen: Callable[[], None] = lambda: None,
) -> bool:
    """Run `arbeit` with a heartbeat; any failure, also the time limit, ends in status
    "fehlgeschlagen" with a German message (`aufraeumen` removes files written so far).
    Nothing is raised to the task."""
    try:
        with lebenszeichen(modell, pk):
            arbeit()
    except AuftragFehler as exc:
        return _fehlgeschlagen(modell, pk, str(exc), aufraeumen)
    except SoftTimeLimitExceeded:
        logger.exception("%s %s: Zeitlimit", was, pk)
        return _fehlgeschlagen(modell, pk, ZEITLIMIT, aufraeumen)
    except Exception as exc:
        logger.exception("%s %s fehlgeschlagen", was, pk)
        return _fehlgeschlagen(
            modell,
            pk,
            f"{was} konnte nicht erstellt werden ({type(exc).__name__}). Bitte erneut "
            "versuchen; bleibt der Fehler, hilft die technische Betreuung (Protokoll des "
            "Workers).",
            aufraeumen,
        )
    return True


def _fehlgeschlagen(modell, pk: int, meldung: str, aufraeumen) -> bool:
    aufraeumen()
    modell.objects.filter(pk=pk).update(status=S.FEHLER, schritt="fehlgeschlagen", fehler=meldung)
    return False
