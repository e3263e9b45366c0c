"""Writes to master data and statistics, with their side effects."""

from __future__ import annotations

from stammdaten.importing import (
    ImportErgebnis,
    ImportFehler,
    Zeilenfehler,
    importieren,
    tabelle_lesen,
)
from stammdaten.resources import KennzahlwertResource


def kennzahlwerte_importieren(
    *, daten: bytes, dateiname: str, speichern: bool, user=None
) -> ImportErgebnis:
    """Import Kennzahlwerte from XLSX/CSV: all rows are saved, or none (with every row error).

    With speichern=False it is a preview: the same checks, nothing kept.
    """
    try:
        tabelle = tabelle_lesen(daten, dateiname)
    except ImportFehler as exc:
        return ImportErgebnis(dateiname=dateiname, fehler=[Zeilenfehler(None, None, str(exc))])
    return importieren(
        KennzahlwertResource(),
        tabelle,
        dateiname=dateiname,
        speichern=speichern,
        pflichtspalten=KennzahlwertResource.PFLICHTSPALTEN,
        user=user,
    )
