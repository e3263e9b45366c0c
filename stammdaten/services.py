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
