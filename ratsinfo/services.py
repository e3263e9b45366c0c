"""Linking council papers and keeping them current."""

from __future__ import annotations

import logging
from datetime import date

from django.db import transaction
from django.utils import timezone

from core.rechte import erzwingen
from core.workflow import WorkflowError, gueltig
from empfehlungen.models import Handlungsempfehlung
from ratsinfo import oparl
from ratsinfo.models import Ratsvorlage
from stammdaten.models import User
from strategiepapier.models import Strategiepapier

logger = logging.getLogger(__name__)
BEARBEITEN = "ratsinfo.bearbeiten"


def _verknuepfung(objekt):
    if isinstance(objekt, Handlungsempfehlung):
        return "empfehlungen"
    if isinstance(objekt, Strategiepapier):
        return "strategiepapiere"
    raise WorkflowError("Ratsvorlagen gehören zu Empfehlungen und Strategiepapieren.")


@transaction.atomic
def ratsvorlage_verknuepfen(
    *,
    user: User,
    objekt,
    oparl_url: str = "",
    nummer: str = "",
    datum: date | None = None,
    web: str = "",
) -> Ratsvorlage:
    """By its OParl Paper URL (fetched after the commit by a task), or by hand (number, date,
    link) where the city has no OParl server."""
    erzwingen(user, BEARBEITEN)
    feld = _verknuepfung(objekt)
    oparl_url = oparl_url.strip()
    if oparl_url:
        if not oparl.erlaubt(oparl_url):
            meldung = (
                "Die Adresse liegt nicht auf dem eingestellten OParl-Server."
                if _oparl_eingestellt()
                else "Es ist kein OParl-Server eingestellt; bitte die Drucksache von Hand erfassen."
            )
            raise WorkflowError(meldung, felder={"oparl_url": meldung})
        vorlage, neu = Ratsvorlage.objects.get_or_create(
            oparl_id=oparl_url, defaults={"angelegt_von": user}
        )
        if neu or vorlage.abruf_fehler or not vorlage.abgerufen_am:
            from ratsinfo.tasks import abrufen

            transaction.on_commit(lambda: abrufen.delay(vorlage.pk), robust=True)
    else:
        if not nummer.strip():
            raise WorkflowError(
                "Bitte die OParl-Adresse oder die Drucksachen-Nummer angeben.",
                felder={"nummer": "Bitte die Drucksachen-Nummer angeben."},
            )
        vorlage = Ratsvorlage(
            nummer=nummer.strip(), datum=datum, web=web.strip(), angelegt_von=user
        )
        gueltig(vorlage, exclude=["empfehlungen", "strategiepapiere"])
        vorlage.save()
    if getattr(vorlage, feld).filter(pk=objekt.pk).exists():
        raise WorkflowError(f"Die Drucksache {vorlage} ist hier schon verknüpft.")
    getattr(vorlage, feld).add(objekt)
    Ratsvorlage.objects.filter(pk=vorlage.pk).update(aktualisiert_am=timezone.now())
    return vorlage


def _oparl_eingestellt() -> bool:
    from django.conf import settings

    return bool(settings.OPARL_URL)


@transaction.atomic
def ratsvorlage_loesen(*, user: User, objekt, vorlage: Ratsvorlage) -> None:
    erzwingen(user, BEARBEITEN)
    getattr(vorlage, _verknuepfung(objekt)).remove(objekt)
    Ratsvorlage.objects.filter(pk=vorlage.pk).update(aktualisiert_am=timezone.now())


def ratsvorlage_abrufen(vorlage_id: int) -> Ratsvorlage:
    """Fetch the paper (outside any transaction: the server may be slow) and store what came,
    or the reason it did not (the last known data stay). A temporary fault is raised again as
    oparl.VorlaeufigerFehler after it is recorded, so the task can retry."""
    vorlage = Ratsvorlage.objects.get(pk=vorlage_id)
    if vorlage.manuell:
        return vorlage
    try:
        drucksache = oparl.drucksache(vorlage.oparl_id)
    except oparl.OParlFehler as exc:
        _problem(vorlage, str(exc))
        if exc.vorlaeufig:
            raise
        return vorlage
    jetzt = timezone.now()
    if drucksache.geloescht:
        Ratsvorlage.objects.filter(pk=vorlage.pk).update(
            geloescht=True,
            abgerufen_am=jetzt,
            abruf_fehler="",
            abruf_fehler_seit=None,
            aktualisiert_am=jetzt,
        )
    else:
        Ratsvorlage.objects.filter(pk=vorlage.pk).update(
            nummer=drucksache.nummer,
            titel=drucksache.titel,
            datum=drucksache.datum,
            art=drucksache.art,
            web=drucksache.web,
            beschluss=drucksache.beschluss,
            beschluss_am=drucksache.beschluss_am,
            gremium=drucksache.gremium,
            geloescht=False,
            abgerufen_am=jetzt,
            abruf_fehler="",
            abruf_fehler_seit=None,
            aktualisiert_am=jetzt,
        )
    vorlage.refresh_from_db()
    return vorlage


def _problem(vorlage: Ratsvorlage, meldung: str) -> None:
    logger.warning("Ratsvorlage %s: %s", vorlage.pk, meldung)
    jetzt = timezone.now()
    Ratsvorlage.objects.filter(pk=vorlage.pk).update(
        abruf_fehler=meldung[:300],
        abruf_fehler_seit=vorlage.abruf_fehler_seit or jetzt,
        aktualisiert_am=jetzt,
    )
