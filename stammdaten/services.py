"""Writes to master data and statistics, with their side effects."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone

from core.importing import ImportErgebnis, Tabelle, importieren
from core.rechte import erzwingen
from core.workflow import WorkflowError, gueltig
from stammdaten import protokoll
from stammdaten.models import Bereich, User, Vertretung
from stammdaten.resources import KennzahlwertResource


def kennzahlwerte_importieren(
    *, daten: bytes | Tabelle, dateiname: str, speichern: bool, user: User | None = None
) -> ImportErgebnis:
    """Import Kennzahlwerte from XLSX/CSV: all rows are saved, or none (with every row error).

    With speichern=False it is a preview: the same checks, nothing written.
    """
    return importieren(
        KennzahlwertResource(),
        daten,
        dateiname=dateiname,
        speichern=speichern,
        pflichtspalten=KennzahlwertResource.PFLICHTSPALTEN,
        user=user,
    )


@transaction.atomic
def vertretung_benennen(
    *, bereich: Bereich, leitung: User, vertretung: User, von: date, bis: date
) -> Vertretung:
    """A Bereichsleitung names her deputy for a period (holidays)."""
    erzwingen(leitung, "stammdaten.vertretung_benennen", bereich)
    v = Vertretung(bereich=bereich, vertretene=leitung, vertretung=vertretung, von=von, bis=bis)
    gueltig(v)
    v.save()
    return v


@transaction.atomic
def vertretung_beenden(*, vertretung: Vertretung, user: User) -> None:
    """Ends a Vertretung early; it stays on record (who, for whom, when, ended by whom), and
    decisions already taken "i. V." keep both names."""
    erzwingen(user, "stammdaten.vertretung_benennen", vertretung.bereich)
    if vertretung.beendet_am is not None:
        raise WorkflowError("Diese Vertretung ist schon beendet.")
    Vertretung.objects.filter(pk=vertretung.pk).update(beendet_am=timezone.now(), beendet_von=user)
    protokoll.vertretung_beendet(vertretung)
