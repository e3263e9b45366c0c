"""Documents built in the background: a room registers a kind (how to build it, who may ask
for it), a page asks for one, the task `core.dokument_erstellen` builds it outside any row lock
with a time limit, and the person waiting watches the progress on `/dokumente/<pk>/`.

No stored text may make a page wait: building a PDF of a whole Sozialraum takes seconds, so it
never runs inside a web request or a locked transaction."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models, transaction
from django.utils import timezone

from core import auftraege
from core.auftraege import LAUFEND
from core.models import Dokumentauftrag

S = Dokumentauftrag.Status


@dataclass
class Ergebnis:
    """What a build gives: a file to download, or (publication) a page to go to."""

    inhalt: bytes | None = None
    dateiname: str = ""
    meldung: str = ""


Stand = Callable[[int, str], None]  # (percent, step) for the person waiting


@dataclass(frozen=True)
class Dokumentart:
    name: str
    titel: Callable[[models.Model], str]  # "Vorschau: Strategiepapier Oberhausen-Ost 2025"
    recht: str  # asked with the object, to request the document and to read it
    bauen: Callable[[Dokumentauftrag, models.Model, Stand], Ergebnis]
    zurueck: Callable[[models.Model], str]  # the object's page
    # True: at most one job per object at a time (a publication); else a second request
    # joins one still waiting, and a new one starts only when the last has begun.
    einmalig: bool = False
    aufbewahren: bool = False  # False: the file is removed after DOKUMENT_AUFBEWAHRUNG_STUNDEN


ARTEN: dict[str, Dokumentart] = {}


def registrieren(art: Dokumentart) -> Dokumentart:
    """Called by a room's AppConfig.ready(); the name is the key in URLs and rows."""
    ARTEN[art.name] = art
    return art


def anfordern(*, art: str, objekt: models.Model, user) -> Dokumentauftrag:
    """Queue a build or join the one already waiting (`bereits_angefordert` tells which).
    The caller has checked the request (permissions, state) in its own service."""
    from core.tasks import dokument_erstellen

    dokumentart = ARTEN[art]
    jetzt = timezone.now()
    ct = ContentType.objects.get_for_model(objekt)
    with transaction.atomic():
        # Serialises two clicks: the object's row is locked for this short moment only.
        list(type(objekt).objects.select_for_update().filter(pk=objekt.pk).values_list("pk"))
        auftraege_des_objekts = Dokumentauftrag.objects.filter(
            content_type=ct, object_id=objekt.pk, art=art, status__in=LAUFEND
        )
        auftraege_des_objekts.filter(auftraege.tot(jetzt)).update(
            status=S.FEHLER, schritt="abgebrochen", fehler=auftraege.ABGEBROCHEN
        )
        offen = auftraege_des_objekts.exclude(auftraege.tot(jetzt))
        if not dokumentart.einmalig:
            offen = offen.filter(status=S.WARTEND)
        vorhanden = offen.order_by("-angefordert_am").first()
        if vorhanden is not None:
            vorhanden.bereits_angefordert = True
            return vorhanden
        auftrag = Dokumentauftrag.objects.create(
            art=art,
            content_type=ct,
            object_id=objekt.pk,
            angefordert_von=user,
            angefordert_am=jetzt,
            schritt="wartet auf die Verarbeitung",
        )
        # robust: with the broker down the row waits, is shown aborted after
        # WARTET_HOECHSTENS, and a new request replaces it.
        transaction.on_commit(lambda: dokument_erstellen.delay(auftrag.pk), robust=True)
    auftrag.bereits_angefordert = False
    return auftrag


def erstellen(auftrag_id: int) -> bool:
    """The task's work: claimed once, built with a heartbeat, the file stored, or a German
    message on failure (`core.auftraege.ausfuehren`)."""
    if not auftraege.beanspruchen(Dokumentauftrag, auftrag_id, "Inhalte werden gelesen"):
        return False
    auftrag = Dokumentauftrag.objects.get(pk=auftrag_id)
    art = ARTEN.get(auftrag.art)
    objekt = auftrag.objekt
    gespeichert: list[str] = []

    def stand(fortschritt: int, schritt: str) -> None:
        auftraege.stand(Dokumentauftrag, auftrag_id, fortschritt, schritt)

    def arbeit() -> None:
        if art is None:
            raise auftraege.AuftragFehler(f"Die Dokumentart „{auftrag.art}“ gibt es nicht mehr.")
        if objekt is None:
            raise auftraege.AuftragFehler(
                "Das Dokument kann nicht mehr erstellt werden: sein Gegenstand wurde gelöscht."
            )
        ergebnis = art.bauen(auftrag, objekt, stand)
        name = ""
        if ergebnis.inhalt is not None:
            stand(95, "Datei wird abgelegt")
            name = auftrag.datei.field.generate_filename(auftrag, ergebnis.dateiname)
            name = auftrag.datei.storage.save(name, ContentFile(ergebnis.inhalt))
            gespeichert.append(name)
        Dokumentauftrag.objects.filter(pk=auftrag_id, status=S.LAEUFT).update(
            status=S.FERTIG,
            fortschritt=100,
            schritt="fertig",
            datei=name,
            dateiname=ergebnis.dateiname[:200],
            ergebnis=ergebnis.meldung[:300],
            fertig_am=timezone.now(),
        )

    def aufraeumen() -> None:
        for name in gespeichert:
            default_storage.delete(name)

    return auftraege.ausfuehren(
        Dokumentauftrag, auftrag_id, arbeit, was="Das Dokument", aufraeumen=aufraeumen
    )


def aufraeumen(*, jetzt=None) -> int:
    """Beat, hourly: files of previews older than DOKUMENT_AUFBEWAHRUNG_STUNDEN are removed
    with their rows; a publication's row stays (its file belongs to the paper)."""
    jetzt = jetzt or timezone.now()
    grenze = jetzt - timedelta(hours=settings.DOKUMENT_AUFBEWAHRUNG_STUNDEN)
    vergaenglich = [name for name, art in ARTEN.items() if not art.aufbewahren]
    alt = Dokumentauftrag.objects.filter(art__in=vergaenglich, angefordert_am__lt=grenze).exclude(
        status__in=LAUFEND
    )
    anzahl = 0
    for auftrag in alt.iterator():
        if auftrag.datei:
            auftrag.datei.delete(save=False)
        auftrag.delete()
        anzahl += 1
    return anzahl
