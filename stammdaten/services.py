"""Writes to master data and statistics, with their side effects."""

from __future__ import annotations

from stammdaten.importing import ImportErgebnis, Tabelle, importieren
from stammdaten.resources import KennzahlwertResource


def kennzahlwerte_importieren(
    *, daten: bytes | Tabelle, dateiname: str, speichern: bool, user=None
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


def vertretung_benennen(*, bereich, leitung, vertretung, von, bis):
    """A Bereichsleitung names her deputy for a period (holidays)."""
    from django.core.exceptions import PermissionDenied

    from stammdaten.models import Vertretung

    if not leitung.has_perm("stammdaten.vertretung_benennen", bereich):
        raise PermissionDenied
    v = Vertretung(bereich=bereich, vertretene=leitung, vertretung=vertretung, von=von, bis=bis)
    v.full_clean()
    v.save()
    return v


def vertretung_beenden(vertretung) -> None:
    """Ends a Vertretung; decisions already taken "i. V." keep both names."""
    vertretung.delete()
